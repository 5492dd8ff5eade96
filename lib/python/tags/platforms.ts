// Platform tags a target supports, most specific first, as packaging.tags.platform_tags() would list
// them on that target: Linux (native, then manylinux per PEP 600 with the legacy manylinux1/2010/2014
// aliases, then musllinux per PEP 656), macOS (versions and binary formats), Windows, iOS, Android,
// Emscripten, or any other sysconfig platform as is.

/** The platform part of a target, described explicitly (nothing is read from the running process). */
export type PlatformSpec =
  | {
      os: 'linux';
      /** The machine part of sysconfig.get_platform(), e.g. x86_64, aarch64, armv7l, i686, ppc64le. */
      arch: string;
      /** glibc (major, minor) the interpreter is linked against; no manylinux tags without it. */
      glibc?: readonly [number, number];
      /** musl (major, minor) the interpreter is linked against; no musllinux tags without it. */
      musl?: readonly [number, number];
      /** A 32-bit interpreter on a 64-bit kernel (x86_64 → i686, aarch64 → armv8l). */
      is32Bit?: boolean;
    }
  | {
      os: 'macos';
      /** macOS (major, minor), e.g. [14, 5]; only the major counts from macOS 11 on. */
      version: readonly [number, number];
      /** CPU architecture: arm64, x86_64 (i386, ppc, ppc64 for old systems). */
      arch: string;
      /** A 32-bit interpreter (arch becomes i386 or ppc). */
      is32Bit?: boolean;
    }
  | { os: 'windows'; arch: 'x86' | 'x86_64' | 'arm64' }
  | { os: 'ios'; version: readonly [number, number]; multiarch: string }
  | { os: 'android'; apiLevel: number; abi: string }
  | { os: 'emscripten'; platform: string; pyemscriptenVersion?: string }
  /** Any other system: sysconfig.get_platform(), e.g. "freebsd-14.1-RELEASE-amd64". */
  | { os: 'other'; platform: string };

/** packaging's `_normalize_string`: `.`, `-` and space become `_`. */
export function normalizePlatformString(text: string): string {
  return text.replace(/[.\- ]/g, '_');
}

// Architectures with manylinux support whatever the ELF header says (packaging's _ALLOWED_ARCHS);
// armv7l and i686 need a hard-float / i386 interpreter, which the target description implies.
const MANYLINUX_ARCHS: ReadonlySet<string> = new Set([
  'x86_64',
  'aarch64',
  'ppc64',
  'ppc64le',
  's390x',
  'loongarch64',
  'riscv64',
]);

// glibc 2.x minors are listed exhaustively; for a future glibc 3 packaging assumes 2.x ended at 2.50.
const LAST_GLIBC_MINOR = 50;

const LEGACY_MANYLINUX: Record<string, string> = {
  '2.17': 'manylinux2014', // PEP 599, CentOS 7
  '2.12': 'manylinux2010', // PEP 571, CentOS 6
  '2.5': 'manylinux1', // PEP 513, CentOS 5
};

/** manylinux platform tags for a glibc, from newest to oldest, each arch in turn (PEP 600). */
export function manylinuxPlatforms(archs: readonly string[], glibc: readonly [number, number]): string[] {
  const compatible =
    archs.includes('armv7l') || archs.includes('i686') || archs.some((a) => MANYLINUX_ARCHS.has(a));
  if (!compatible) return [];
  // The oldest glibc with manylinux tags is 2.17, or 2.5 on x86.
  const tooOld: [number, number] = archs.includes('x86_64') || archs.includes('i686') ? [2, 4] : [2, 16];
  const maxima: Array<[number, number]> = [[glibc[0], glibc[1]]];
  for (let major = glibc[0] - 1; major > 1; major -= 1) maxima.push([major, LAST_GLIBC_MINOR]);
  const tags: string[] = [];
  for (const arch of archs) {
    for (const [major, maxMinor] of maxima) {
      const minMinor = major === tooOld[0] ? tooOld[1] : -1;
      for (let minor = maxMinor; minor > minMinor; minor -= 1) {
        tags.push(`manylinux_${major}_${minor}_${arch}`);
        const legacy = LEGACY_MANYLINUX[`${major}.${minor}`];
        if (legacy !== undefined) tags.push(`${legacy}_${arch}`);
      }
    }
  }
  return tags;
}

/** musllinux platform tags (PEP 656): every minor of the musl major, newest first. */
export function musllinuxPlatforms(archs: readonly string[], musl: readonly [number, number]): string[] {
  const tags: string[] = [];
  for (const arch of archs) {
    for (let minor = musl[1]; minor >= 0; minor -= 1) tags.push(`musllinux_${musl[0]}_${minor}_${arch}`);
  }
  return tags;
}

function linuxPlatforms(spec: Extract<PlatformSpec, { os: 'linux' }>): string[] {
  let linux = normalizePlatformString(`linux-${spec.arch}`);
  if (spec.is32Bit === true) {
    if (linux === 'linux_x86_64') linux = 'linux_i686';
    else if (linux === 'linux_aarch64') linux = 'linux_armv8l';
  }
  const arch = linux.slice('linux_'.length);
  const archs = arch === 'armv8l' ? ['armv8l', 'armv7l'] : [arch];
  return [
    ...archs.map((a) => `linux_${a}`),
    ...(spec.glibc ? manylinuxPlatforms(archs, spec.glibc) : []),
    ...(spec.musl ? musllinuxPlatforms(archs, spec.musl) : []),
  ];
}

function compareVersion(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** The binary formats a macOS version and CPU can load (packaging's _mac_binary_formats). */
export function macBinaryFormats(version: readonly [number, number], arch: string): string[] {
  const formats = [arch];
  const below = (v: [number, number]): boolean => compareVersion(version, v) < 0;
  const above = (v: [number, number]): boolean => compareVersion(version, v) > 0;
  if (arch === 'x86_64') {
    if (below([10, 4])) return [];
    formats.push('intel', 'fat64', 'fat3');
  } else if (arch === 'i386') {
    if (below([10, 4])) return [];
    formats.push('intel', 'fat3', 'fat');
  } else if (arch === 'ppc64') {
    if (above([10, 5]) || below([10, 4])) return [];
    formats.push('fat64');
  } else if (arch === 'ppc') {
    if (above([10, 6])) return [];
    formats.push('fat3', 'fat');
  }
  if (arch === 'arm64' || arch === 'x86_64') formats.push('universal2');
  if (['x86_64', 'i386', 'ppc64', 'ppc', 'intel'].includes(arch)) formats.push('universal');
  return formats;
}

/** macOS platform tags, as packaging's mac_platforms(version, arch). */
export function macPlatforms(version: readonly [number, number], arch: string): string[] {
  const tags: string[] = [];
  const emit = (major: number, minor: number, formats: readonly string[]): void => {
    for (const format of formats) tags.push(`macosx_${major}_${minor}_${format}`);
  };
  if (compareVersion(version, [10, 0]) >= 0 && compareVersion(version, [11, 0]) < 0) {
    // Before macOS 11 every yearly release bumped the minor version.
    for (let minor = version[1]; minor >= 0; minor -= 1) emit(10, minor, macBinaryFormats([10, minor], arch));
  }
  if (compareVersion(version, [11, 0]) >= 0) {
    // From macOS 11 on the major version is bumped yearly; minors are mid-year updates.
    for (let major = version[0]; major > 10; major -= 1) emit(major, 0, macBinaryFormats([major, 0], arch));
    // x86_64 macOS 11+ runs binaries for 10.x; arm64 only universal2 ones, which may name 10.x.
    for (let minor = 16; minor > 3; minor -= 1) {
      emit(10, minor, arch === 'x86_64' ? macBinaryFormats([10, minor], arch) : ['universal2']);
    }
  }
  return tags;
}

/** iOS platform tags (packaging's ios_platforms): the version, its earlier minors, then X.9…X.0 down to 12. */
export function iosPlatforms(version: readonly [number, number], multiarch: string): string[] {
  const arch = multiarch.replace(/-/g, '_');
  if (version[0] < 12) return [];
  const tags = [`ios_${version[0]}_${version[1]}_${arch}`];
  for (let minor = version[1] - 1; minor >= 0; minor -= 1) tags.push(`ios_${version[0]}_${minor}_${arch}`);
  for (let major = version[0] - 1; major > 11; major -= 1) {
    for (let minor = 9; minor >= 0; minor -= 1) tags.push(`ios_${major}_${minor}_${arch}`);
  }
  return tags;
}

/** Android platform tags: every API level from `apiLevel` down to 16. */
export function androidPlatforms(apiLevel: number, abi: string): string[] {
  const normalized = normalizePlatformString(abi);
  const tags: string[] = [];
  for (let level = apiLevel; level >= 16; level -= 1) tags.push(`android_${level}_${normalized}`);
  return tags;
}

const WINDOWS: Record<string, string> = { x86: 'win32', x86_64: 'win_amd64', arm64: 'win_arm64' };

/** Every platform tag the target supports, best first. */
export function platformTags(spec: PlatformSpec): string[] {
  switch (spec.os) {
    case 'linux':
      return linuxPlatforms(spec);
    case 'macos': {
      const arch = spec.is32Bit === true ? (spec.arch.startsWith('ppc') ? 'ppc' : 'i386') : spec.arch;
      return macPlatforms(spec.version, arch);
    }
    case 'windows':
      return [WINDOWS[spec.arch] as string];
    case 'ios':
      return iosPlatforms(spec.version, spec.multiarch);
    case 'android':
      return androidPlatforms(spec.apiLevel, spec.abi);
    case 'emscripten':
      return [
        ...(spec.pyemscriptenVersion ? [`pyemscripten_${spec.pyemscriptenVersion}_wasm32`] : []),
        normalizePlatformString(spec.platform),
      ];
    case 'other':
      return [normalizePlatformString(spec.platform)];
  }
}
