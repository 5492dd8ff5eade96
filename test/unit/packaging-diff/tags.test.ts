// Differential test of lib/python/tags against packaging.tags: the ordered sys_tags() list of a table of
// interpreters and platforms (packaging's process probes replaced by the described values in the oracle),
// and parse_tag on generated tag strings.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTag, supportedTags, tagToString } from '../../../lib/python/tags/index.js';
import type { InterpreterSpec, PlatformSpec } from '../../../lib/python/tags/index.js';
import { PackagingOracle } from '../../oracle/index.js';
import type { OracleTagTarget } from '../../oracle/ops.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

interface Target {
  label: string;
  /** EXT_SUFFIX of a non-CPython interpreter, from which packaging derives its ABI tag. */
  extSuffix?: string;
  interpreter: InterpreterSpec;
  platform: PlatformSpec;
}

/** The same target as packaging would see it: sysconfig, platform and glibc/musl probes. */
function toOracle(target: Target): OracleTagTarget {
  const { interpreter: i, platform: p } = target;
  const configVars: Record<string, string | number | null> = {
    py_version_nodot: i.versionNodot ?? i.pythonVersion.join(''),
    Py_DEBUG: i.debug === true ? 1 : 0,
    Py_GIL_DISABLED: i.freeThreaded === true ? 1 : 0,
    WITH_PYMALLOC: i.pymalloc === false ? 0 : 1,
    Py_UNICODE_SIZE: i.wideUnicode === false ? 2 : 4,
  };
  if (target.extSuffix !== undefined) configVars.EXT_SUFFIX = target.extSuffix;
  const interpreter: OracleTagTarget['interpreter'] = {
    implementation: i.implementation,
    python_version: [i.pythonVersion[0], i.pythonVersion[1]],
    config_vars: configVars,
  };
  switch (p.os) {
    case 'linux':
      return {
        interpreter,
        platform: {
          system: 'Linux',
          sysconfig_platform: `linux-${p.arch}`,
          ...(p.glibc ? { glibc: [p.glibc[0], p.glibc[1]] } : {}),
          ...(p.musl ? { musl: [p.musl[0], p.musl[1]] } : {}),
          is_32bit: p.is32Bit === true,
        },
      };
    case 'macos':
      return {
        interpreter,
        platform: {
          system: 'Darwin',
          sysconfig_platform: 'macosx-11.0-arm64',
          mac_ver: [`${p.version[0]}.${p.version[1]}`, ['', '', ''], p.arch],
          is_32bit: p.is32Bit === true,
        },
      };
    case 'windows':
      return {
        interpreter,
        platform: {
          system: 'Windows',
          sysconfig_platform: { x86: 'win32', x86_64: 'win-amd64', arm64: 'win-arm64' }[p.arch],
        },
      };
    case 'ios':
      return {
        interpreter,
        platform: {
          system: 'iOS',
          sysconfig_platform: 'ios',
          ios_ver: ['iOS', `${p.version[0]}.${p.version[1]}`, 'iPhone', false],
          multiarch: p.multiarch,
        },
      };
    case 'android':
      return {
        interpreter,
        platform: {
          system: 'Android',
          sysconfig_platform: `android-${p.apiLevel}-${p.abi}`,
          api_level: p.apiLevel,
        },
      };
    case 'emscripten':
      return {
        interpreter,
        platform: {
          system: 'Emscripten',
          sysconfig_platform: p.platform,
          config_vars: { PYEMSCRIPTEN_PLATFORM_VERSION: p.pyemscriptenVersion ?? null },
        },
      };
    case 'other':
      return { interpreter, platform: { system: 'FreeBSD', sysconfig_platform: p.platform } };
  }
}

const cp = (minor: number, extra: Partial<InterpreterSpec> = {}): InterpreterSpec => ({
  implementation: 'cpython',
  pythonVersion: [3, minor],
  ...extra,
});

const TARGETS: Target[] = [
  {
    label: 'cp312 manylinux glibc 2.17 x86_64',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 17] },
  },
  {
    label: 'cp313 glibc 2.39 x86_64',
    interpreter: cp(13),
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 39] },
  },
  {
    label: 'cp311 glibc 2.31 aarch64',
    interpreter: cp(11),
    platform: { os: 'linux', arch: 'aarch64', glibc: [2, 31] },
  },
  {
    label: 'cp310 glibc 2.28 ppc64le',
    interpreter: cp(10),
    platform: { os: 'linux', arch: 'ppc64le', glibc: [2, 28] },
  },
  {
    label: 'cp39 glibc 2.35 s390x',
    interpreter: cp(9),
    platform: { os: 'linux', arch: 's390x', glibc: [2, 35] },
  },
  {
    label: 'cp312 glibc 2.36 armv7l',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'armv7l', glibc: [2, 36] },
  },
  {
    label: 'cp311 32-bit on x86_64 (i686)',
    interpreter: cp(11),
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 31], is32Bit: true },
  },
  {
    label: 'cp311 32-bit on aarch64 (armv8l)',
    interpreter: cp(11),
    platform: { os: 'linux', arch: 'aarch64', glibc: [2, 31], is32Bit: true },
  },
  {
    label: 'cp312 glibc 2.5 i686',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'i686', glibc: [2, 5] },
  },
  {
    label: 'cp312 glibc 3.1 (future major)',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'x86_64', glibc: [3, 1] },
  },
  {
    label: 'cp312 riscv64 glibc 2.39',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'riscv64', glibc: [2, 39] },
  },
  {
    label: 'cp312 armv6l (no manylinux)',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'armv6l', glibc: [2, 36] },
  },
  {
    label: 'cp312 musl 1.2 x86_64',
    interpreter: cp(12),
    platform: { os: 'linux', arch: 'x86_64', musl: [1, 2] },
  },
  {
    label: 'cp311 musl 1.1 aarch64',
    interpreter: cp(11),
    platform: { os: 'linux', arch: 'aarch64', musl: [1, 1] },
  },
  { label: 'cp312 linux, no libc detected', interpreter: cp(12), platform: { os: 'linux', arch: 'x86_64' } },
  {
    label: 'cp313t free-threaded',
    interpreter: cp(13, { freeThreaded: true }),
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 28] },
  },
  {
    label: 'cp314t free-threaded',
    interpreter: cp(14, { freeThreaded: true }),
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 28] },
  },
  {
    label: 'cp312d debug',
    interpreter: cp(12, { debug: true }),
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 28] },
  },
  {
    label: 'cp313td debug free-threaded',
    interpreter: cp(13, { debug: true, freeThreaded: true }),
    platform: { os: 'windows', arch: 'x86_64' },
  },
  { label: 'cp37m pymalloc', interpreter: cp(7), platform: { os: 'linux', arch: 'x86_64', glibc: [2, 17] } },
  {
    label: 'cp37 without pymalloc, debug',
    interpreter: cp(7, { pymalloc: false, debug: true }),
    platform: { os: 'windows', arch: 'x86' },
  },
  {
    label: 'cp312 macOS 14 arm64',
    interpreter: cp(12),
    platform: { os: 'macos', version: [14, 5], arch: 'arm64' },
  },
  {
    label: 'cp311 macOS 13 x86_64',
    interpreter: cp(11),
    platform: { os: 'macos', version: [13, 1], arch: 'x86_64' },
  },
  {
    label: 'cp39 macOS 10.15 x86_64',
    interpreter: cp(9),
    platform: { os: 'macos', version: [10, 15], arch: 'x86_64' },
  },
  {
    label: 'cp38 macOS 10.9 x86_64',
    interpreter: cp(8),
    platform: { os: 'macos', version: [10, 9], arch: 'x86_64' },
  },
  {
    label: 'cp312 macOS 11 arm64',
    interpreter: cp(12),
    platform: { os: 'macos', version: [11, 0], arch: 'arm64' },
  },
  {
    label: 'cp37 macOS 10.5 ppc64',
    interpreter: cp(7),
    platform: { os: 'macos', version: [10, 5], arch: 'ppc64' },
  },
  {
    label: 'cp37 macOS 10.6 i386 (32-bit)',
    interpreter: cp(7),
    platform: { os: 'macos', version: [10, 6], arch: 'x86_64', is32Bit: true },
  },
  { label: 'cp312 win_amd64', interpreter: cp(12), platform: { os: 'windows', arch: 'x86_64' } },
  { label: 'cp311 win32', interpreter: cp(11), platform: { os: 'windows', arch: 'x86' } },
  { label: 'cp312 win_arm64', interpreter: cp(12), platform: { os: 'windows', arch: 'arm64' } },
  {
    label: 'cp313 iOS 17.2 arm64',
    interpreter: cp(13),
    platform: { os: 'ios', version: [17, 2], multiarch: 'arm64-iphoneos' },
  },
  {
    label: 'cp313 android 24 arm64_v8a',
    interpreter: cp(13),
    platform: { os: 'android', apiLevel: 24, abi: 'arm64_v8a' },
  },
  {
    label: 'cp312 emscripten',
    interpreter: cp(12),
    platform: { os: 'emscripten', platform: 'emscripten-3.1.58-wasm32', pyemscriptenVersion: '2024_0' },
  },
  {
    label: 'cp311 freebsd',
    interpreter: cp(11),
    platform: { os: 'other', platform: 'freebsd-14.1-RELEASE-amd64' },
  },
  {
    label: 'pypy3.10 7.3 glibc 2.28 x86_64',
    interpreter: { implementation: 'pypy', pythonVersion: [3, 10], abis: ['pypy310_pp73'] },
    extSuffix: '.pypy310-pp73-x86_64-linux-gnu.so',
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 28] },
  },
  {
    label: 'pypy3.9 on macOS 12 x86_64',
    interpreter: { implementation: 'pypy', pythonVersion: [3, 9], abis: ['pypy39_pp73'] },
    extSuffix: '.pypy39-pp73-darwin.so',
    platform: { os: 'macos', version: [12, 0], arch: 'x86_64' },
  },
  {
    label: 'graalpy',
    interpreter: { implementation: 'graalpy', pythonVersion: [3, 11], abis: ['graalpy240_311_native'] },
    extSuffix: '.graalpy240-311-native-x86_64-linux.so',
    platform: { os: 'linux', arch: 'x86_64', glibc: [2, 35] },
  },
];

describe('supportedTags matches packaging.tags.sys_tags', () => {
  it.each(TARGETS)('$label', async (target) => {
    const { interpreter, platform } = toOracle(target);
    const [expected] = await oracle.values('tags.sys_tags', [[interpreter, platform]]);
    const actual = supportedTags(target.interpreter, target.platform).map(tagToString);
    expect(actual).toEqual(expected);
  });
});

const COMPONENT = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'py3',
      'py2',
      'cp312',
      'pp310',
      'none',
      'abi3',
      'any',
      'linux_x86_64',
      'Win_AMD64',
      'İx',
      '1py',
      '_x',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('a', 'B', '3', '_', '.', '-', 'é', '١'), maxLength: 6 }),
  },
);

describe('parseTag matches packaging.tags.parse_tag', () => {
  it('on generated tag strings', async () => {
    const member = fc.array(COMPONENT, { minLength: 1, maxLength: 3 }).map((m) => m.join('.'));
    const structured = fc.tuple(member, member, member).map((parts) => parts.join('-'));
    const random = fc
      .array(fc.tuple(COMPONENT, fc.constantFrom('-', '-', '.')), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.map(([c, sep], i) => (i === 0 ? c : sep + c)).join(''));
    const inputs = fc.sample(
      fc.tuple(
        fc.oneof({ weight: 3, arbitrary: structured }, { weight: 1, arbitrary: random }),
        fc.boolean(),
      ),
      { numRuns: 3000, seed: 425 },
    );
    const answers = await oracle.batch('tags.parse', inputs);
    // Both outcomes must be well represented for the comparison to mean something.
    expect(answers.filter((a) => a.error === undefined).length).toBeGreaterThan(300);
    expect(answers.filter((a) => a.error !== undefined).length).toBeGreaterThan(300);
    const mismatches = inputs.flatMap(([text, validateOrder], i) => {
      const answer = answers[i]!;
      let actual: string[] | 'error';
      try {
        actual = parseTag(text, { validateOrder }).map(tagToString).sort();
      } catch {
        actual = 'error';
      }
      const expected = answer.error === undefined ? [...answer.ok].sort() : 'error';
      return JSON.stringify(actual) === JSON.stringify(expected)
        ? []
        : [{ text, validateOrder, actual, expected }];
    });
    expect(mismatches).toEqual([]);
  });
});
