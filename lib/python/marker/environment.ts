// Marker environments built from explicit inputs (lib/python never inspects the running process): the
// values CPython's `platform`, `sys` and `os` modules would report on the described target.
import type { MarkerEnvironment } from './evaluate.js';

/** The target interpreter and platform; every field packaging reads can be overridden. */
export interface EnvironmentInputs {
  /** Full Python version, e.g. "3.12.4" or "3.13.0rc1" (platform.python_version()). */
  python: string;
  /** sys.platform, e.g. "linux", "darwin", "win32". */
  platform: string;
  /** platform.machine(), e.g. "x86_64", "arm64", "AMD64". */
  machine: string;
  /** sys.implementation.name: "cpython" (default), "pypy", "graalpy", … */
  implementation?: string;
  /** implementation_version; defaults to `python` for CPython and is required to be exact for others. */
  implementationVersion?: string;
  /** platform.release(), e.g. "6.8.0-45-generic"; empty when unknown. */
  release?: string;
  /** platform.version(); empty when unknown. */
  version?: string;
  /** platform.system(); derived from `platform` when omitted (Linux, Darwin, Windows…). */
  system?: string;
  /** os.name; "nt" on Windows, else "posix". */
  osName?: string;
  /** platform.python_implementation(); derived from `implementation`. */
  pythonImplementation?: string;
}

const SYSTEMS: Record<string, string> = {
  linux: 'Linux',
  darwin: 'Darwin',
  win32: 'Windows',
  cygwin: 'CYGWIN_NT',
  emscripten: 'Emscripten',
  ios: 'iOS',
  android: 'Android',
};

const IMPLEMENTATIONS: Record<string, string> = {
  cpython: 'CPython',
  pypy: 'PyPy',
  graalpy: 'GraalVM',
  ironpython: 'IronPython',
  jython: 'Jython',
};

function systemOf(sysPlatform: string): string {
  const known = SYSTEMS[sysPlatform];
  if (known !== undefined) return known;
  if (sysPlatform.startsWith('freebsd')) return 'FreeBSD';
  if (sysPlatform.startsWith('openbsd')) return 'OpenBSD';
  if (sysPlatform.startsWith('aix')) return 'AIX';
  return sysPlatform;
}

/**
 * The PEP 508 variables that describe an interpreter and its platform: the keys of packaging's
 * `default_environment()` and of schemas/common/marker-environment.v1.json (`extra` and the PEP 751
 * set variables are not properties of an environment).
 */
export const ENVIRONMENT_MARKER_KEYS = [
  'implementation_name',
  'implementation_version',
  'os_name',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_full_version',
  'python_version',
  'sys_platform',
] as const;

/**
 * The marker environment of the described interpreter, with the keys of packaging's
 * `default_environment()`: python_version is the first two components of `python`.
 */
export function defaultEnvironment(inputs: EnvironmentInputs): Record<string, string> {
  const implementation = inputs.implementation ?? 'cpython';
  return {
    implementation_name: implementation,
    implementation_version: inputs.implementationVersion ?? inputs.python,
    os_name: inputs.osName ?? (inputs.platform === 'win32' ? 'nt' : 'posix'),
    platform_machine: inputs.machine,
    platform_release: inputs.release ?? '',
    platform_system: inputs.system ?? systemOf(inputs.platform),
    platform_version: inputs.version ?? '',
    python_full_version: inputs.python,
    platform_python_implementation:
      inputs.pythonImplementation ?? IMPLEMENTATIONS[implementation] ?? implementation,
    python_version: inputs.python.split('.').slice(0, 2).join('.'),
    sys_platform: inputs.platform,
  } satisfies MarkerEnvironment;
}
