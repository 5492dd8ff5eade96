// Adviser budget benchmark (issue #6): how the anytime search behaves under a time budget on real
// graphs. Per workload: the corpus is served on loopback, bench/thoth/driver.ts (cold) learns the
// closure into a PGlite graph once, then, in this process, from a fresh GraphKnowledgeSource each time:
//   - time to the first valid lock: advise(latest), i.e. the complete resolver's baseline stack;
//   - best score reached with advise(stable) under `timeoutSeconds` 1 and 10 (the deadline covers the
//     predictor-driven search that follows the baseline), with final states and iterations;
// every lock checked by the gate; next to uv's and pip's wall time on the same index (warm cache, one
// untimed warm-up). Writes bench/budget/RESULTS.md (or --out).
// Usage: npx tsx bench/budget/run.ts [--workloads trio,jupyter,airflow] [--budgets 1,10] [--out FILE]
//        [--graphs DIR (keep and reuse learned graphs)] [--no-peers]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { advise, GraphKnowledgeSource } from '../../lib/adviser/index.js';
import type { AdviseOutcome, RootRequirement } from '../../lib/adviser/index.js';
import type { RecommendationType } from '../../lib/contracts/index.js';
import { PgliteGraphStore } from '../../lib/graph/index.js';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { MarkerEnvironment } from '../../lib/python/index.js';
import { canonicalizeName, normalizeExtra, parseRequirement } from '../../lib/python/index.js';
import { checkLock } from '../lib/gate.js';
import { measure } from '../lib/measure.js';
import { PIP, THOTH, UV } from '../lib/peers.js';
import type { RunContext, Tool } from '../lib/peers.js';
import {
  corpusPath,
  environmentSpec,
  markerEnvironment,
  readWorkloads,
  targetEnvironment,
} from '../lib/workload.js';
import type { Workload } from '../lib/workload.js';

const { values } = parseArgs({
  options: {
    workloads: { type: 'string', default: 'trio,jupyter,airflow' },
    budgets: { type: 'string', default: '1,10' },
    out: { type: 'string', default: new URL('RESULTS.md', import.meta.url).pathname },
    // Keep each learned graph under DIR/<workload> and reuse it on the next run (profiling loops).
    graphs: { type: 'string' },
    // Only the Thoth runs (no uv/pip), for profiling.
    'no-peers': { type: 'boolean', default: false },
  },
});
const budgets = values.budgets.split(',').map(Number);
const scratch = join(tmpdir(), `thoth-budget-${process.pid}`);

interface AdviseRow {
  label: string;
  seconds: number;
  products: number;
  bestScore: number | null;
  finalStates: number;
  iterations: number;
  timedOut: boolean;
  gate: string;
}

interface PeerRow {
  tool: string;
  seconds: number | null;
  gate: string;
}

interface WorkloadBudget {
  workload: Workload;
  learnSeconds: number;
  advise: AdviseRow[];
  peers: PeerRow[];
}

function roots(workload: Workload): RootRequirement[] {
  return workload.requirements.map((line) => {
    const r = parseRequirement(line);
    return {
      name: canonicalizeName(r.name),
      specifier: r.specifier.toString(),
      extras: r.extras.map((e) => normalizeExtra(e)),
      marker: r.marker === undefined ? null : r.marker.toString(),
    };
  });
}

async function timedAdvise(
  graph: PgliteGraphStore,
  workload: Workload,
  type: RecommendationType,
  timeoutSeconds?: number,
): Promise<{ seconds: number; outcome: AdviseOutcome }> {
  const spec = environmentSpec(workload);
  const target = targetEnvironment(workload);
  const requirements = roots(workload);
  const started = performance.now();
  const knowledge = new GraphKnowledgeSource(graph, spec.id);
  await knowledge.warm(requirements.map((r) => r.name));
  const outcome = await advise({
    knowledge,
    environment: {
      pythonVersion: target.environment.marker_environment.python_full_version,
      markers: target.environment.marker_environment as unknown as MarkerEnvironment,
    },
    requirements,
    recommendationType: type,
    ...(timeoutSeconds === undefined ? {} : { limits: { timeoutSeconds } }),
    clock: () => performance.now(),
  });
  return { seconds: (performance.now() - started) / 1000, outcome };
}

async function benchWorkload(workload: Workload): Promise<WorkloadBudget> {
  const corpus = await loadCorpus(corpusPath(workload));
  const env = markerEnvironment(workload) as unknown as MarkerEnvironment;
  const server = await serveCorpus(corpus, { port: 0 });
  const work = join(scratch, workload.name);
  await mkdir(work, { recursive: true });
  try {
    // Learn the closure once with the peer bench's own driver (cold mode builds the graph).
    const ctx = (tool: Tool, mode: 'cold' | 'warm'): RunContext => ({
      workload,
      indexUrl: server.url,
      work: join(work, tool.name.replace(/[^a-z0-9]+/gi, '-')),
      mode,
    });
    const thothCtx = ctx(THOTH, 'cold');
    if (values.graphs !== undefined) thothCtx.work = join(values.graphs, workload.name);
    let learnSeconds = 0;
    if (values.graphs === undefined || !existsSync(join(thothCtx.work, 'graph', 'learned'))) {
      await mkdir(thothCtx.work, { recursive: true });
      const learned = await measure(await THOTH.prepare(thothCtx), server, thothCtx.work);
      if (!learned.ok) throw new Error(`learning ${workload.name} failed: ${learned.stderrTail}`);
      learnSeconds = learned.wallSeconds;
      if (values.graphs !== undefined)
        await writeFile(join(thothCtx.work, 'graph', 'learned'), `${learnSeconds}\n`);
    } else learnSeconds = Number(await readFile(join(thothCtx.work, 'graph', 'learned'), 'utf8'));
    const graph = await PgliteGraphStore.open(join(thothCtx.work, 'graph'));
    const rows: AdviseRow[] = [];
    try {
      const runs: { label: string; type: RecommendationType; budget?: number }[] = [
        { label: 'first lock (latest)', type: 'latest' },
        ...budgets.map((b) => ({ label: `stable, ${b} s budget`, type: 'stable' as const, budget: b })),
      ];
      for (const run of runs) {
        const { seconds, outcome } = await timedAdvise(graph, workload, run.type, run.budget);
        const best = outcome.products[0];
        const lock = new Map((best?.lock.packages ?? []).map((p) => [p.name, p.version]));
        const verdict = best === undefined ? null : checkLock(corpus, workload.requirements, env, lock);
        rows.push({
          label: run.label,
          seconds,
          products: outcome.products.length,
          bestScore: best?.score ?? null,
          finalStates: outcome.statistics.accepted_final_states ?? 0,
          iterations: outcome.statistics.iterations ?? 0,
          timedOut: outcome.stackInfo.some((j) => j.link === 'cpu_time_exceeded'),
          gate:
            verdict === null
              ? `no lock (${outcome.error?.code ?? '?'})`
              : verdict.valid
                ? `valid (${verdict.pins} pins)`
                : `INVALID: ${verdict.problems.slice(0, 2).join('; ')}`,
        });
        console.log(`${workload.name} ${run.label}: ${seconds.toFixed(2)} s, ${rows.at(-1)!.gate}`);
      }
    } finally {
      await graph.close();
    }
    const peers: PeerRow[] = [];
    for (const tool of values['no-peers'] ? [] : [UV, PIP]) {
      const c = ctx(tool, 'warm');
      await mkdir(c.work, { recursive: true });
      let seconds: number | null = null;
      let gate = 'no lock';
      for (let i = 0; i < 2; i++) {
        for (const p of tool.outputs) await rm(join(c.work, p), { force: true });
        const m = await measure(await tool.prepare(c), server, c.work);
        if (!m.ok) {
          gate = `no lock (exit ${m.exitCode})`;
          break;
        }
        const verdict = checkLock(corpus, workload.requirements, env, await tool.readLock(c));
        gate = verdict.valid ? `valid (${verdict.pins} pins)` : 'INVALID';
        seconds = m.wallSeconds; // the second (warm) run is kept
      }
      peers.push({ tool: tool.name, seconds, gate });
      console.log(`${workload.name} ${tool.name}: ${seconds?.toFixed(2) ?? '-'} s, ${gate}`);
    }
    return { workload, learnSeconds, advise: rows, peers };
  } finally {
    await server.close();
  }
}

const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const results: WorkloadBudget[] = [];
for (const workload of await readWorkloads(values.workloads.split(',')))
  results.push(await benchWorkload(workload));
await rm(scratch, { recursive: true, force: true });

const f = (s: number | null): string => (s === null ? '–' : s < 1 ? s.toFixed(3) : s.toFixed(2));
const lines = [
  '# Adviser budget benchmark',
  '',
  'Written by `npx tsx bench/budget/run.ts` (bench/budget/README.md says what is measured).',
  '',
  `- ${new Date().toISOString()}; ${cpus()[0]?.model ?? 'CPU'}; nproc ${cpus().length}; Node ${process.versions.node}`,
  `- load average before: ${loadBefore}; after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (a machine shared with other work)`,
  `- uv: ${execFileSync(UV.versionCommand[0]!, UV.versionCommand.slice(1), { encoding: 'utf8' }).trim()}`,
  '',
];
for (const r of results) {
  const uv = r.peers.find((p) => p.tool === UV.name)?.seconds ?? null;
  lines.push(
    `## ${r.workload.name}`,
    '',
    `${r.workload.description}. Graph learned by the cold driver in ${f(r.learnSeconds)} s (not counted below).`,
    '',
    '| run | wall s | ÷ uv | products | best score | final states | iterations | budget ran out | gate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.advise.map(
      (a) =>
        `| thoth ${a.label} | ${f(a.seconds)} | ${uv === null ? '–' : `${(a.seconds / uv).toFixed(1)}×`} | ${a.products} | ` +
        `${a.bestScore === null ? '–' : a.bestScore.toFixed(4)} | ${a.finalStates} | ${a.iterations} | ${a.timedOut ? 'yes' : 'no'} | ${a.gate} |`,
    ),
    ...r.peers.map(
      (p) =>
        `| ${p.tool} (warm, whole process) | ${f(p.seconds)} | ${uv === null || p.seconds === null ? '–' : `${(p.seconds / uv).toFixed(1)}×`} | – | – | – | – | – | ${p.gate} |`,
    ),
    '',
  );
}
await writeFile(values.out, lines.join('\n'));
console.log(`wrote ${values.out}`);
