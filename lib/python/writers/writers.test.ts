// The three lock writers over one locked stack: exact output against reviewed golden files, read back
// with our own readers, and the stacks each format refuses.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parsePipfileLock, readRequirementsTxt } from '../readers/index.js';
import { LockWriteError } from './errors.js';
import { getWriter, WRITERS } from './registry.js';
import type { LockedPackage, LockedStack } from './types.js';
import { writePipfileLock, writePylockToml, writeRequirementsTxt } from './index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(join(HERE, '__fixtures__', name), 'utf8');
const stack = JSON.parse(fixture('stack-web-app.json')) as LockedStack;
const pipfile = readFileSync(
  join(HERE, 'pipfile-lock', '__fixtures__', 'pipfile-names-and-categories.toml'),
  'utf8',
);

const wheel = (name: string, version: string, digit: string) => ({
  url: `https://files.example/${name}-${version}-py3-none-any.whl`,
  sha256: digit.repeat(64),
});

function tiny(overrides: Partial<LockedPackage>): LockedStack {
  return {
    sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true }],
    environments: [],
    packages: [
      {
        name: 'six',
        version: '1.16.0',
        extras: [],
        dev: false,
        files: [wheel('six', '1.16.0', 'a')],
        ...overrides,
      },
    ],
  };
}

describe('golden output', () => {
  it.each([
    ['requirements.txt', () => writeRequirementsTxt(stack), 'stack-web-app.requirements.txt'],
    ['Pipfile.lock', () => writePipfileLock(stack, { pipfile }), 'stack-web-app.Pipfile.lock'],
    ['pylock.toml', () => writePylockToml(stack), 'stack-web-app.pylock.toml'],
  ])('%s', (_format, write, golden) => {
    expect(write()).toBe(fixture(golden));
  });

  it('does not depend on the order of packages in the stack', () => {
    const reversed = { ...stack, packages: [...stack.packages].reverse() };
    expect(writePylockToml(reversed)).toBe(writePylockToml(stack));
    expect(writeRequirementsTxt(reversed)).toBe(writeRequirementsTxt(stack));
  });
});

describe('read back', () => {
  it('requirements.txt: pins, hashes, markers and indexes survive', () => {
    const read = readRequirementsTxt(writeRequirementsTxt(stack, { includeDev: true }), {
      file: 'requirements.txt',
    });
    expect(
      read.requirements.map((r) => [r.canonicalName, r.kind, r.specifier, r.hashes.length, r.marker ?? null]),
    ).toEqual([
      ['billing-sdk', 'vcs', '', 0, null],
      ['colorama', 'named', '==0.4.6', 1, 'sys_platform == "win32"'],
      ['flask', 'named', '==3.0.2', 2, null],
      ['internal-auth', 'named', '==1.4.0', 1, null],
      ['pytest', 'named', '==8.1.1', 1, 'python_version >= "3.8" or implementation_name == "pypy"'],
    ]);
    expect(read.indexes.map((i) => [i.url, i.isPrimary, i.verifySsl])).toEqual([
      ['https://pypi.org/simple', true, true],
      ['http://pypi.internal.example/simple', false, false],
    ]);
    expect(read.requireHashes).toBe(true);
  });

  it('requirements.txt leaves dev packages out unless asked', () => {
    const read = readRequirementsTxt(writeRequirementsTxt(stack), { file: 'requirements.txt' });
    expect(read.requirements.map((r) => r.canonicalName)).not.toContain('pytest');
  });

  it('Pipfile.lock: parses back into the same pins, sections and index names', () => {
    const lock = parsePipfileLock(writePipfileLock(stack, { pipfile }), 'Pipfile.lock');
    expect(Object.keys(lock.categories.default ?? {})).toEqual([
      'billing-sdk',
      'colorama',
      'flask',
      'internal-auth',
    ]);
    expect(lock.categories.default?.['internal-auth']).toMatchObject({ version: '1.4.0', index: 'internal' });
    expect(lock.categories.develop?.pytest?.markers).toBe(
      "python_version >= '3.8' or implementation_name == 'pypy'",
    );
    expect(lock.requires).toEqual({ pythonVersion: '3.11', pythonFullVersion: '3.11.8' });
  });

  it('pylock.toml: parses as TOML with datetimes and the spec layout', () => {
    const data = parseToml(writePylockToml(stack)) as Record<string, unknown>;
    const packages = data.packages as Array<Record<string, unknown>>;
    expect(packages.map((p) => p.name)).toEqual([
      'billing-sdk',
      'colorama',
      'flask',
      'internal-auth',
      'pytest',
    ]);
    const flask = packages[2] as { sdist: { 'upload-time': Date }; wheels: unknown[] };
    expect(flask.sdist['upload-time']).toBeInstanceOf(Date);
    expect(flask.wheels).toHaveLength(1);
  });
});

describe('refusals', () => {
  it.each([
    [
      'requirements-txt',
      tiny({ files: [{ ...wheel('six', '1.16.0', 'a'), sha256: 'ABC' }] }),
      /"ABC" is not a lowercase hex SHA-256 digest/,
    ],
    ['requirements-txt', tiny({ markers: 'python_version >> "3"' }), /six 1\.16\.0: invalid marker/],
    ['pipfile-lock', tiny({}), /Pipfile text is needed/],
    ['pylock-toml', tiny({ files: [] }), /six 1\.16\.0: no file to install/],
    ['pylock-toml', tiny({ files: [wheel('sixx', '1.16.0', 'a')] }), /names sixx, not six/],
    ['pylock-toml', tiny({ files: [wheel('six', '1.15.0', 'a')] }), /is version 1\.15\.0, not 1\.16\.0/],
    [
      'pylock-toml',
      tiny({ files: [{ ...wheel('six', '1.16.0', 'a'), uploadTime: '2024-01-01' }] }),
      /not an RFC 3339 date-time with a zone/,
    ],
    [
      'pylock-toml',
      tiny({ files: [{ sha256: 'a'.repeat(64), filename: 'six-1.16.0-py3-none-any.whl' }] }),
      /has neither a url nor a path/,
    ],
  ] as const)('%s refuses %#', (id, badStack, message) => {
    const write = () => getWriter(id).write(badStack);
    expect(write).toThrow(LockWriteError);
    expect(write).toThrow(message);
  });

  it('Pipfile.lock refuses a package from an index the stack does not list', () => {
    const bad = tiny({ indexUrl: 'https://elsewhere.example/simple' });
    expect(() => writePipfileLock(bad, { pipfile: '' })).toThrow(/not among the stack's sources/);
  });
});

describe('registry', () => {
  it('lists every writer under its id with its file name', () => {
    expect([...WRITERS.values()].map((w) => [w.id, w.fileName])).toEqual([
      ['requirements-txt', 'requirements.txt'],
      ['pipfile-lock', 'Pipfile.lock'],
      ['pylock-toml', 'pylock.toml'],
    ]);
  });
});
