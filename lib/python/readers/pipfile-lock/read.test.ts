// The Pipfile.lock reader: the typed lock and the pinned ProjectRequirements made from it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../errors.js';
import { parsePipfileLock, readPipfileLock } from './read.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const text = readFileSync(join(FIXTURES, 'pipfile-lock-data-service.json'), 'utf8');

describe('parsePipfileLock', () => {
  const lock = parsePipfileLock(text, 'Pipfile.lock');

  it('reads _meta', () => {
    expect(lock.pipfileHash).toBe('4b7b7b0c0ae9f1a1d4d7c1a9a3d5b5f0e2c8d1f6a3b9c7e5d2f1a0b8c6d4e2f0');
    expect(lock.pipfileSpec).toBe(6);
    expect(lock.requires).toEqual({ pythonVersion: '3.11' });
    expect(lock.sources.map((s) => [s.name, s.url, s.verifySsl])).toEqual([
      ['pypi', 'https://pypi.org/simple', true],
    ]);
  });

  it('maps each category to name → version, hashes, markers, index', () => {
    expect(Object.keys(lock.categories)).toEqual(['default', 'develop']);
    expect(lock.categories.default?.requests).toMatchObject({
      version: '2.31.0',
      versionSpecifier: '==2.31.0',
      extras: ['socks'],
      index: 'pypi',
      markers: "python_version >= '3.7'",
      hashes: [
        'sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f',
        'sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1',
      ],
      origin: { file: 'Pipfile.lock', line: 33, column: 9 },
    });
    expect(lock.categories.default?.['data-tools']).toMatchObject({
      vcs: { type: 'git', url: 'https://github.com/example-org/data-tools.git' },
      ref: '9f2c1e4b7a3d5c6e8f0a1b2c3d4e5f6a7b8c9d0e',
      subdirectory: 'python',
    });
    expect(lock.categories.develop?.pytest?.version).toBe('8.1.1');
  });
});

describe('readPipfileLock', () => {
  const result = readPipfileLock(text, { file: 'Pipfile.lock' });

  it.each([
    [
      'certifi',
      {
        kind: 'named',
        specifier: '==2024.2.2',
        marker: 'python_version >= "3.6"',
        index: 'pypi',
        group: { kind: 'default' },
      },
    ],
    [
      'data-tools',
      {
        kind: 'vcs',
        vcs: { type: 'git', revision: '9f2c1e4b7a3d5c6e8f0a1b2c3d4e5f6a7b8c9d0e', subdirectory: 'python' },
      },
    ],
    ['requests', { extras: ['socks'], specifier: '==2.31.0' }],
    ['shared-models', { kind: 'path', path: './libs/shared-models', editable: true }],
    ['pytest', { group: { kind: 'dev' }, specifier: '==8.1.1' }],
  ])('%s', (name, expected) => {
    expect(
      result.requirements.find(
        (r) => r.canonicalName === name || (r.path === './libs/shared-models' && name === 'shared-models'),
      ),
    ).toMatchObject(expected);
  });

  it('keeps sources, python and hash checking', () => {
    expect(result.indexes.map((i) => [i.name, i.isPrimary, i.origin.line])).toEqual([['pypi', true, 11]]);
    expect(result.python).toEqual({ pythonVersion: '3.11' });
    expect(result.requireHashes).toBe(true);
  });

  it.each([
    ['not JSON', '{"_meta": {', /^Pipfile\.lock:1:12: not valid JSON: /],
    ['an unknown spec', '{"_meta": {"pipfile-spec": 7}}', /^Pipfile\.lock:1:12: unsupported pipfile-spec 7/],
    [
      'an unpinned version',
      '{"_meta": {"pipfile-spec": 6},\n "default": {"six": {"version": ">=1"}}}',
      /^Pipfile\.lock:2:22: default\.six\.version must pin one version/,
    ],
    [
      'an entry with nothing to install',
      '{"_meta": {"pipfile-spec": 6},\n "default": {"six": {}}}',
      /^Pipfile\.lock:2:14: default\.six has neither/,
    ],
  ])('refuses %s', (_title, bad, message) => {
    expect(() => readPipfileLock(bad, { file: 'Pipfile.lock' })).toThrow(ProjectFileError);
    expect(() => readPipfileLock(bad, { file: 'Pipfile.lock' })).toThrow(message);
  });
});
