// The Pipfile reader: sources, categories, string and table package values, markers from marker keys,
// [requires], prerelease switches, and errors at the package's line.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../errors.js';
import { readPipfile } from './read.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const fixture = (name: string) =>
  readPipfile(readFileSync(join(FIXTURES, name), 'utf8'), { file: 'Pipfile' });

describe('readPipfile', () => {
  const result = fixture('pipfile-data-service.toml');

  it('reads [[source]] entries in order, the first as the primary index', () => {
    expect(result.indexes.map((i) => [i.name, i.url, i.verifySsl, i.isPrimary, i.origin.line])).toEqual([
      ['pypi', 'https://pypi.org/simple', true, true, 1],
      ['internal', 'http://mirror.internal.example/simple', false, false, 6],
    ]);
  });

  it.each([
    [
      'Flask',
      {
        kind: 'named',
        canonicalName: 'flask',
        specifier: '',
        group: { kind: 'default' },
        origin: { line: 12, column: 1 },
      },
    ],
    ['requests', { specifier: '>=2.31', extras: ['socks'], text: 'requests>=2.31' }],
    // pipenv reads a version without an operator as `==version`.
    ['numpy', { specifier: '==1.26.4' }],
    ['pandas', { specifier: '~=2.2', index: 'internal' }],
    ['pywin32', { marker: 'sys_platform == "win32"' }],
    [
      'uvloop',
      {
        marker:
          '(platform_python_implementation == "CPython" or implementation_name == "pypy") and sys_platform != "win32"',
      },
    ],
    [
      'data-tools',
      {
        kind: 'vcs',
        url: 'git+https://github.com/example-org/data-tools.git@v0.4.2',
        vcs: {
          type: 'git',
          url: 'https://github.com/example-org/data-tools.git',
          revision: 'v0.4.2',
          subdirectory: 'python',
        },
      },
    ],
    ['shared-models', { kind: 'path', path: './libs/shared-models', editable: true }],
    ['pytest', { specifier: '==8.1.1', group: { kind: 'dev' }, origin: { line: 22, column: 1 } }],
    ['black', { extras: ['jupyter'], group: { kind: 'dev' } }],
    ['Sphinx', { specifier: '>=7', group: { kind: 'category', name: 'docs' } }],
  ])('%s', (name, expected) => {
    const entry = result.requirements.find((r) => r.name === name);
    expect(entry).toMatchObject({ isConstraint: false, hashes: [], ...expected });
  });

  it('reads [requires] and reports pipenv settings it does not act on', () => {
    expect(result.python).toEqual({ pythonVersion: '3.11' });
    expect(result.releases.allReleases).toEqual([]);
    expect(result.unsupported.map((u) => u.name)).toEqual(['pipenv.sort_pipfile']);
  });

  it("reads Thoth's [thoth] allow_prereleases table", () => {
    const thoth = fixture('pipfile-thoth.toml');
    expect(thoth.releases.allReleases).toEqual(['black']);
    expect(thoth.requirements.map((r) => r.canonicalName)).toEqual(['tensorflow', 'black']);
    expect(thoth.unsupported.map((u) => [u.name, u.origin.line])).toEqual([
      ['thoth.disable_index_adjustment', 7],
    ]);
  });

  it('leaves indexes empty when the Pipfile names none (the caller default, PyPI)', () => {
    expect(fixture('pipfile-minimal.toml').indexes).toEqual([]);
  });

  it.each([
    ['TOML syntax', '[packages]\nsix = \n', 'invalid-pipfile', /^Pipfile:2:7: not valid TOML: /],
    [
      'a package that is neither string nor table',
      '[packages]\nsix = "*"\nidna = 3\n',
      'invalid-pipfile',
      /^Pipfile:3:1: idna must be a version string or a table, not a number\n {4}idna = 3\n {4}\^$/,
    ],
    [
      'a bad specifier',
      '[dev-packages]\nblack = ">=23,,"\n',
      'invalid-pipfile',
      /^Pipfile:2:1: black: invalid requirement: .* \(in "black>=23,,"\)\n {4}black = ">=23,,"\n {4}\^{5}$/,
    ],
    [
      'a bad marker key value',
      '[packages]\nsix = {version = "*", sys_platform = "win32"}\n',
      'invalid-pipfile',
      /^Pipfile:2:1: six: invalid requirement: /,
    ],
    [
      'a source without url',
      '[[source]]\nname = "pypi"\n',
      'invalid-pipfile',
      /^Pipfile:1:1: \[\[source\]\] needs a url/,
    ],
    [
      'extras that are not a list',
      '[packages]\nrequests = {extras = "socks"}\n',
      'invalid-pipfile',
      /^Pipfile:2:13: packages\.requests\.extras must be an array of strings, not a string/,
    ],
  ])('refuses %s with file:line:column', (_title, text, code, message) => {
    let error: unknown;
    try {
      readPipfile(text, { file: 'Pipfile' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as ProjectFileError).code).toBe(code);
    expect((error as ProjectFileError).message).toMatch(message);
  });
});
