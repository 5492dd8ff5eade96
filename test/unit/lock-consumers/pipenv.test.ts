// Acceptance against pipenv: our Pipfile hash equals pipenv's own (Pipfile.calculate_hash), a
// Pipfile.lock we write passes `pipenv verify`, and `pipenv requirements` reads our pins and hashes.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRequirementsTxt } from '../../../lib/python/readers/index.js';
import { computePipfileHash, writePipfileLock, type LockedStack } from '../../../lib/python/writers/index.js';
import { runPython } from './python.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const PIPFILES = readdirSync(FIXTURES)
  .filter((name) => name.startsWith('pipfile-'))
  .sort();

/** Runs pipenv (as a module of the consumer interpreter) against `pipfile`, never touching a real venv. */
function pipenv(pipfile: string, args: string[]) {
  return runPython(['-m', 'pipenv', ...args], {
    env: {
      PIPENV_PIPFILE: pipfile,
      PIPENV_VERBOSITY: '-1',
      PIPENV_IGNORE_VIRTUALENVS: '1',
      PIPENV_NOSPIN: '1',
      NO_COLOR: '1',
    },
  });
}

function pipenvHash(pipfile: string): string {
  const run = runPython(
    ['-c', 'from pipenv.project import Project\nprint(Project().pipfile.calculate_hash())'],
    {
      env: { PIPENV_PIPFILE: pipfile, PIPENV_VERBOSITY: '-1', PIPENV_IGNORE_VIRTUALENVS: '1' },
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim().split('\n').pop() ?? '';
}

function copyToWorkDir(fixture: string): string {
  const work = mkdtempSync(join(tmpdir(), 'thoth-pipenv-'));
  const pipfile = join(work, 'Pipfile');
  copyFileSync(join(FIXTURES, fixture), pipfile);
  return pipfile;
}

const sha = (digit: string) => digit.repeat(64);

const STACK: LockedStack = {
  sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true }],
  pythonVersion: '3.12',
  environments: [],
  packages: [
    {
      name: 'requests',
      version: '2.31.0',
      indexUrl: 'https://pypi.org/simple',
      extras: [],
      dev: false,
      files: [{ url: 'https://f/requests-2.31.0-py3-none-any.whl', sha256: sha('1') }],
    },
    {
      name: 'SQLAlchemy',
      version: '2.0.29',
      indexUrl: 'https://pypi.org/simple',
      extras: ['asyncio'],
      dev: false,
      files: [
        { url: 'https://f/SQLAlchemy-2.0.29.tar.gz', sha256: sha('3') },
        { url: 'https://f/SQLAlchemy-2.0.29-cp312-cp312-manylinux_2_17_x86_64.whl', sha256: sha('2') },
      ],
    },
    {
      name: 'ruamel.yaml',
      version: '0.18.6',
      indexUrl: 'https://pypi.org/simple',
      extras: [],
      dev: false,
      markers: 'python_version >= "3.7"',
      files: [{ url: 'https://f/ruamel.yaml-0.18.6-py3-none-any.whl', sha256: sha('4') }],
    },
    {
      name: 'pytest-xdist',
      version: '3.5.0',
      indexUrl: 'https://pypi.org/simple',
      extras: [],
      dev: true,
      files: [{ url: 'https://f/pytest_xdist-3.5.0-py3-none-any.whl', sha256: sha('5') }],
    },
  ],
};

describe('pipenv', () => {
  it.each(PIPFILES)('computes the same Pipfile hash as pipenv for %s', (fixture) => {
    const pipfile = copyToWorkDir(fixture);
    expect(computePipfileHash(readFileSync(pipfile, 'utf8'))).toBe(pipenvHash(pipfile));
  });

  it('accepts our Pipfile.lock as up to date (pipenv verify), and notices when the Pipfile changes', () => {
    const pipfile = copyToWorkDir('pipfile-plain.toml');
    writeFileSync(`${pipfile}.lock`, writePipfileLock(STACK, { pipfile: readFileSync(pipfile, 'utf8') }));
    const verified = pipenv(pipfile, ['verify']);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout + verified.stderr).toContain('Pipfile.lock is up-to-date.');
    writeFileSync(pipfile, `${readFileSync(pipfile, 'utf8')}\n[docs]\nsphinx = "*"\n`);
    const stale = pipenv(pipfile, ['verify']);
    expect(stale.status).toBe(1);
    expect(stale.stdout + stale.stderr).toContain('Pipfile.lock is out-of-date.');
  });

  it('reads our pins, markers and hashes back out (pipenv requirements --hash --dev)', () => {
    const pipfile = copyToWorkDir('pipfile-plain.toml');
    writeFileSync(`${pipfile}.lock`, writePipfileLock(STACK, { pipfile: readFileSync(pipfile, 'utf8') }));
    const run = pipenv(pipfile, ['requirements', '--hash', '--dev']);
    expect(run.status, run.stderr).toBe(0);
    const read = readRequirementsTxt(run.stdout, { file: 'pipenv-requirements.txt' });
    const rows = read.requirements
      .map((r) => [r.canonicalName, r.specifier, r.extras, r.marker ?? null, r.hashes])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(rows).toEqual([
      ['pytest-xdist', '==3.5.0', [], null, [`sha256:${sha('5')}`]],
      ['requests', '==2.31.0', [], null, [`sha256:${sha('1')}`]],
      ['ruamel-yaml', '==0.18.6', [], 'python_version >= "3.7"', [`sha256:${sha('4')}`]],
      ['sqlalchemy', '==2.0.29', ['asyncio'], null, [`sha256:${sha('2')}`, `sha256:${sha('3')}`]],
    ]);
    expect(read.indexes.map((i) => i.url)).toEqual(['https://pypi.org/simple']);
  });
});
