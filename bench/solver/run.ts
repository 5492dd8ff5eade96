// Solver benchmark: releases solved per second from the loopback index over the recorded
// requests<2.33 corpus (every release of its 6 projects, 2 environments), with PEP 658 metadata
// files and with wheel range reads, at several concurrencies; optionally the same against pypi.org.
// With --pip N it also times pip (the original solver's tool) resolving N requests releases one by one
// with `pip install --dry-run --no-deps --report` against the same loopback index, for a ratio.
// With --transitive it also times transitive runs (solveTransitive, newest release per requirement)
// from the roots of the jupyter-small corpus (bench/corpora) on the loopback index.
// Usage: npx tsx bench/solver/run.ts [--concurrency 1,8,32] [--rounds 3] [--pypi] [--pip 20] [--transitive] [--json]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { HttpPackageIndex, loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { Corpus } from '../../lib/index/index.js';
import { parseRequirement } from '../../lib/python/index.js';
import { resolveEnvironments, solvePackage, solveTransitive } from '../../lib/solver/index.js';
import type { VersionSelection } from '../../lib/solver/index.js';
import { loadRequestsCorpus } from '../../lib/solver/__fixtures__/corpora.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '1,8,32' },
    rounds: { type: 'string', default: '3' },
    pypi: { type: 'boolean', default: false },
    pip: { type: 'string' },
    transitive: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const CONCURRENCIES = values.concurrency.split(',').map(Number);
const ROUNDS = Number(values.rounds);

const ENVIRONMENTS = resolveEnvironments([
  { id: 'linux-py311', python: '3.11.7', platform: 'manylinux_2_34_x86_64' },
  { id: 'macos-py312', python: '3.12.4', platform: 'macosx_14_0_arm64' },
]);

interface Row {
  index: string;
  metadata: string;
  concurrency: number;
  releases: number;
  'releases/s (median)': number;
  'requests/release': number;
  'dependency pages': number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Solve `packages` one after the other (releases within a package in parallel); returns releases and seconds. */
async function solveAll(
  indexUrl: string,
  packages: readonly (readonly [string, VersionSelection])[],
  concurrency: number,
): Promise<{ releases: number; seconds: number; lookups: number }> {
  // A fresh client per round: no HTTP cache, so every round reads pages and metadata again.
  const index = new HttpPackageIndex({ indexUrls: [indexUrl], concurrency: Math.max(concurrency, 4) });
  const started = performance.now();
  let releases = 0;
  let lookups = 0;
  for (const [name, selection] of packages) {
    const outcome = await solvePackage(
      { packageName: name, selection, environments: ENVIRONMENTS },
      { index, dependencyIndex: index, concurrency },
    );
    releases += outcome.stats.solved;
    lookups += outcome.stats.dependencyLookups;
  }
  const seconds = (performance.now() - started) / 1000;
  await index.close();
  return { releases, seconds, lookups };
}

async function loopbackRows(corpus: Corpus): Promise<Row[]> {
  const packages = [...corpus.projects.keys()]
    .sort()
    .map((name) => [name, { kind: 'specifier', specifier: '' }] as const);
  const rows: Row[] = [];
  // One untimed pass first, so the first measured row does not pay for JIT warm-up.
  const warmup = await serveCorpus(corpus);
  await solveAll(warmup.url, packages, 8);
  await warmup.close();
  for (const pep658 of [true, false]) {
    const server = await serveCorpus(corpus, { pep658 });
    for (const concurrency of CONCURRENCIES) {
      const rates: number[] = [];
      let releases = 0;
      let requests = 0;
      let lookups = 0;
      for (let round = 0; round < ROUNDS; round++) {
        server.resetCounters();
        const result = await solveAll(server.url, packages, concurrency);
        rates.push(result.releases / result.seconds);
        releases = result.releases;
        requests = server.counters.requests;
        lookups = result.lookups;
      }
      rows.push({
        index: 'loopback',
        metadata: pep658 ? 'PEP 658 files' : 'wheel range reads',
        concurrency,
        releases,
        'releases/s (median)': Number(median(rates).toFixed(1)),
        'requests/release': Number((requests / releases).toFixed(2)),
        'dependency pages': lookups,
      });
    }
    await server.close();
  }
  return rows;
}

async function pypiRows(): Promise<Row[]> {
  const packages = [
    ['requests', { kind: 'newest', count: 10 }],
    ['urllib3', { kind: 'newest', count: 10 }],
    ['numpy', { kind: 'newest', count: 5 }],
    ['charset-normalizer', { kind: 'newest', count: 5 }],
  ] as const;
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCIES) {
    const result = await solveAll('https://pypi.org/simple/', packages, concurrency);
    rows.push({
      index: 'pypi.org',
      metadata: 'as served',
      concurrency,
      releases: result.releases,
      'releases/s (median)': Number((result.releases / result.seconds).toFixed(1)),
      'requests/release': Number.NaN,
      'dependency pages': result.lookups,
    });
  }
  return rows;
}

/**
 * pip resolving one release at a time, metadata only (`--dry-run --no-deps --report`), as the
 * original solver ran pip per release (it also installed, which costs more). Python from THOTH_PYTHON
 * or python3.
 */
async function pipRows(corpus: Corpus, count: number): Promise<Row[]> {
  const run = promisify(execFile);
  const python = process.env['THOTH_PYTHON'] ?? 'python3';
  const versions = corpus.projects
    .get('requests')!
    .releases.filter((r) => r.metadata !== undefined)
    .map((r) => r.version)
    .slice(-count);
  const server = await serveCorpus(corpus);
  const dir = mkdtempSync(join(tmpdir(), 'thoth-bench-pip-'));
  const started = performance.now();
  for (const version of versions) {
    await run(python, [
      ...[
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--no-deps',
        '--ignore-installed',
        '--quiet',
        '--no-cache-dir',
      ],
      ...['--report', join(dir, 'report.json'), '--index-url', server.url, `requests==${version}`],
    ]);
  }
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      index: 'loopback',
      metadata: 'pip --dry-run --no-deps',
      concurrency: 1,
      releases: versions.length,
      'releases/s (median)': Number((versions.length / seconds).toFixed(1)),
      'requests/release': Number.NaN,
      'dependency pages': 0,
    },
  ];
}

/**
 * Transitive runs from each root of the jupyter-small corpus (its releases the root's specifier
 * admits, then the newest release each dependency requirement admits), one after the other, with a
 * fresh client per round; `dependency pages` is the number of packages solved.
 */
async function transitiveRows(): Promise<Row[]> {
  const corpus = await loadCorpus(new URL('../corpora/jupyter-small.jsonl.gz', import.meta.url).pathname);
  const server = await serveCorpus(corpus);
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCIES) {
    const rates: number[] = [];
    let releases = 0;
    let packages = 0;
    let requests = 0;
    for (let round = 0; round < ROUNDS; round++) {
      server.resetCounters();
      const index = new HttpPackageIndex({ indexUrls: [server.url], concurrency: Math.max(concurrency, 4) });
      const started = performance.now();
      releases = 0;
      packages = 0;
      for (const root of corpus.header.requirements) {
        const requirement = parseRequirement(root);
        const outcome = await solveTransitive(
          {
            packageName: requirement.name,
            selection: { kind: 'specifier', specifier: requirement.specifier.toString() },
            environments: ENVIRONMENTS,
          },
          { dependencyReleases: { kind: 'newest', count: 1 } },
          { index, dependencyIndex: index, concurrency },
        );
        releases += outcome.stats.solved;
        packages += outcome.stats.packages;
      }
      rates.push(releases / ((performance.now() - started) / 1000));
      requests = server.counters.requests;
      await index.close();
    }
    rows.push({
      index: 'loopback',
      metadata: 'transitive, jupyter-small roots',
      concurrency,
      releases,
      'releases/s (median)': Number(median(rates).toFixed(1)),
      'requests/release': Number((requests / releases).toFixed(2)),
      'dependency pages': packages,
    });
  }
  await server.close();
  return rows;
}

const corpus = await loadRequestsCorpus();
const rows = [
  ...(await loopbackRows(corpus)),
  ...(values.pypi ? await pypiRows() : []),
  ...(values.pip === undefined ? [] : await pipRows(corpus, Number(values.pip))),
  ...(values.transitive ? await transitiveRows() : []),
];
if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else console.table(rows);
