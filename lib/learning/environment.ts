// The one environment a local `thoth advise` learns and resolves for: the user's RuntimeEnvironment
// (flags, .thoth.yaml or a detected interpreter) as a solver target (id, Python, platform tag) and as
// the adviser's environment. The solver's environment id is the graph's environment key, so the id
// is derived deterministically: the same interpreter always reads and extends the same verdicts.
import type { RuntimeEnvironment } from '../contracts/index.js';
import type { AdviserEnvironment } from '../adviser/index.js';
import { ENVIRONMENT_MARKER_KEYS } from '../python/index.js';
import type { MarkerEnvironment } from '../python/index.js';
import { resolveEnvironment } from '../solver/environments.js';
import type { EnvironmentSpec, TargetEnvironment } from '../solver/index.js';

export interface LearningTarget {
  /** What the solver is asked to solve for. */
  spec: EnvironmentSpec;
  target: TargetEnvironment;
  /** The graph's environment key (the solver environment id). */
  key: string;
  adviser: AdviserEnvironment;
}

/** The most specific platform tag the environment accepts (PEP 600/656 from its libc). */
export function platformTag(env: RuntimeEnvironment): string {
  const markers = env.marker_environment as Record<string, string> | undefined;
  const machine = (env.machine ?? markers?.['platform_machine'] ?? 'x86_64').toLowerCase();
  const system = markers?.['sys_platform'] ?? 'linux';
  if (system === 'darwin') return `macosx_11_0_${machine === 'aarch64' ? 'arm64' : machine}`;
  if (system === 'win32') return machine === 'arm64' ? 'win_arm64' : 'win_amd64';
  const libc = env.libc;
  const version = /^(\d+)\.(\d+)/.exec(libc?.version ?? '');
  if (libc?.name === 'musl' && version !== null) return `musllinux_${version[1]}_${version[2]}_${machine}`;
  if (version !== null) return `manylinux_${version[1]}_${version[2]}_${machine}`;
  // No libc known (flags only): the glibc of current mainstream distributions (RHEL 9).
  return `manylinux_2_34_${machine}`;
}

/** `pythonFullVersion` overrides X.Y.0 when the environment names no full version (`--python-version 3.11.7`). */
export function learningTarget(env: RuntimeEnvironment, pythonFullVersion?: string): LearningTarget {
  const given = env.marker_environment as Record<string, string> | undefined;
  const python = given?.['python_full_version'] ?? pythonFullVersion ?? `${env.python_version}.0`;
  const implementation = env.python_implementation ?? 'cpython';
  const platform = platformTag(env);
  const id = `${implementation}-${python}-${platform}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .slice(0, 63);
  const markerEnvironment =
    given === undefined
      ? undefined
      : Object.fromEntries(
          ENVIRONMENT_MARKER_KEYS.filter((k) => given[k] !== undefined).map((k) => [k, given[k]!]),
        );
  const spec: EnvironmentSpec = {
    id,
    python,
    implementation,
    platform,
    ...(env.operating_system?.name === undefined ? {} : { osName: env.operating_system.name }),
    ...(env.operating_system?.version == null ? {} : { osVersion: env.operating_system.version }),
    ...(markerEnvironment === undefined ? {} : { markerEnvironment }),
  };
  const target = resolveEnvironment(spec);
  return {
    spec,
    target,
    key: id,
    adviser: {
      pythonVersion: target.environment.marker_environment.python_full_version,
      markers: target.environment.marker_environment as unknown as MarkerEnvironment,
    },
  };
}
