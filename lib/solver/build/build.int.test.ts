// The opt-in sdist metadata build end to end: real sdists (made here from __fixtures__/sdists, whose
// setup.py computes install_requires at build time) served by the loopback index, pip from
// $THOTH_PYTHON running the PEP 517 hook in its isolated build env, setuptools' real wheel (the one
// the test venv's virtualenv embeds) served by the same index or given as an offline wheelhouse.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPackageIndex, serveCorpus } from '../../index/index.js';
import type { Corpus, CorpusProject, LoopbackIndex } from '../../index/index.js';
import { compareVersions, parseVersion } from '../../python/index.js';
import { resolveEnvironments, solvePackage } from '../index.js';
import type { SolveOutcome } from '../index.js';
import { createSdistMetadataBuilder } from './index.js';
import type { SdistBuildOptions } from './index.js';

const run = promisify(execFile);
const SDISTS = new URL('./__fixtures__/sdists/', import.meta.url).pathname;
const ENVIRONMENTS = resolveEnvironments([
  { id: 'linux-py311', python: '3.11.7', platform: 'manylinux_2_34_x86_64' },
]);

function python(): string {
  const interpreter = process.env.THOTH_PYTHON;
  if (interpreter === undefined || interpreter === '') {
    throw new Error(
      'THOTH_PYTHON is not set: run `bash scripts/python-env.sh` and export THOTH_PYTHON=~/.cache/thoth/venv/bin/python',
    );
  }
  return interpreter;
}

/** A .tar.gz sdist of one fixture directory, its top-level folder `<name>-<version>/` as sdists have. */
async function sdist(folder: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = create({ gzip: true, cwd: SDISTS, portable: true }, [folder]);
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function sdistOnlyProject(name: string): CorpusProject {
  return {
    name,
    normalized_name: name,
    versions: ['1.0'],
    files: [{ filename: `${name}-1.0.tar.gz`, upload_time: '2024-01-02T03:04:05Z' }],
    releases: [
      {
        version: '1.0',
        unavailable: {
          reason: 'sdist-dynamic-dependencies',
          detail: 'PKG-INFO marks requires-dist as Dynamic',
        },
      },
    ],
  };
}

/** The METADATA inside a wheel, read by the test venv's Python (zipfile). */
async function wheelMetadata(path: string): Promise<string> {
  const { stdout } = await run(python(), [
    '-c',
    'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); ' +
      "print(z.read(next(n for n in z.namelist() if n.endswith('.dist-info/METADATA'))).decode(), end='')",
    path,
  ]);
  return stdout;
}

let work: string;
let server: LoopbackIndex;
let index: HttpPackageIndex;
let wheelhouse: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'thoth-build-test-'));
  // setuptools as the test venv's virtualenv embeds it (scripts/python-requirements.txt pins both).
  const { stdout } = await run(python(), [
    '-c',
    'import os, virtualenv.seed.wheels.embed as e; print(os.path.dirname(e.__file__))',
  ]);
  const embed = stdout.trim();
  const setuptools = readdirSync(embed)
    .filter((f) => /^setuptools-[\d.]+-py3-none-any\.whl$/.test(f))
    .sort((a, b) => compareVersions(parseVersion(a.split('-')[1]!), parseVersion(b.split('-')[1]!)))
    .at(-1)!;
  const setuptoolsVersion = setuptools.split('-')[1]!;
  wheelhouse = join(work, 'wheelhouse');
  await run('mkdir', ['-p', wheelhouse]);
  copyFileSync(join(embed, setuptools), join(wheelhouse, setuptools));

  const projects = new Map<string, CorpusProject>();
  for (const name of ['dynamicpkg', 'brokenpkg', 'slowpkg']) projects.set(name, sdistOnlyProject(name));
  projects.set('setuptools', {
    name: 'setuptools',
    normalized_name: 'setuptools',
    versions: [setuptoolsVersion],
    files: [{ filename: setuptools, upload_time: '2024-01-02T03:04:05Z', requires_python: '>=3.9' }],
    releases: [
      {
        version: setuptoolsVersion,
        metadata_file: setuptools,
        // The wheel's own METADATA: pip checks the PEP 658 file against the wheel it installs.
        metadata: await wheelMetadata(join(embed, setuptools)),
      },
    ],
  });
  const corpus: Corpus = {
    header: {
      format: 'thoth-index-corpus',
      format_version: 1,
      captured_at: '2024-06-01T00:00:00.000Z',
      index_url: 'https://example.invalid/simple/',
      cutoff: null,
      requirements: [],
      environments: null,
      project_count: projects.size,
    },
    projects,
  };
  const artifacts = new Map<string, Buffer>([[setuptools, readFileSync(join(embed, setuptools))]]);
  for (const name of ['dynamicpkg', 'brokenpkg', 'slowpkg'])
    artifacts.set(`${name}-1.0.tar.gz`, await sdist(`${name}-1.0`));
  server = await serveCorpus(corpus, { artifacts });
  index = new HttpPackageIndex({ indexUrls: [server.url] });
}, 60_000);

afterAll(async () => {
  await index?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function solve(name: string, build?: Partial<SdistBuildOptions>): Promise<SolveOutcome> {
  const builder =
    build === undefined
      ? undefined
      : createSdistMetadataBuilder({
          python: python(),
          download: (file) => index.download(file),
          buildRequirements: { kind: 'index', indexUrl: server.url },
          ...build,
        });
  return solvePackage(
    { packageName: name, selection: { kind: 'versions', versions: ['1.0'] }, environments: ENVIRONMENTS },
    { index, dependencyIndex: index, ...(builder === undefined ? {} : { metadataBuilder: builder }) },
  );
}

const deps = (outcome: SolveOutcome): string[] =>
  outcome.result.releases[0]!.dependencies.map(
    (d) => `${d.name}${d.specifier}${d.extra === null ? '' : ` [${d.extra}]`}`,
  );

describe('sdist metadata build', () => {
  it('is off by default: a dynamic sdist stays a metadata-needs-build entry', async () => {
    const outcome = await solve('dynamicpkg');
    expect(outcome.result.releases).toEqual([]);
    expect(outcome.result.errors.map((e) => [e.version, e.code])).toEqual([['1.0', 'metadata-needs-build']]);
  });

  it('builds the metadata with build requirements from the index', async () => {
    const outcome = await solve('dynamicpkg', {});
    expect(outcome.result.errors).toEqual([]);
    const release = outcome.result.releases[0]!;
    expect(release).toMatchObject({ name: 'dynamicpkg', version: '1.0', metadata_source: 'sdist' });
    // What setup.py computed under the build interpreter (Python >= 3.8 adds idna).
    expect(deps(outcome)).toEqual(['requests>=2.31', 'idna>=3.4', 'pysocks>=1.7 [socks]']);
    expect(outcome.stats.metadataBuilds).toBe(1);
    expect(release.installability['linux-py311']).toMatchObject({ installable: true, reason: 'sdist-only' });
  }, 180_000);

  it('builds offline from a wheelhouse inside a network namespace', async () => {
    const outcome = await solve('dynamicpkg', {
      buildRequirements: { kind: 'wheelhouse', directory: wheelhouse },
      isolateNetwork: 'require',
    });
    expect(outcome.result.errors).toEqual([]);
    expect(deps(outcome)).toEqual(['requests>=2.31', 'idna>=3.4', 'pysocks>=1.7 [socks]']);
  }, 180_000);

  it('a failing build is one error entry quoting the tail of stderr', async () => {
    const outcome = await solve('brokenpkg', {
      buildRequirements: { kind: 'wheelhouse', directory: wheelhouse },
    });
    expect(outcome.result.releases).toEqual([]);
    expect(outcome.result.errors).toHaveLength(1);
    expect(outcome.result.errors[0]).toMatchObject({
      name: 'brokenpkg',
      version: '1.0',
      code: 'metadata-build-failed',
    });
    expect(outcome.result.errors[0]!.message).toContain('brokenpkg refuses to build: fixture failure');
    expect(outcome.result.errors[0]!.message).toContain('built because');
  }, 180_000);

  it('a build past its time limit is killed and reported', async () => {
    const outcome = await solve('slowpkg', {
      buildRequirements: { kind: 'wheelhouse', directory: wheelhouse },
      timeoutMs: 8_000,
    });
    expect(outcome.result.errors.map((e) => e.code)).toEqual(['metadata-build-timeout']);
    expect(outcome.result.errors[0]!.message).toContain('did not finish within 8000 ms');
  }, 180_000);

  it('an sdist over the size cap is not even downloaded', async () => {
    const before = server.counters.files;
    const outcome = await solve('dynamicpkg', { maxSdistBytes: 100 });
    expect(outcome.result.errors.map((e) => e.code)).toEqual(['metadata-build-too-large']);
    // lib/index downloaded it once to read PKG-INFO; the builder did not download it again.
    expect(server.counters.files - before).toBe(1);
  });
});
