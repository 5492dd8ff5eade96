// Thoth's side of the peer benchmark, run as its own process so it is timed like the peers:
//   cold: an empty PGlite graph; solve the workload's closure from the index (breadth-first from the
//         roots, every release the index lists, dependencies active in the environment), sync each
//         solver document into the graph, then advise;
//   warm: the graph a cold run left behind; open it and advise.
// Writes {pins, phases, ...} as JSON to --out. Calls the library directly (not `thoth advise`).
import { hostname } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { advise, GraphKnowledgeSource } from '../../lib/adviser/index.js';
import type { RootRequirement } from '../../lib/adviser/index.js';
import { migrate, PgliteGraphStore, syncDocument } from '../../lib/graph/index.js';
import { HttpPackageIndex } from '../../lib/index/index.js';
import type { MarkerEnvironment } from '../../lib/python/index.js';
import { canonicalizeName, normalizeExtra, parseRequirement } from '../../lib/python/index.js';
import {
  buildSolverDocument,
  solvePackage,
  solverDocumentId,
  solverIdempotencyKey,
  SOLVER_DOCUMENT_KIND,
} from '../../lib/solver/index.js';
import type { TargetEnvironment, VersionSelection } from '../../lib/solver/index.js';
import { environmentSpec, readWorkloads, targetEnvironment } from '../lib/workload.js';

const { values } = parseArgs({
  options: {
    workload: { type: 'string' },
    index: { type: 'string' },
    graph: { type: 'string' },
    mode: { type: 'string' },
    out: { type: 'string' },
  },
});
const [workload] = await readWorkloads([values.workload ?? '']);
if (
  workload === undefined ||
  values.index === undefined ||
  values.graph === undefined ||
  values.out === undefined
)
  throw new Error('usage: driver.ts --workload W --index URL --graph DIR --mode cold|warm --out FILE');
const mode = values.mode === 'cold' ? 'cold' : 'warm';
const spec = environmentSpec(workload);
const target = targetEnvironment(workload);
const phases: Record<string, number> = {};
const timed = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await run();
  } finally {
    phases[phase] = (performance.now() - started) / 1000;
  }
};

/** Every final release the index lists (pre-releases only when a project has nothing else). */
const ALL_RELEASES: VersionSelection = { kind: 'specifier', specifier: '' };

const roots: RootRequirement[] = workload.requirements.map((line) => {
  const r = parseRequirement(line);
  return {
    name: canonicalizeName(r.name),
    specifier: r.specifier.toString(),
    extras: r.extras.map((e) => normalizeExtra(e)),
    marker: r.marker === undefined ? null : r.marker.toString(),
  };
});

/** Solve the closure breadth-first; returns releases solved. */
async function learnClosure(
  graph: PgliteGraphStore,
  indexUrl: string,
  env: TargetEnvironment,
): Promise<number> {
  const index = new HttpPackageIndex({ indexUrls: [indexUrl] });
  const marker = env.environment.marker_environment as unknown as MarkerEnvironment;
  const extrasOf = new Map<string, Set<string>>();
  const results = new Map<string, Awaited<ReturnType<typeof solvePackage>>['result']>();
  let solved = 0;
  let wave = new Set<string>();
  const want = (name: string, extras: readonly string[]): boolean => {
    const key = canonicalizeName(name);
    const known = extrasOf.get(key);
    const fresh = known === undefined || extras.some((e) => !known.has(e));
    extrasOf.set(key, new Set([...(known ?? []), ...extras]));
    return fresh;
  };
  for (const root of workload!.requirements) {
    const r = parseRequirement(root);
    if (r.marker !== undefined && !r.marker.evaluate(marker)) continue;
    if (
      want(
        r.name,
        r.extras.map((e) => normalizeExtra(e)),
      )
    )
      wave.add(canonicalizeName(r.name));
  }
  while (wave.size > 0) {
    const names = [...wave].filter((n) => !results.has(n));
    await Promise.all(
      names.map(async (name) => {
        const startedAt = new Date();
        const started = performance.now();
        const outcome = await solvePackage(
          { packageName: name, selection: ALL_RELEASES, environments: [env] },
          { index, dependencyIndex: index, concurrency: 16 },
        );
        results.set(name, outcome.result);
        solved += outcome.stats.solved;
        const document = buildSolverDocument(outcome.result, {
          documentId: solverDocumentId(
            solverIdempotencyKey(
              { packageName: name, selection: ALL_RELEASES, environmentIds: [spec.id] },
              indexUrl,
              [indexUrl],
            ),
          ),
          analyzerVersion: '0.1.0',
          startedAt,
          durationSeconds: (performance.now() - started) / 1000,
          arguments: { package_name: name, index_url: indexUrl, environments: [spec.id] },
          execution: {
            deployment: 'bench',
            hostname: hostname(),
            node_version: process.versions.node,
            platform: `${process.platform}-${process.arch}`,
          },
        });
        await syncDocument(graph, SOLVER_DOCUMENT_KIND, document);
      }),
    );
    // Next wave: dependencies active here, including those behind extras something asked for.
    const next = new Set<string>();
    for (const [name, result] of results) {
      const extras = extrasOf.get(name) ?? new Set<string>();
      for (const release of result.releases)
        for (const dep of release.dependencies) {
          if (dep.marker_results[spec.id] === false) continue;
          if (dep.extra !== null && !extras.has(dep.extra)) continue;
          if (want(dep.name, dep.extras) || !results.has(dep.name)) next.add(dep.name);
        }
    }
    wave = new Set([...next].filter((n) => !results.has(n)));
    // A new extra on an already-solved package only widens which of its known edges count.
    if (wave.size === 0 && next.size > 0) {
      let grew = false;
      for (const [name, result] of results) {
        const extras = extrasOf.get(name) ?? new Set<string>();
        for (const release of result.releases)
          for (const dep of release.dependencies)
            if (dep.extra !== null && extras.has(dep.extra) && !results.has(dep.name)) {
              wave.add(dep.name);
              grew = true;
            }
      }
      if (!grew) break;
    }
  }
  return solved;
}

const graph = await timed('open', () => PgliteGraphStore.open(values.graph));
let releasesSolved = 0;
if (mode === 'cold') {
  await timed('migrate', () => migrate(graph));
  releasesSolved = await timed('solve+sync', () => learnClosure(graph, values.index!, target));
}
const outcome = await timed('advise', async () => {
  const knowledge = new GraphKnowledgeSource(graph, spec.id);
  await knowledge.warm(roots.map((r) => r.name));
  return advise({
    knowledge,
    environment: {
      pythonVersion: target.environment.marker_environment.python_full_version,
      markers: target.environment.marker_environment as unknown as MarkerEnvironment,
    },
    requirements: roots,
    recommendationType: 'latest',
    clock: () => performance.now(),
  });
});
await graph.close();
const product = outcome.products[0];
await writeFile(
  values.out,
  JSON.stringify({
    mode,
    pins:
      product === undefined
        ? null
        : Object.fromEntries(product.lock.packages.map((p) => [p.name, p.version])),
    error: outcome.error,
    explanation: outcome.explanation,
    unresolved: outcome.unresolved,
    iterations: outcome.statistics.iterations,
    releasesSolved,
    phases,
  }),
);
