// The provenance check against two real loopback indexes over the recorded requests corpus (a public
// one and a private one that shadows idna with different files), with locks written by lib/python's
// writers from what the indexes publish: clean locks, changed digests, wrong and undeclared indexes,
// yanked releases, missing hashes, dependency confusion, and the knowledge graph answering first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteGraphStore, migrate, upsertRelease } from '../../graph/index.js';
import type { GraphStore } from '../../graph/index.js';
import { parseVersion } from '../../python/index.js';
import { PIPFILE, lockedPackages, stackOf, startIndexes, writeLock } from './__fixtures__/indexes.js';
import type { TestIndexes } from './__fixtures__/indexes.js';
import {
  GraphArtifactSource,
  IndexArtifactSource,
  checkProvenance,
  provenanceDocument,
  readLock,
} from './index.js';
import type { ProvenanceCheckInput, ProvenanceFinding } from './index.js';

let ix: TestIndexes;
beforeAll(async () => {
  ix = await startIndexes();
});
afterAll(async () => {
  await ix?.close();
});

async function check(
  text: string,
  file: string,
  extra: Partial<Omit<ProvenanceCheckInput, 'lock'>> = {},
): Promise<Awaited<ReturnType<typeof checkProvenance>> & { index: IndexArtifactSource }> {
  const index = new IndexArtifactSource();
  try {
    const report = await checkProvenance({
      lock: readLock(text, file),
      index,
      allowedIndexes: null,
      ...extra,
    });
    return { ...report, index };
  } finally {
    await index.close();
  }
}

const errors = (findings: ProvenanceFinding[]): ProvenanceFinding[] =>
  findings.filter((f) => f.type === 'error');
const source = (name: string, url: string) => ({ name, url, verifySsl: true });

describe('provenance of a clean lock', () => {
  it.each(['Pipfile.lock', 'requirements.txt', 'pylock.toml'] as const)('%s: no findings', async (file) => {
    const stack = stackOf(await lockedPackages(ix.publicUrl), [source('public', ix.publicUrl)]);
    const text =
      file === 'Pipfile.lock'
        ? writeLock.pipfileLock(stack)
        : file === 'pylock.toml'
          ? writeLock.pylockToml(stack)
          : writeLock.requirementsTxt(stack);
    const report = await check(text, file, file === 'Pipfile.lock' ? { pipfile: PIPFILE } : {});
    expect(report.findings).toEqual([]);
    expect(report.checked).toBe(5);
    expect(report.unchecked).toEqual([]);
  });
});

describe('provenance errors', () => {
  it('names package, file and both digests when a locked hash changed', async () => {
    const packages = await lockedPackages(ix.publicUrl);
    const requests = packages.find((p) => p.name === 'requests')!;
    const served = requests.files[0]!;
    const forged = 'f'.repeat(64);
    requests.files = [{ ...served, sha256: forged }];
    const stack = stackOf(packages, [source('public', ix.publicUrl)]);
    for (const [file, text] of [
      ['Pipfile.lock', writeLock.pipfileLock(stack)],
      ['pylock.toml', writeLock.pylockToml(stack)],
      ['requirements.txt', writeLock.requirementsTxt(stack)],
    ] as const) {
      const report = await check(text, file);
      expect(errors(report.findings), file).toEqual([
        expect.objectContaining({
          id: 'invalid-artifact-hash',
          package_name: 'requests',
          package_version: '2.32.3',
          sha256: forged,
          filename: served.filename,
        }),
      ]);
      const message = report.findings[0]!.message;
      expect(message).toContain('requests-2.32.3-py3-none-any.whl');
      expect(message).toContain(forged);
      expect(message).toContain(served.sha256);
    }
  });

  it('reports a package pinned to an index that does not serve it', async () => {
    const packages = await lockedPackages(ix.publicUrl);
    const certifi = packages.find((p) => p.name === 'certifi')!;
    certifi.indexUrl = ix.privateUrl;
    const stack = stackOf(packages, [source('public', ix.publicUrl), source('private', ix.privateUrl)]);
    const report = await check(writeLock.pipfileLock(stack), 'Pipfile.lock');
    expect(errors(report.findings)).toEqual([
      expect.objectContaining({
        id: 'missing-package',
        package_name: 'certifi',
        index_url: ix.privateUrl,
        indexes: [ix.publicUrl],
      }),
      // The locked files are the public index's: installing from the pin would fail or take another file.
      expect.objectContaining({ id: 'artifact-different-source', package_name: 'certifi' }),
    ]);
    expect(report.findings[0]!.message).toMatch(/pinned to .* but it has no project certifi/);
  });

  it('refuses an index the lock does not declare and an index the request does not allow', async () => {
    const stack = stackOf(await lockedPackages(ix.publicUrl), [source('public', ix.publicUrl)]);
    const lock = JSON.parse(writeLock.pipfileLock(stack)) as {
      default: Record<string, { index?: string }>;
    };
    lock.default['idna']!.index = 'internal';
    const report = await check(JSON.stringify(lock, null, 4), 'Pipfile.lock', {
      allowedIndexes: ['https://pypi.org/simple/'],
    });
    expect(errors(report.findings).map((f) => [f.id, f.package_name, f.index_url])).toEqual([
      ['source-not-allowed', null, ix.publicUrl],
      ['source-not-allowed', 'idna', null],
    ]);
    expect(report.findings[1]!.message).toContain('names index "internal"');
  });

  it('reports the shadowing index when the locked digest is a file of another index', async () => {
    const packages = await lockedPackages(ix.publicUrl);
    const [privateIdna] = await lockedPackages(ix.privateUrl, [['idna', '3.10']]);
    // The lock pins idna to the public index, but its digest is the private index's rebuild.
    packages.find((p) => p.name === 'idna')!.files = privateIdna!.files;
    const stack = stackOf(packages, [source('public', ix.publicUrl), source('private', ix.privateUrl)]);
    const report = await check(writeLock.pipfileLock(stack), 'Pipfile.lock');
    expect(errors(report.findings)).toEqual([
      expect.objectContaining({
        id: 'artifact-different-source',
        package_name: 'idna',
        index_url: ix.publicUrl,
        indexes: [ix.privateUrl],
        filename: 'idna-3.10-py3-none-any.whl',
      }),
    ]);
  });
});

describe('provenance warnings and information', () => {
  it('warns about a yanked release (requests 2.32.0 was yanked on PyPI)', async () => {
    const packages = await lockedPackages(ix.publicUrl, [
      ['requests', '2.32.0'],
      ['idna', '3.7'],
    ]);
    const report = await check(
      writeLock.requirementsTxt(stackOf(packages, [source('public', ix.publicUrl)])),
      'requirements.txt',
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        type: 'warning',
        id: 'yanked',
        package_name: 'requests',
        package_version: '2.32.0',
        indexes: [ix.publicUrl],
        link: 'https://peps.python.org/pep-0592/',
      }),
    ]);
    expect(report.findings[0]!.message).toContain('is yanked on');
  });

  it('warns about missing hashes and about indexes serving different files for an unpinned package', async () => {
    const text = `-i ${ix.privateIndex.url}\n--extra-index-url ${ix.publicIndex.url}\nidna==3.10\nrequests==2.32.3\n`;
    const report = await check(text, 'requirements.txt');
    expect(report.findings.map((f) => [f.type, f.id, f.package_name])).toEqual([
      ['warning', 'missing-hashes', 'idna'],
      ['warning', 'different-artifacts-on-sources', 'idna'],
      ['warning', 'missing-hashes', 'requests'],
      ['info', 'artifact-possible-different-source', 'requests'],
    ]);
    expect(report.findings[1]!.indexes).toEqual([ix.privateUrl, ix.publicUrl]);
  });

  it('flags a lock whose Pipfile hash does not match, and TLS verification turned off', async () => {
    const stack = stackOf(await lockedPackages(ix.publicUrl, [['idna', '3.10']]), [
      { name: 'public', url: ix.publicUrl, verifySsl: false },
    ]);
    const report = await check(writeLock.pipfileLock(stack), 'Pipfile.lock', {
      pipfile: PIPFILE.replace('==2.32.3', '==2.32.2'),
    });
    expect(report.findings.map((f) => [f.type, f.id])).toEqual([
      ['error', 'invalid-lock-hash'],
      ['warning', 'insecure-source'],
    ]);
  });

  it('builds a schema-valid provenance document', async () => {
    const packages = await lockedPackages(ix.publicUrl, [['requests', '2.32.0']]);
    const report = await check(
      writeLock.pylockToml(stackOf(packages, [source('public', ix.publicUrl)])),
      'pylock.toml',
    );
    const document = provenanceDocument(
      {
        document_id: 'provenance-checker-0123456789abcdef',
        analyzer_version: '0.1.0',
        datetime: '2026-01-01T00:00:00.000Z',
        duration: 0.1,
        arguments: {},
        environment: { deployment: 'test' },
      },
      { report },
    );
    expect(document.metadata).toMatchObject({ analyzer: 'thoth-provenance-checker', schema_version: 2 });
    expect(document.result.findings.map((f) => f.id)).toEqual(['yanked']);
  });
});

describe('provenance from the knowledge graph', () => {
  let graph: GraphStore;
  beforeAll(async () => {
    graph = await PgliteGraphStore.open();
    await migrate(graph);
    // The graph knows requests 2.32.3 on the public index, with a file whose digest differs from
    // what the index serves today: the check must trust the graph and not ask the index for it.
    const [requests] = await lockedPackages(ix.publicUrl, [['requests', '2.32.3']]);
    await upsertRelease(
      graph,
      {
        name: 'requests',
        version: '2.32.3',
        indexUrl: ix.publicUrl,
        requiresPython: null,
        yanked: false,
        yankedReason: null,
        uploadTime: null,
        metadataSource: null,
        files: requests!.files.map((f) => ({
          filename: f.filename!,
          kind: 'wheel' as const,
          tags: [],
          sha256: 'e'.repeat(64),
          size: null,
          uploadTime: null,
          url: null,
        })),
        dependencies: [],
        verdicts: [],
      },
      parseVersion('2.32.3').toString(),
      new Map(),
      null,
    );
  }, 60_000);
  afterAll(async () => {
    await graph?.close();
  });

  it('uses the graph for releases it knows and lists the releases it lacks', async () => {
    const packages = await lockedPackages(ix.publicUrl, [
      ['requests', '2.32.3'],
      ['idna', '3.10'],
    ]);
    const lock = writeLock.pipfileLock(stackOf(packages, [source('public', ix.publicUrl)]));
    const report = await check(lock, 'Pipfile.lock', { graph: new GraphArtifactSource(graph) });
    expect(errors(report.findings)).toEqual([
      expect.objectContaining({
        id: 'invalid-artifact-hash',
        package_name: 'requests',
        filename: 'requests-2.32.3-py3-none-any.whl',
      }),
    ]);
    expect(report.findings[0]!.message).toContain('e'.repeat(64));
    // requests came from the graph; only idna's page was read from the index.
    expect(report.index.pageRequests).toBe(1);
    expect(report.gaps).toEqual([{ name: 'idna', version: '3.10', indexUrl: ix.publicUrl }]);
  });

  it('leaves a package unchecked when neither the graph nor an index can answer', async () => {
    const packages = await lockedPackages(ix.publicUrl, [['idna', '3.10']]);
    const report = await checkProvenance({
      lock: readLock(
        writeLock.pipfileLock(stackOf(packages, [source('public', ix.publicUrl)])),
        'Pipfile.lock',
      ),
      graph: new GraphArtifactSource(graph),
      allowedIndexes: null,
    });
    expect(report.findings).toEqual([]);
    expect(report.unchecked).toEqual([{ name: 'idna', version: '3.10', indexUrl: ix.publicUrl }]);
  });
});
