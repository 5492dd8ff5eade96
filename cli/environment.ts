// Detect the runtime environment of a local Python interpreter (marker environment, libc, OS) by
// running it once; used by `thoth config init` and by `thoth advise` when no environment is given.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { InputError } from '../lib/errors/index.js';
import type { RuntimeEnvironment } from '../lib/contracts/index.js';

const run = promisify(execFile);

// Printed by the interpreter: PEP 508's variables computed as packaging.markers.default_environment does.
const PROBE = `
import json, os, platform, sys
def fmt(info):
    v = "{0.major}.{0.minor}.{0.micro}".format(info)
    if info.releaselevel != "final":
        v += info.releaselevel[0] + str(info.serial)
    return v
iver = fmt(sys.implementation.version)
print(json.dumps({
  "implementation_name": sys.implementation.name,
  "implementation_version": iver,
  "os_name": os.name,
  "platform_machine": platform.machine(),
  "platform_release": platform.release(),
  "platform_system": platform.system(),
  "platform_version": platform.version(),
  "python_full_version": platform.python_version(),
  "platform_python_implementation": platform.python_implementation(),
  "python_version": ".".join(platform.python_version_tuple()[:2]),
  "sys_platform": sys.platform,
  "libc": list(platform.libc_ver()),
}))
`;

export async function detectEnvironment(python = 'python3'): Promise<RuntimeEnvironment> {
  let stdout: string;
  try {
    ({ stdout } = await run(python, ['-c', PROBE], { timeout: 20_000 }));
  } catch (error) {
    throw new InputError(
      `cannot run ${python} to detect the runtime environment (${(error as Error).message.split('\n')[0]}); pass --python PATH or --python-version X.Y`,
    );
  }
  const probe = JSON.parse(stdout) as Record<string, string> & { libc: [string, string] };
  const { libc, ...markers } = probe;
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1];
  const osName = field('ID');
  const osVersion = field('VERSION_ID');
  const env: RuntimeEnvironment = {
    python_version: markers['python_version']!,
    python_implementation: markers['implementation_name']!,
    machine: markers['platform_machine']!,
    marker_environment: markers as unknown as NonNullable<RuntimeEnvironment['marker_environment']>,
  };
  if (osName !== undefined && osVersion !== undefined)
    env.operating_system = { name: osName, version: osVersion };
  if (libc[0] === 'glibc' && libc[1] !== '') env.libc = { name: 'glibc', version: libc[1] };
  return env;
}
