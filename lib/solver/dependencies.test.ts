import { describe, expect, it } from 'vitest';
import { parseMarker } from '../python/index.js';
import { markerExtras, readDependencies, requiresExtra, resolveEnvironments } from './index.js';

const ENVIRONMENTS = resolveEnvironments([
  { id: 'linux-py37', python: '3.7.17', platform: 'manylinux_2_17_x86_64' },
  { id: 'win-py312', python: '3.12.1', platform: 'win_amd64' },
]).map((t) => t.environment);

describe('extras named by a marker', () => {
  it.each([
    ['extra == "socks"', ['socks'], true],
    ["extra == 'use_chardet_on_py3'", ['use-chardet-on-py3'], true],
    ['"test" == extra', ['test'], true],
    ['extra == "a" or extra == "b"', ['a', 'b'], true],
    ['(extra == "a" or extra == "b") and python_version < "3.8"', ['a', 'b'], true],
    ['python_version < "3.8" and extra == "a"', ['a'], true],
    ['extra == "test" or python_version < "3.8"', ['test'], false],
    ['python_version < "3.8"', [], false],
    ['extra != "a"', [], false],
  ])('%s → %j (requires an extra: %s)', (text, extras, required) => {
    const marker = parseMarker(text);
    expect(markerExtras(marker.markers)).toEqual(extras);
    if (extras.length > 0) expect(requiresExtra(marker.markers)).toBe(required);
  });
});

describe('readDependencies', () => {
  it('gives one entry per extra, evaluates with that extra set, and true without a marker', () => {
    const { dependencies, unparsed } = readDependencies(
      [
        'idna<4,>=2.5',
        'PySocks!=1.5.7,>=1.5.6; extra == "socks" or extra == "all"',
        'pywin32>=300; sys_platform == "win32" and extra == "all"',
        'importlib-metadata; python_version < "3.8"',
      ],
      ENVIRONMENTS,
      'pkg 1.0',
    );
    expect(unparsed).toEqual([]);
    expect(dependencies).toEqual([
      {
        name: 'idna',
        specifier: '<4,>=2.5',
        extras: [],
        marker: null,
        extra: null,
        marker_results: { 'linux-py37': true, 'win-py312': true },
      },
      {
        name: 'pysocks',
        specifier: '!=1.5.7,>=1.5.6',
        extras: [],
        marker: 'extra == "socks" or extra == "all"',
        extra: 'socks',
        marker_results: { 'linux-py37': true, 'win-py312': true },
      },
      {
        name: 'pysocks',
        specifier: '!=1.5.7,>=1.5.6',
        extras: [],
        marker: 'extra == "socks" or extra == "all"',
        extra: 'all',
        marker_results: { 'linux-py37': true, 'win-py312': true },
      },
      {
        name: 'pywin32',
        specifier: '>=300',
        extras: [],
        marker: 'sys_platform == "win32" and extra == "all"',
        extra: 'all',
        marker_results: { 'linux-py37': false, 'win-py312': true },
      },
      {
        name: 'importlib-metadata',
        specifier: '',
        extras: [],
        marker: 'python_version < "3.8"',
        extra: null,
        marker_results: { 'linux-py37': true, 'win-py312': false },
      },
    ]);
  });

  it.each([
    ['requests>=>2', /^pkg 1\.0 Requires-Dist: Expected .* at column \d+$/],
    ['requests; extra == "bad name"', /"bad name" is not a valid project or extra name/],
  ])('lists %s as unparsed with the reason', (line, reason) => {
    const { dependencies, unparsed } = readDependencies([line], ENVIRONMENTS, 'pkg 1.0');
    expect(dependencies).toEqual([]);
    expect(unparsed).toHaveLength(1);
    expect(unparsed[0]!.requirement).toBe(line);
    expect(unparsed[0]!.reason).toMatch(reason);
  });
});
