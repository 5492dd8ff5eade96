// Transitive solving over real HTTP: the loopback index publishing the requests<2.33 corpus recorded
// from PyPI and hand-made corpora (cycles, several specifiers on one dependency, extras, a cap).
// Every merged result is validated as one solver document.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpPackageIndex, serveCorpus } from '../index/index.js';
import type { Corpus, LoopbackIndex } from '../index/index.js';
import { corpusOf, loadRequestsCorpus } from './__fixtures__/corpora.js';
import { buildSolverDocument, resolveEnvironments, solveTransitive } from './index.js';
import type { TransitiveOptions, TransitiveOutcome, VersionSelection } from './index.js';

const ENVIRONMENTS = resolveEnvironments([
  { id: 'linux-py311', python: '3.11.7', platform: 'manylinux_2_34_x86_64' },
  { id: 'macos-py312', python: '3.12.1', platform: 'macosx_14_0_arm64' },
]);

let requests: Corpus;
const open: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  requests = await loadRequestsCorpus();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function run(
  corpus: Corpus,
  packageName: string,
  selection: VersionSelection,
  options: TransitiveOptions,
): Promise<TransitiveOutcome & { server: LoopbackIndex }> {
  const server = await serveCorpus(corpus);
  open.push(server);
  const index = new HttpPackageIndex({ indexUrls: [server.url] });
  open.push(index);
  const outcome = await solveTransitive({ packageName, selection, environments: ENVIRONMENTS }, options, {
    index,
    dependencyIndex: index,
    concurrency: 4,
  });
  // One document holds every package's releases.
  buildSolverDocument(outcome.result, {
    documentId: 'solver-0123456789abcdef',
    analyzerVersion: '0.1.0',
    startedAt: new Date('2024-06-01T00:00:00Z'),
    durationSeconds: 1,
    arguments: { package_name: packageName },
    execution: { deployment: 'thoth-local' },
  });
  return { ...outcome, server };
}

const pins = (outcome: TransitiveOutcome): string[] =>
  outcome.result.releases.map((r) => `${r.name}==${r.version}`);

describe('solveTransitive on the recorded requests corpus', () => {
  it('solves requests 2.32.3 and the newest release each dependency admits, breadth first', async () => {
    const outcome = await run(
      requests,
      'requests',
      { kind: 'versions', versions: ['2.32.3'] },
      { dependencyReleases: { kind: 'newest', count: 1 } },
    );
    expect(pins(outcome)).toEqual([
      'requests==2.32.3',
      'certifi==2024.12.14',
      'charset-normalizer==3.4.1',
      'idna==3.10',
      'urllib3==2.3.0',
    ]);
    expect(outcome.stats).toMatchObject({ packages: 5, levels: 2, skipped: [], solved: 5 });
    // Extras nobody asked for (socks, use-chardet-on-py3, urllib3's brotli…) are not followed; each
    // solved package still checks every dependency's availability, so what the corpus lacks (its
    // capture did not follow those extras either) is listed once as unresolved.
    const unresolved = outcome.result.unresolved.map((u) => `${u.name}${u.specifier}`);
    expect(unresolved).toContain('pysocks!=1.5.7,>=1.5.6');
    expect(unresolved).toContain('h2<5,>=4');
    expect(new Set(unresolved).size).toBe(unresolved.length);
    // Each project page is read once for the whole run: the corpus' 6 projects (chardet's for the
    // availability check of requests' extra) and each name the corpus lacks (a 404 is a value, kept).
    const missing = new Set(outcome.result.unresolved.map((u) => u.name));
    expect(outcome.server.counters.pages).toBe(6 + missing.size);
  });

  it('follows the extras asked for, and the cap leaves the rest out by name', async () => {
    const withExtra = await run(
      requests,
      'requests',
      { kind: 'versions', versions: ['2.32.3'] },
      { dependencyReleases: { kind: 'newest', count: 1 }, extras: ['use_chardet_on_py3'] },
    );
    expect(pins(withExtra)).toContain('chardet==4.0.0');

    const capped = await run(
      requests,
      'requests',
      { kind: 'versions', versions: ['2.32.3'] },
      { dependencyReleases: { kind: 'newest', count: 1 }, maxPackages: 3 },
    );
    expect(pins(capped)).toEqual(['requests==2.32.3', 'certifi==2024.12.14', 'charset-normalizer==3.4.1']);
    expect(capped.stats.skipped).toEqual(['idna', 'urllib3']);
  });
});

describe('solveTransitive on hand-made corpora', () => {
  const corpus = (): Corpus =>
    corpusOf([
      { project: 'app', version: '1.0', requires: ['lib>=1', 'tool[cli]'] },
      // Two requirements on lib select different releases: both are solved, each once.
      {
        project: 'tool',
        version: '1.0',
        requires: ['lib<2', 'click; extra == "cli"', 'rich; extra == "fancy"'],
      },
      { project: 'lib', version: '1.0', requires: ['app'] },
      { project: 'lib', version: '1.5', requires: ['app'] },
      { project: 'lib', version: '2.0', requires: ['app'] },
      { project: 'lib', version: '2.1', yanked: 'broken', requires: ['app'] },
      { project: 'click', version: '8.0' },
      { project: 'click', version: '8.1' },
      { project: 'rich', version: '13.0' },
    ]);

  it('newest per requirement: cycles end, yanked releases are passed over, only asked extras followed', async () => {
    const outcome = await run(
      corpus(),
      'app',
      { kind: 'versions', versions: ['1.0'] },
      { dependencyReleases: { kind: 'newest', count: 1 } },
    );
    // lib 1.5 comes a level later, from tool's lib<2.
    expect(pins(outcome)).toEqual(['app==1.0', 'lib==2.0', 'tool==1.0', 'click==8.1', 'lib==1.5']);
    expect(outcome.stats.levels).toBe(3);
  });

  it('all: every release each requirement admits, the requested one not solved twice', async () => {
    const outcome = await run(
      corpus(),
      'app',
      { kind: 'versions', versions: ['1.0'] },
      { dependencyReleases: { kind: 'all' } },
    );
    expect(pins(outcome).sort()).toEqual(
      [
        'app==1.0',
        'click==8.0',
        'click==8.1',
        'lib==1.0',
        'lib==1.5',
        'lib==2.0',
        'lib==2.1',
        'tool==1.0',
      ].sort(),
    );
    expect(new Set(pins(outcome)).size).toBe(pins(outcome).length);
  });

  it('refuses a bad option before reading anything', async () => {
    await expect(
      run(
        corpus(),
        'app',
        { kind: 'newest', count: 1 },
        { dependencyReleases: { kind: 'newest', count: 0 } },
      ),
    ).rejects.toThrow(/positive integer/);
  });
});
