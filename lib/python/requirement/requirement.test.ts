import { describe, expect, it } from 'vitest';
import { InvalidRequirementError, parseRequirement } from './index.js';

describe('parseRequirement', () => {
  it.each([
    [
      'requests',
      { name: 'requests', extras: [], specifier: '', url: undefined, marker: undefined },
      'requests',
    ],
    [
      'requests [socks, Security ] >= 2.8.1, == 2.8.* ; python_version < "2.7"',
      {
        name: 'requests',
        extras: ['Security', 'socks'],
        specifier: '==2.8.*,>=2.8.1',
        url: undefined,
        marker: 'python_version < "2.7"',
      },
      'requests[Security,socks]==2.8.*,>=2.8.1; python_version < "2.7"',
    ],
    [
      'name (>=1.0, <2)',
      { name: 'name', extras: [], specifier: '<2,>=1.0', url: undefined, marker: undefined },
      'name<2,>=1.0',
    ],
    [
      'pip @ https://github.com/pypa/pip/archive/22.0.zip ; os_name == "a"',
      {
        name: 'pip',
        extras: [],
        specifier: '',
        url: 'https://github.com/pypa/pip/archive/22.0.zip',
        marker: 'os_name == "a"',
      },
      'pip @ https://github.com/pypa/pip/archive/22.0.zip ; os_name == "a"',
    ],
    [
      'Foo[a,a,b];extra=="X"',
      { name: 'Foo', extras: ['a', 'b'], specifier: '', url: undefined, marker: 'extra == "x"' },
      'Foo[a,b]; extra == "x"',
    ],
    [
      'zope.interface===1.0-weird',
      { name: 'zope.interface', extras: [], specifier: '===1.0-weird', url: undefined, marker: undefined },
      'zope.interface===1.0-weird',
    ],
  ])('%s', (input, fields, canonical) => {
    const r = parseRequirement(input);
    expect({
      name: r.name,
      extras: [...r.extras],
      specifier: r.specifier.toString(),
      url: r.url,
      marker: r.marker?.toString(),
    }).toEqual(fields);
    expect(r.toString()).toBe(canonical);
  });
});

describe('errors quote the input and underline the bad span', () => {
  it.each([
    [
      'numpy/',
      'Expected semicolon (after name with no version specifier) or end at column 6\nnumpy/\n     ^',
    ],
    ['name[bar baz]', 'Expected comma between extra names at column 10\nname[bar baz]\n         ^'],
    [
      'name>=1.0 extra',
      'Expected comma (within version specifier), semicolon (after version specifier) or end at column 5\nname>=1.0 extra\n    ^^^^^^',
    ],
    [
      'name @ https://x.org/a.whl extra',
      'Expected semicolon (after URL and whitespace) or end at column 8\nname @ https://x.org/a.whl extra\n       ^^^^^^^^^^^^^^^^^^^^',
    ],
    [
      'name>=1.0+local',
      'Local version label can only be used with `==` or `!=` operators at column 5\nname>=1.0+local\n    ^^^^^',
    ],
    [
      'name[extra',
      'Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras at column 5\nname[extra\n    ^^^^^^',
    ],
    ['>=1.0', 'Expected package name at the start of dependency specifier at column 1\n>=1.0\n^'],
  ])('%j', (input, message) => {
    let error: unknown;
    try {
      parseRequirement(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequirementError);
    expect((error as InvalidRequirementError).code).toBe('invalid-requirement');
    expect((error as InvalidRequirementError).message).toBe(message);
  });
});
