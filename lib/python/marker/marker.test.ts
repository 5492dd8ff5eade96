import { describe, expect, it } from 'vitest';
import {
  defaultEnvironment,
  InvalidMarkerError,
  parseMarker,
  UndefinedComparisonError,
  UndefinedEnvironmentNameError,
} from './index.js';

describe('parseMarker: canonical form as packaging prints it', () => {
  it.each([
    ["python_version>='3.8'", 'python_version >= "3.8"'],
    ['os.name == "nt"', 'os_name == "nt"'],
    ['python_implementation == "CPython"', 'platform_python_implementation == "CPython"'],
    ['extra == "Dev_Tools"', 'extra == "dev-tools"'], // PEP 685
    ['"Foo.Bar" in extras', '"foo-bar" in extras'], // PEP 751
    ['(os_name == "nt")', 'os_name == "nt"'],
    ['a_b_c', undefined],
    [
      'python_version < "3" or (os_name == "nt" and sys_platform != "cygwin")',
      'python_version < "3" or (os_name == "nt" and sys_platform != "cygwin")',
    ],
    ['((python_version >= "3"))', 'python_version >= "3"'],
    ['platform_release == \'say "hi"\'', 'platform_release == \'say "hi"\''],
    ["os_name == '\\x41\\n'", 'os_name == "A\n"'], // values are Python string literals
    ['python_version not  in "2.7 3.0"', 'python_version not in "2.7 3.0"'],
  ])('%s', (input, expected) => {
    if (expected === undefined) expect(() => parseMarker(input)).toThrow(InvalidMarkerError);
    else expect(parseMarker(input).toString()).toBe(expected);
  });
});

describe('parse errors point at the bad span', () => {
  it.each([
    [
      'python_version >= "3.8" and',
      'Expected a marker variable or quoted string at column 28\npython_version >= "3.8" and\n                           ^',
    ],
    [
      'os_name = "nt"',
      'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in at column 9\nos_name = "nt"\n        ^',
    ],
    [
      'python_version not "3"',
      "Expected 'in' after 'not' at column 20\npython_version not \"3\"\n                   ^",
    ],
    [
      '(os_name == "nt"',
      'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression at column 1\n(os_name == "nt"\n^^^^^^^^^^^^^^^^',
    ],
    ["extra == 'a\\'", "Invalid quoted string at column 10\nextra == 'a\\'\n         ^^^^"],
  ])('%j', (input, message) => {
    let error: unknown;
    try {
      parseMarker(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidMarkerError);
    expect((error as InvalidMarkerError).code).toBe('invalid-marker');
    expect((error as InvalidMarkerError).message).toBe(message);
  });
});

const LINUX = defaultEnvironment({ python: '3.11.4', platform: 'linux', machine: 'x86_64' });
const RC = defaultEnvironment({ python: '3.13.0rc1', platform: 'win32', machine: 'AMD64' });

describe('evaluate', () => {
  it.each([
    ['python_version >= "3.8"', LINUX, true],
    ['python_version > "3.11"', LINUX, false], // version comparison, not string
    ['python_version < "3.9"', LINUX, false],
    ['python_full_version >= "3.13"', RC, false],
    ['python_full_version >= "3.13.0rc1"', RC, true],
    ['python_version == "3.*"', LINUX, true],
    ['python_version < "=3.11"', LINUX, true], // `<` + "=3.11" reads as the specifier <=3.11
    ['os_name == "posix" and sys_platform == "linux"', LINUX, true],
    ['os_name == "nt" or sys_platform == "linux" and platform_machine == "x86_64"', LINUX, true], // and binds tighter
    ['sys_platform < "win32"', LINUX, false], // strings: < and > are always false
    ['sys_platform <= "linux"', LINUX, true], // strings: <= means ==
    ['"86" in platform_machine', LINUX, true],
    ['os_name == sys_platform', LINUX, false], // the right-hand variable is read as text
    ['extra == "test"', { ...LINUX, extra: 'Test' }, true],
    ['extra == "test"', LINUX, false], // metadata context: extra defaults to ""
    ['implementation_name == "cpython"', RC, true],
    ['platform_system == "Windows" and os_name == "nt"', RC, true],
  ])('%s', (marker, environment, expected) => {
    expect(parseMarker(marker).evaluate(environment)).toBe(expected);
  });

  it('reads set-valued extras and dependency groups in lock files (PEP 751)', () => {
    const env = { ...LINUX, extras: new Set(['Foo_Bar']), dependency_groups: new Set(['dev']) };
    expect(parseMarker('"foo.bar" in extras and "dev" in dependency_groups').evaluate(env, 'lock_file')).toBe(
      true,
    );
    expect(parseMarker('"test" in extras').evaluate(LINUX, 'lock_file')).toBe(false);
  });

  it('refuses what packaging leaves undefined', () => {
    expect(() => parseMarker('os_name ~= "posix"').evaluate(LINUX)).toThrow(UndefinedComparisonError);
    expect(() => parseMarker('extras == "x"').evaluate(LINUX, 'lock_file')).toThrow(UndefinedComparisonError);
    expect(() => parseMarker('extra == "x"').evaluate(LINUX, 'requirement')).toThrow(
      UndefinedEnvironmentNameError,
    );
  });

  it('repairs an untagged CPython version ending in "+"', () => {
    const env = defaultEnvironment({ python: '3.11.4+', platform: 'linux', machine: 'x86_64' });
    expect(parseMarker('python_full_version >= "3.11"').evaluate(env)).toBe(true);
  });
});

describe('combining', () => {
  it('and/or wrap both sides as packaging does', () => {
    const a = parseMarker('os_name == "nt" or os_name == "posix"');
    const b = parseMarker('python_version >= "3.8"');
    expect(a.and(b).toString()).toBe('(os_name == "nt" or os_name == "posix") and python_version >= "3.8"');
    expect(
      a.or(b).equals(parseMarker('(os_name == "nt" or os_name == "posix") or python_version >= "3.8"')),
    ).toBe(true);
  });
});
