// The solver over real HTTP: the loopback index (lib/index serveCorpus) publishing the requests<2.33
// corpus recorded from PyPI, and small hand-made corpora; every document is validated against
// schemas/documents/solver.v1.json through buildSolverDocument.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SolvedDependency, SolvedRelease, SolverDocument } from '../contracts/index.js';
import { HttpPackageIndex, IndexHostError, serveCorpus, synthesizeWheel } from '../index/index.js';
import type { Corpus, LoopbackIndex, ServeOptions } from '../index/index.js';
import { corpusOf, loadRequestsCorpus, metadataText } from './__fixtures__/corpora.js';
import { buildSolverDocument, resolveEnvironments, solvePackage } from './index.js';
import type { SolveOutcome, VersionSelection } from './index.js';

const FAST_RETRY = { retries: 2, initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };

const ENVIRONMENTS = resolveEnvironments([
  { id: 'linux-py311', python: '3.11.7', platform: 'manylinux_2_34_x86_64', osName: 'rhel', osVersion: '9' },
  { id: 'macos-py312', python: '3.12.1', platform: 'macosx_14_0_arm64' },
  { id: 'win-py310', python: '3.10.11', platform: 'win_amd64' },
  { id: 'linux-py35', python: '3.5.10', platform: 'manylinux_2_17_x86_64' },
]);
const ALL = (value: boolean | null): Record<string, boolean | null> =>
  Object.fromEntries(ENVIRONMENTS.map((e) => [e.environment.identity.id, value]));

let requests: Corpus;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  requests = await loadRequestsCorpus();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function serve(corpus: Corpus, options: ServeOptions = {}): Promise<LoopbackIndex> {
  const server = await serveCorpus(corpus, options);
  open.push(server);
  return server;
}

function client(...indexUrls: string[]): HttpPackageIndex {
  const index = new HttpPackageIndex({ indexUrls, retry: FAST_RETRY });
  open.push(index);
  return index;
}

async function solve(
  server: LoopbackIndex,
  packageName: string,
  selection: VersionSelection,
  options: { dependencyIndex?: HttpPackageIndex; environments?: typeof ENVIRONMENTS } = {},
): Promise<SolveOutcome & { document: SolverDocument }> {
  const index = client(server.url);
  const outcome = await solvePackage(
    { packageName, selection, environments: options.environments ?? ENVIRONMENTS },
    { index, dependencyIndex: options.dependencyIndex ?? index, concurrency: 4 },
  );
  const document = buildSolverDocument(outcome.result, {
    documentId: 'solver-0123456789abcdef',
    analyzerVersion: '0.1.0',
    startedAt: new Date('2024-06-01T00:00:00Z'),
    durationSeconds: 0.5,
    arguments: { package_name: packageName },
    execution: { deployment: 'thoth-local' },
  });
  return { ...outcome, document };
}

function release(outcome: SolveOutcome, version: string): SolvedRelease {
  const found = outcome.result.releases.find((r) => r.version === version);
  if (found === undefined)
    throw new Error(`no release ${version} in ${outcome.result.releases.map((r) => r.version).join(', ')}`);
  return found;
}

function dependency(
  r: SolvedRelease,
  name: string,
  extra: string | null,
  specifier?: string,
): SolvedDependency {
  const found = r.dependencies.filter(
    (d) => d.name === name && d.extra === extra && (specifier === undefined || d.specifier === specifier),
  );
  expect(found, `${name} extra=${extra} ${specifier ?? ''}`).toHaveLength(1);
  return found[0]!;
}

describe('solving requests from the recorded PyPI corpus', () => {
  it('keeps specifiers, extras, markers and per-environment marker results as the metadata says', async () => {
    const server = await serve(requests);
    const outcome = await solve(server, 'Requests', { kind: 'versions', versions: ['2.27.1', '2.31.0'] });
    expect(outcome.result.releases.map((r) => r.version)).toEqual(['2.27.1', '2.31.0']);
    const old = release(outcome, '2.27.1');
    expect(old).toMatchObject({
      name: 'requests',
      index_url: server.url.replace(/\/$/, ''),
      requires_python: '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*',
      yanked: false,
      yanked_reason: null,
      metadata_version: null,
      metadata_source: 'pep658',
    });
    // requests[socks] → PySocks, behind the extra 'socks', with the full specifier.
    expect(dependency(old, 'pysocks', 'socks')).toEqual({
      name: 'pysocks',
      specifier: '!=1.5.7,>=1.5.6',
      extras: [],
      marker: 'extra == "socks"',
      extra: 'socks',
      marker_results: ALL(true),
    });
    // The same project twice, with different specifiers and markers: both kept.
    expect(dependency(old, 'idna', null, '<3,>=2.5')).toMatchObject({
      marker: 'python_version < "3"',
      marker_results: ALL(false),
    });
    expect(dependency(old, 'idna', null, '<4,>=2.5')).toMatchObject({
      marker: 'python_version >= "3"',
      marker_results: ALL(true),
    });
    // An extra behind a platform condition: true nowhere (Python 2.7 on Windows only).
    expect(dependency(old, 'win-inet-pton', 'socks')).toMatchObject({
      specifier: '',
      marker: '(sys_platform == "win32" and python_version == "2.7") and extra == "socks"',
      marker_results: ALL(false),
    });
    // PEP 685: the extra 'use_chardet_on_py3' is normalized.
    expect(dependency(old, 'chardet', 'use-chardet-on-py3')).toMatchObject({ specifier: '<5,>=3.0.2' });
    expect(dependency(old, 'chardet', null)).toMatchObject({ marker: 'python_version < "3"' });
    expect(dependency(old, 'charset-normalizer', null)).toMatchObject({ specifier: '~=2.0.0' });
    expect(old.dependencies).toHaveLength(9);

    const current = release(outcome, '2.31.0');
    expect(current.dependencies.map((d) => [d.name, d.specifier, d.extra])).toEqual([
      ['charset-normalizer', '<4,>=2', null],
      ['idna', '<4,>=2.5', null],
      ['urllib3', '<3,>=1.21.1', null],
      ['certifi', '>=2017.4.17', null],
      ['pysocks', '!=1.5.7,>=1.5.6', 'socks'],
      ['chardet', '<6,>=3.0.2', 'use-chardet-on-py3'],
    ]);
    expect(current.files).toEqual([
      {
        filename: 'requests-2.31.0-py3-none-any.whl',
        kind: 'wheel',
        tags: ['py3-none-any'],
        hashes: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string },
        size: expect.any(Number) as unknown as number,
        upload_time: '2023-05-22T15:12:42.313790Z',
        url: `${server.url.replace(/simple\/$/, '')}files/requests/requests-2.31.0-py3-none-any.whl`,
      },
    ]);
    // The corpus holds no PySocks and no win-inet-pton (nobody asked for the extra when it was captured).
    expect(outcome.result.unresolved).toEqual([
      expect.objectContaining({ name: 'pysocks', specifier: '!=1.5.7,>=1.5.6', reason: 'package-not-found' }),
      expect.objectContaining({ name: 'win-inet-pton', specifier: '', reason: 'package-not-found' }),
    ]);
    expect(outcome.result.errors).toEqual([]);
    expect(outcome.result.unparsed).toEqual([]);
    expect(outcome.stats).toMatchObject({ selected: 2, solved: 2, metadataReads: 2 });
    expect(outcome.document.metadata.document_id).toBe('solver-0123456789abcdef');
  });

  it('decides installability per environment: a py3-none-any wheel everywhere, but not where Requires-Python excludes', async () => {
    const server = await serve(requests);
    const outcome = await solve(server, 'requests', { kind: 'versions', versions: ['2.27.1', '2.31.0'] });
    const ok = { installable: true, reason: null, detail: null };
    for (const version of ['2.27.1', '2.31.0']) {
      expect(release(outcome, version).installability).toEqual({
        'linux-py311': ok,
        'macos-py312': ok,
        'win-py310': ok,
        'linux-py35': expect.objectContaining({ installable: false, reason: 'requires-python' }),
      });
    }
    expect(release(outcome, '2.31.0').installability['linux-py35']!.detail).toBe(
      'Requires-Python >=3.7 excludes Python 3.5.10',
    );
  });

  it('selects by specifier and by newest N, and records yanked releases with their reason', async () => {
    const server = await serve(requests);
    const bySpecifier = await solve(server, 'requests', { kind: 'specifier', specifier: '>=2.31,<2.32.3' });
    expect(bySpecifier.result.releases.map((r) => r.version)).toEqual([
      '2.31.0',
      '2.32.0',
      '2.32.1',
      '2.32.2',
    ]);
    expect(release(bySpecifier, '2.32.0')).toMatchObject({
      yanked: true,
      yanked_reason: 'Yanked due to conflicts with CVE-2024-35195 mitigation',
    });
    // Yanking is a fact of the release, not an environment verdict (PEP 592 still allows == pins).
    expect(release(bySpecifier, '2.32.0').installability['linux-py311']!.installable).toBe(true);
    const newest = await solve(server, 'requests', { kind: 'newest', count: 2 });
    expect(newest.result.releases.map((r) => r.version)).toEqual(['2.32.2', '2.32.3']);
    const none = await solve(server, 'requests', { kind: 'specifier', specifier: '>=3' });
    expect(none.result.releases).toEqual([]);
    expect(none.result.unresolved).toEqual([
      expect.objectContaining({ name: 'requests', specifier: '>=3', reason: 'no-matching-version' }),
    ]);
  });
});

describe('failures are data, outages are errors', () => {
  it('an unknown package gives a document with one package-not-found entry and no release', async () => {
    const server = await serve(requests);
    const outcome = await solve(server, 'no-such-package', { kind: 'versions', versions: ['1.0', '2.0'] });
    expect(outcome.document.result).toMatchObject({
      releases: [],
      errors: [],
      unparsed: [],
      unresolved: [
        {
          name: 'no-such-package',
          specifier: '==1.0',
          index_url: server.url.replace(/\/$/, ''),
          reason: 'package-not-found',
          message: `no project no-such-package on ${server.url.replace(/\/$/, '')}`,
        },
        expect.objectContaining({ specifier: '==2.0', reason: 'package-not-found' }),
      ],
    });
  });

  it('a missing version is an error entry while the other versions are solved', async () => {
    const server = await serve(requests);
    const outcome = await solve(server, 'requests', { kind: 'versions', versions: ['2.31.0', '2.99.0'] });
    expect(outcome.result.releases.map((r) => r.version)).toEqual(['2.31.0']);
    expect(outcome.result.errors).toEqual([
      {
        name: 'requests',
        version: '2.99.0',
        index_url: server.url.replace(/\/$/, ''),
        environment_id: null,
        code: 'version-not-found',
        message: `requests has no release 2.99.0 on ${server.url.replace(/\/$/, '')}`,
      },
    ]);
  });

  const BAD_WHEEL = 'requests-2.31.0-py3-none-any.whl';
  it.each([
    // The PEP 658 file is garbage, so its hash no longer matches what the index advertised.
    ['a garbage PEP 658 file', { faults: { malformedMetadata: [BAD_WHEEL] } }, '[hash-mismatch]'],
    // Without PEP 658 the wheel's own METADATA is read, and it is an HTML page.
    [
      'a wheel whose METADATA is an HTML page',
      {
        pep658: false,
        artifacts: new Map([
          [BAD_WHEEL, synthesizeWheel(BAD_WHEEL, Buffer.from('<!DOCTYPE html><p>oops</p>\n'))],
        ]),
      },
      '[malformed-metadata]',
    ],
  ] as const)(
    '%s is an error entry naming the file and the defect, not a release without dependencies',
    async (_, options, code) => {
      const server = await serve(requests, options);
      const outcome = await solve(server, 'requests', { kind: 'versions', versions: ['2.31.0', '2.32.3'] });
      expect(outcome.result.releases.map((r) => r.version)).toEqual(['2.32.3']);
      expect(outcome.result.errors).toHaveLength(1);
      expect(outcome.result.errors[0]).toMatchObject({
        name: 'requests',
        version: '2.31.0',
        environment_id: null,
        code: 'metadata-unreadable',
      });
      expect(outcome.result.errors[0]!.message).toContain(BAD_WHEEL);
      expect(outcome.result.errors[0]!.message).toContain(code);
    },
  );

  it('an index answering 503 persistently throws a retriable IndexHostError instead of "no versions"', async () => {
    const server = await serve(requests, { faults: { unavailableFirst: 1_000_000 } });
    const index = client(server.url);
    const error: unknown = await solvePackage(
      { packageName: 'requests', selection: { kind: 'newest', count: 1 }, environments: ENVIRONMENTS },
      { index, dependencyIndex: index },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexHostError);
    expect((error as IndexHostError).retriable).toBe(true);
    expect(server.counters.faults).toBe(FAST_RETRY.retries + 1);
  });

  it('a dependency index that is down becomes error entries; the release is still solved', async () => {
    const server = await serve(requests);
    const down = await serve(requests, { faults: { unavailableFirst: 1_000_000 } });
    const outcome = await solve(
      server,
      'requests',
      { kind: 'versions', versions: ['2.31.0'] },
      {
        dependencyIndex: client(down.url),
      },
    );
    expect(outcome.result.releases).toHaveLength(1);
    expect(outcome.result.unresolved).toEqual([]);
    expect(outcome.result.errors.map((e) => [e.name, e.code])).toEqual(
      ['certifi', 'chardet', 'charset-normalizer', 'idna', 'pysocks', 'urllib3'].map((n) => [
        n,
        'dependency-index-unavailable',
      ]),
    );
  });

  it('looks dependencies up on every dependency index, in priority order', async () => {
    const server = await serve(requests);
    const extra = await serve(corpusOf([{ project: 'PySocks', version: '1.7.1' }]));
    const outcome = await solve(
      server,
      'requests',
      { kind: 'versions', versions: ['2.31.0'] },
      {
        dependencyIndex: client(server.url, extra.url),
      },
    );
    expect(outcome.result.unresolved).toEqual([]);
  });
});

describe('hand-made corpora', () => {
  const WHEELS = [
    'natpkg-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    'natpkg-1.0-cp311-cp311-macosx_11_0_arm64.whl',
  ];
  const REQUIRES = [
    'helper>=99',
    'helper[fast, Speed_Up]; extra == "a" or extra == "B"',
    'extra-only; extra == "test" or python_version < "3.8"',
    'odd; platform_release ~= "5"',
    'bad-line >=>2',
    'helper',
    'helper',
  ];
  const corpus = corpusOf([
    { project: 'natpkg', version: '1.0', files: WHEELS, requires: REQUIRES, requiresPython: '>=3.11' },
    { project: 'helper', version: '1.0' },
    { project: 'extra-only', version: '1.0' },
    { project: 'odd', version: '1.0' },
    { project: 'mismatch', version: '0.9.13', metadataVersion: '0.9.13.dev1' },
  ]);
  const environments = resolveEnvironments([
    { id: 'linux-py311', python: '3.11.7', platform: 'manylinux_2_34_x86_64' },
    { id: 'macos-py311', python: '3.11.4', platform: 'macosx_14_0_arm64' },
    { id: 'macos-py312', python: '3.12.1', platform: 'macosx_14_0_arm64' },
    { id: 'win-py311', python: '3.11.4', platform: 'win_amd64' },
  ]);
  const ids = environments.map((e) => e.environment.identity.id);
  const each = (value: boolean | null): Record<string, boolean | null> =>
    Object.fromEntries(ids.map((id) => [id, value]));

  it('splits extras, keeps a no-extra entry when the marker allows it, evaluates per environment, lists unparsable lines', async () => {
    const server = await serve(corpus);
    const outcome = await solve(server, 'natpkg', { kind: 'versions', versions: ['1.0'] }, { environments });
    const natpkg = release(outcome, '1.0');
    expect(natpkg.dependencies.map((d) => [d.name, d.specifier, d.extras, d.extra])).toEqual([
      ['helper', '>=99', [], null],
      ['helper', '', ['fast', 'speed-up'], 'a'],
      ['helper', '', ['fast', 'speed-up'], 'b'],
      ['extra-only', '', [], null],
      ['extra-only', '', [], 'test'],
      ['odd', '', [], null],
      ['helper', '', [], null],
    ]);
    expect(dependency(natpkg, 'extra-only', null).marker_results).toEqual(each(false));
    expect(dependency(natpkg, 'extra-only', 'test').marker_results).toEqual(each(true));
    // '~=' on a platform_release that is not a version is undefined in packaging: unknown, not false.
    expect(dependency(natpkg, 'odd', null).marker_results).toEqual(each(null));
    expect(outcome.result.unparsed).toEqual([
      {
        requirement: 'bad-line >=>2',
        reason: expect.stringMatching(/^natpkg 1\.0 Requires-Dist: .*column/) as unknown as string,
      },
    ]);
    expect(outcome.result.unresolved).toEqual([
      expect.objectContaining({ name: 'helper', specifier: '>=99', reason: 'no-matching-version' }),
    ]);
  });

  it('matches platform wheels to environments and says why a release does not fit', async () => {
    const server = await serve(corpus);
    const outcome = await solve(server, 'natpkg', { kind: 'versions', versions: ['1.0'] }, { environments });
    const natpkg = release(outcome, '1.0');
    expect(natpkg.files.map((f) => [f.filename, f.tags])).toEqual([
      [WHEELS[0], ['cp311-cp311-manylinux_2_17_x86_64', 'cp311-cp311-manylinux2014_x86_64']],
      [WHEELS[1], ['cp311-cp311-macosx_11_0_arm64']],
    ]);
    expect(natpkg.installability).toEqual({
      'linux-py311': { installable: true, reason: null, detail: null },
      'macos-py311': { installable: true, reason: null, detail: null },
      'macos-py312': expect.objectContaining({ installable: false, reason: 'no-compatible-file' }),
      'win-py311': expect.objectContaining({ installable: false, reason: 'no-compatible-file' }),
    });
    expect(natpkg.installability['win-py311']!.detail).toContain('none of 2 wheels fits win-py311');
  });

  it('notes when the wheel an environment would install lists other Requires-Dist', async () => {
    // The macOS wheel is served with its own METADATA; without PEP 658 the solver reads each wheel.
    const macMetadata = metadataText({ project: 'natpkg', version: '1.0' }, [
      'helper',
      'appnope; sys_platform == "darwin"',
    ]);
    const server = await serve(corpus, {
      pep658: false,
      artifacts: new Map([[WHEELS[1]!, synthesizeWheel(WHEELS[1]!, Buffer.from(macMetadata))]]),
    });
    const outcome = await solve(server, 'natpkg', { kind: 'versions', versions: ['1.0'] }, { environments });
    expect(release(outcome, '1.0').metadata_source).toBe('wheel');
    const differs = outcome.result.errors.filter((e) => e.code === 'requires-dist-differs');
    expect(differs.map((e) => e.environment_id)).toEqual(['macos-py311']);
    expect(differs[0]!.message).toContain('adds appnope; sys_platform == "darwin"');
    expect(differs[0]!.message).toContain('lacks helper>=99');
  });

  it('records the version inside the metadata when it differs from the index (storages#1415)', async () => {
    const server = await serve(corpus);
    const outcome = await solve(
      server,
      'mismatch',
      { kind: 'versions', versions: ['0.9.13'] },
      { environments },
    );
    expect(release(outcome, '0.9.13').metadata_version).toBe('0.9.13.dev1');
  });
});
