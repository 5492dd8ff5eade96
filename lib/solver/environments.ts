// Target environments: from a short description (id, Python, one platform tag) to what the solver
// needs: the document's identity and full PEP 508 marker environment, and the PEP 425 tags the
// interpreter accepts. Nothing is probed from the running machine, so one process can solve for many
// environments (the original needed one container image per environment, §4.1).
import type { SolverEnvironment } from '../contracts/index.js';
import { InputError } from '../errors/index.js';
import {
  defaultEnvironment,
  ENVIRONMENT_MARKER_KEYS,
  supportedTags,
  tryParseVersion,
} from '../python/index.js';
import type { PlatformSpec } from '../python/index.js';
import type { EnvironmentSpec, TargetEnvironment } from './types.js';

/** schemas/common/environment-id.v1.json. */
const ENVIRONMENT_ID = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/;
const OS_FIELD = /^[a-z0-9][a-z0-9._-]*$/;
const OS_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const IMPLEMENTATION = /^[a-z][a-z0-9_]*$/;

/** What a platform tag says about the system behind it. */
interface PlatformFacts {
  spec: PlatformSpec;
  /** sys.platform. */
  sysPlatform: string;
  /** platform.machine() as the OS reports it (Windows says AMD64). */
  machine: string;
  /** sysconfig.get_platform(). */
  sysconfigPlatform: string;
  osName: string;
  osVersion: string;
}

// PEP 600 legacy aliases: manylinux1 = glibc 2.5, manylinux2010 = 2.12, manylinux2014 = 2.17.
const LEGACY_MANYLINUX: Record<string, [number, number]> = {
  manylinux1: [2, 5],
  manylinux2010: [2, 12],
  manylinux2014: [2, 17],
};

const WINDOWS: Record<string, { arch: 'x86' | 'x86_64' | 'arm64'; machine: string; sysconfig: string }> = {
  win32: { arch: 'x86', machine: 'x86', sysconfig: 'win32' },
  win_amd64: { arch: 'x86_64', machine: 'AMD64', sysconfig: 'win-amd64' },
  win_arm64: { arch: 'arm64', machine: 'ARM64', sysconfig: 'win-arm64' },
};

/**
 * Read a platform tag ('manylinux_2_34_x86_64', 'manylinux2014_aarch64', 'musllinux_1_2_x86_64',
 * 'linux_x86_64', 'macosx_14_0_arm64', 'win_amd64') as the system it stands for. Throws InputError for
 * a tag it cannot place.
 */
export function platformFromTag(tag: string): PlatformFacts {
  const linux = (arch: string, libc: Partial<Record<'glibc' | 'musl', [number, number]>>): PlatformFacts => ({
    spec: { os: 'linux', arch, ...libc },
    sysPlatform: 'linux',
    machine: arch,
    sysconfigPlatform: `linux-${arch}`,
    osName: 'linux',
    osVersion:
      libc.glibc !== undefined
        ? `glibc-${libc.glibc.join('.')}`
        : libc.musl !== undefined
          ? `musl-${libc.musl.join('.')}`
          : 'unknown',
  });
  let match = /^(manylinux|musllinux)_(\d+)_(\d+)_([a-z0-9_]+)$/.exec(tag);
  if (match !== null) {
    const version: [number, number] = [Number(match[2]), Number(match[3])];
    return linux(match[4]!, match[1] === 'manylinux' ? { glibc: version } : { musl: version });
  }
  match = /^(manylinux1|manylinux2010|manylinux2014)_([a-z0-9_]+)$/.exec(tag);
  if (match !== null) return linux(match[2]!, { glibc: LEGACY_MANYLINUX[match[1]!]! });
  match = /^linux_([a-z0-9_]+)$/.exec(tag);
  if (match !== null) return linux(match[1]!, {});
  match = /^macosx_(\d+)_(\d+)_([a-z0-9_]+)$/.exec(tag);
  if (match !== null) {
    const version: [number, number] = [Number(match[1]), Number(match[2])];
    const arch = match[3]!;
    return {
      spec: { os: 'macos', version, arch },
      sysPlatform: 'darwin',
      machine: arch,
      sysconfigPlatform: `macosx-${version.join('.')}-${arch}`,
      osName: 'macos',
      osVersion: version.join('.'),
    };
  }
  const windows = WINDOWS[tag];
  if (windows !== undefined) {
    return {
      spec: { os: 'windows', arch: windows.arch },
      sysPlatform: 'win32',
      machine: windows.machine,
      sysconfigPlatform: windows.sysconfig,
      osName: 'windows',
      osVersion: 'unknown',
    };
  }
  throw new InputError(
    `platform "${tag}" is not a platform tag the solver knows; use e.g. manylinux_2_34_x86_64, musllinux_1_2_aarch64, linux_x86_64, macosx_14_0_arm64 or win_amd64`,
    { context: { platform: tag } },
  );
}

/** Turn a described environment into a solver target; throws InputError naming the bad field. */
export function resolveEnvironment(spec: EnvironmentSpec): TargetEnvironment {
  const where = `environment "${spec.id}"`;
  if (spec.id.length > 63 || !ENVIRONMENT_ID.test(spec.id)) {
    throw new InputError(
      `environment id "${spec.id}" must be lowercase letters, digits, ".", "_" and "-" (at most 63), e.g. ubi-9-py311`,
    );
  }
  const version = tryParseVersion(spec.python);
  const release = version?.release ?? [];
  if (version === undefined || release.length < 2 || release.length > 3 || version.local !== undefined) {
    throw new InputError(`${where}: python "${spec.python}" must be a version such as 3.11 or 3.11.7`);
  }
  const pythonFull = release.length === 2 ? `${spec.python}.0` : spec.python;
  const implementation = spec.implementation ?? 'cpython';
  if (!IMPLEMENTATION.test(implementation)) {
    throw new InputError(`${where}: implementation "${implementation}" must be like cpython or pypy`);
  }
  const facts = platformFromTag(spec.platform);
  const osName = spec.osName ?? facts.osName;
  const osVersion = spec.osVersion ?? facts.osVersion;
  if (!OS_FIELD.test(osName) || osName.length > 64) {
    throw new InputError(`${where}: os "${osName}" must be an os-release ID such as rhel or ubuntu`);
  }
  if (!OS_VERSION.test(osVersion) || osVersion.length > 64) {
    throw new InputError(`${where}: os_version "${osVersion}" must be like 9 or 22.04`);
  }
  const derived = defaultEnvironment({
    python: pythonFull,
    platform: facts.sysPlatform,
    machine: facts.machine,
    implementation,
  });
  const overrides = spec.markerEnvironment ?? {};
  for (const key of Object.keys(overrides)) {
    if (!(ENVIRONMENT_MARKER_KEYS as readonly string[]).includes(key)) {
      throw new InputError(`${where}: "${key}" is not a PEP 508 marker variable`);
    }
  }
  const merged = { ...derived, ...overrides };
  const markerEnvironment = Object.fromEntries(
    ENVIRONMENT_MARKER_KEYS.map((key) => [key, merged[key] ?? '']),
  ) as unknown as SolverEnvironment['marker_environment'];
  const pythonVersion: [number, number] = [Number(release[0]), Number(release[1])];
  const environment: SolverEnvironment = {
    identity: {
      id: spec.id,
      os_name: osName,
      os_version: osVersion,
      python_version: pythonVersion.join('.'),
      platform: facts.sysconfigPlatform,
    },
    python_implementation: implementation,
    marker_environment: markerEnvironment,
  };
  return {
    environment,
    platform: facts.spec,
    supportedTags: supportedTags(
      { implementation, pythonVersion, ...(spec.abis === undefined ? {} : { abis: spec.abis }) },
      facts.spec,
    ),
  };
}

/**
 * Read the `--environment` shorthand: `id=ubi-9-py311,python=3.11.7,platform=manylinux_2_34_x86_64`
 * with optional `implementation=`, `os=`, `os_version=`, `abis=a+b`. Throws InputError naming the key.
 */
export function parseEnvironmentShorthand(text: string): EnvironmentSpec {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new InputError(`--environment "${text}": "${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    if (fields.has(key)) throw new InputError(`--environment "${text}": "${key}" given twice`);
    fields.set(key, part.slice(eq + 1).trim());
  }
  const known = new Set(['id', 'python', 'platform', 'implementation', 'os', 'os_version', 'abis']);
  for (const key of fields.keys()) {
    if (!known.has(key)) {
      throw new InputError(`--environment "${text}": unknown key "${key}"; use ${[...known].join(', ')}`);
    }
  }
  for (const key of ['id', 'python', 'platform']) {
    if (!fields.has(key)) throw new InputError(`--environment "${text}": "${key}=" is required`);
  }
  return compact({
    id: fields.get('id')!,
    python: fields.get('python')!,
    platform: fields.get('platform')!,
    implementation: fields.get('implementation'),
    osName: fields.get('os'),
    osVersion: fields.get('os_version'),
    abis: fields.get('abis')?.split('+'),
  });
}

/**
 * Read an environment file's parsed JSON: one environment object, an array of them, or
 * `{"environments": [...]}`. Object keys are snake_case: id, python, platform, implementation,
 * os_name, os_version, abis, marker_environment. Throws InputError naming the entry and field.
 */
export function readEnvironmentFile(data: unknown, source = 'environment file'): EnvironmentSpec[] {
  const list: unknown =
    Array.isArray(data) || !isRecord(data) || !('environments' in data) ? data : data.environments;
  const entries = Array.isArray(list) ? (list as unknown[]) : [list];
  if (entries.length === 0) throw new InputError(`${source}: lists no environment`);
  return entries.map((entry, i) => {
    const where = `${source} entry ${i}`;
    if (!isRecord(entry)) throw new InputError(`${where}: must be an object`);
    const known = new Set([
      'id',
      'python',
      'platform',
      'implementation',
      'os_name',
      'os_version',
      'abis',
      'marker_environment',
    ]);
    for (const key of Object.keys(entry)) {
      if (!known.has(key)) throw new InputError(`${where}: unknown field "${key}"`);
    }
    const text = (key: string, required: boolean): string | undefined => {
      const value = entry[key];
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || value === '') {
        throw new InputError(`${where}: "${key}" must be a non-empty string`);
      }
      return value;
    };
    const abis = entry.abis;
    if (abis !== undefined && (!Array.isArray(abis) || abis.some((a) => typeof a !== 'string'))) {
      throw new InputError(`${where}: "abis" must be an array of strings`);
    }
    const markers = entry.marker_environment;
    if (
      markers !== undefined &&
      (!isRecord(markers) || Object.values(markers).some((v) => typeof v !== 'string'))
    ) {
      throw new InputError(`${where}: "marker_environment" must map marker variables to strings`);
    }
    return compact({
      id: text('id', true)!,
      python: text('python', true)!,
      platform: text('platform', true)!,
      implementation: text('implementation', false),
      osName: text('os_name', false),
      osVersion: text('os_version', false),
      abis: abis as string[] | undefined,
      markerEnvironment: markers as Record<string, string> | undefined,
    });
  });
}

/** Resolve several environments, refusing duplicate ids. */
export function resolveEnvironments(specs: readonly EnvironmentSpec[]): TargetEnvironment[] {
  if (specs.length === 0) throw new InputError('at least one environment is needed');
  const seen = new Set<string>();
  return specs.map((spec) => {
    if (seen.has(spec.id)) throw new InputError(`environment id "${spec.id}" is given twice`);
    seen.add(spec.id);
    return resolveEnvironment(spec);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drop undefined fields (exactOptionalPropertyTypes-friendly object literals). */
function compact<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
