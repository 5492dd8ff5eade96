// `npm run bench`: for each workload, serve its corpus on loopback and time Thoth (cold and warm)
// and the peers (uv, pip, pip-compile, poetry, pdm from the bench venv) against it: one untimed
// warm-up, then N runs; median and spread of wall time, peak RSS, the index's request counters; every
// lock goes through the gate (bench/lib/gate.ts). Writes bench/RESULTS.md; exits 1 when any lock is
// invalid. Options: --workloads a,b  --tools thoth,uv,...  --runs N  --cold-runs N  --out FILE
// --timeout-minutes N (a run still going is killed and reported as no lock; default 15)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, serveCorpus } from '../lib/index/index.js';
import type { MarkerEnvironment } from '../lib/python/index.js';
import { checkLock } from './lib/gate.js';
import type { GateVerdict } from './lib/gate.js';
import { measure, summarize } from './lib/measure.js';
import type { Measurement } from './lib/measure.js';
import { BENCH_VENV, TOOLS } from './lib/peers.js';
import type { RunContext, Tool } from './lib/peers.js';
import { renderResults } from './lib/report.js';
import type { Machine, Row, WorkloadResult } from './lib/report.js';
import { corpusPath, markerEnvironment, readWorkloads } from './lib/workload.js';

const { values } = parseArgs({
  options: {
    workloads: { type: 'string' },
    tools: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('RESULTS.md', import.meta.url).pathname },
    'timeout-minutes': { type: 'string', default: '15' },
  },
});
const timeoutMs = Number(values['timeout-minutes']) * 60_000;
const runs = Number(values.runs);
const coldRuns = Number(values['cold-runs']);
const wantedTools = values.tools?.split(',');
const tools = TOOLS.filter((t) => wantedTools === undefined || wantedTools.some((w) => t.name.startsWith(w)));
const workloads = await readWorkloads(values.workloads?.split(','));
const SLOW_SECONDS = 30;
const scratch = join(tmpdir(), `thoth-bench-${process.pid}`);

function version(tool: Tool): string {
  try {
    return execFileSync(tool.versionCommand[0]!, tool.versionCommand.slice(1), { encoding: 'utf8' })
      .trim()
      .split('\n')[0]!
      .replace(/ from .*/, '');
  } catch {
    return `not installed (expected in ${BENCH_VENV})`;
  }
}

// The peers come from PyPI, pinned in bench/peers.txt, into their own venv (created once).
if (!existsSync(join(BENCH_VENV, 'bin', 'python'))) {
  console.log(`creating ${BENCH_VENV} from bench/peers.txt`);
  execFileSync('python3', ['-m', 'venv', BENCH_VENV], { stdio: 'inherit' });
  const peers = new URL('peers.txt', import.meta.url).pathname;
  execFileSync(join(BENCH_VENV, 'bin', 'pip'), ['install', '-q', '-r', peers], { stdio: 'inherit' });
}

// pip, pip-compile and pdm resolve for the venv's own interpreter only.
const venvPython = execFileSync(
  join(BENCH_VENV, 'bin', 'python'),
  ['-c', 'import platform; print(platform.python_version())'],
  { encoding: 'utf8' },
).trim();

const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const versions = Object.fromEntries(tools.map((t) => [t.name, version(t)]));
const results: WorkloadResult[] = [];
let invalid = 0;

for (const workload of workloads) {
  const corpus = await loadCorpus(corpusPath(workload));
  const env = markerEnvironment(workload) as unknown as MarkerEnvironment;
  const server = await serveCorpus(corpus, { port: 0 });
  const rows: Row[] = [];
  try {
    for (const mode of ['cold', 'warm'] as const) {
      for (const tool of tools) {
        const work = join(scratch, workload.name, tool.name.replace(/[^a-z0-9]+/gi, '-'));
        if (mode === 'cold') await rm(work, { recursive: true, force: true });
        await mkdir(work, { recursive: true });
        const ctx: RunContext = { workload, indexUrl: server.url, work, mode };
        if (tool.interpreterBound === true && workload.environment.python !== venvPython) {
          rows.push({
            tool: tool.name,
            scope: tool.scope,
            mode,
            wall: null,
            rssMb: null,
            counters: null,
            gate: null,
            failure: `n/a: resolves only for the interpreter it runs on (CPython ${venvPython})`,
          });
          continue;
        }
        const measured: Measurement[] = [];
        let gate: GateVerdict | null = null;
        let failure: string | null = null;
        let phases: Record<string, number> | undefined;
        let count = mode === 'cold' ? coldRuns : runs;
        for (let i = 0; i <= count && failure === null; i++) {
          for (const p of tool.outputs) await rm(join(work, p), { recursive: true, force: true });
          if (mode === 'cold')
            for (const p of tool.coldPaths) await rm(join(work, p), { recursive: true, force: true });
          const m = await measure(await tool.prepare(ctx), server, work, timeoutMs);
          if (!m.ok) {
            const lines = m.stderrTail.trim().split('\n');
            const why = lines.filter((l) => /error/i.test(l)).slice(-2);
            failure =
              m.exitCode === null
                ? `killed after ${values['timeout-minutes']} min`
                : `exit ${m.exitCode}: ${(why.length > 0 ? why : lines.slice(-2)).join(' / ').slice(0, 400)}`;
            break;
          }
          const lock = await tool.readLock(ctx);
          const verdict = checkLock(corpus, workload.requirements, env, lock);
          if (lock.size === 0) failure = 'empty lock';
          if (gate === null || !verdict.valid) gate = verdict;
          if (tool.name === 'thoth') {
            const out = JSON.parse(await readFile(join(work, 'thoth.json'), 'utf8')) as {
              phases: Record<string, number>;
              error: { message: string } | null;
            };
            phases = out.phases;
            if (out.error !== null) failure = out.error.message;
          }
          if (i > 0)
            measured.push(m); // run 0 is the warm-up
          // Keep the whole run within a CI-sized budget: a tool whose warm-up took over 30 s is timed once.
          else if (m.wallSeconds > SLOW_SECONDS) count = Math.min(count, 1);
        }
        if (gate !== null && !gate.valid) invalid++;
        const last = measured[measured.length - 1];
        rows.push({
          tool: tool.name,
          scope: tool.scope,
          mode,
          wall: measured.length === 0 ? null : summarize(measured.map((m) => m.wallSeconds)),
          rssMb: measured.length === 0 ? null : summarize(measured.map((m) => (m.peakRssKb ?? NaN) / 1024)),
          counters: last?.counters ?? null,
          gate,
          failure,
          ...(phases === undefined ? {} : { phases }),
        });
        const row = rows[rows.length - 1]!;
        console.log(
          `${workload.name} ${mode} ${tool.name}: ${row.wall === null ? 'failed' : `${row.wall.median.toFixed(3)} s`}` +
            ` ${failure ?? (gate?.valid === true ? 'valid' : 'INVALID')}`,
        );
      }
    }
  } finally {
    await server.close();
  }
  const releases = [...corpus.projects.values()].reduce((n, p) => n + p.releases.length, 0);
  results.push({ workload, projects: corpus.projects.size, releases, rows });
}

const machine: Machine = {
  date: new Date().toISOString(),
  nproc: cpus().length,
  memoryGb: totalmem() / 1024 ** 3,
  cpu: cpus()[0]?.model ?? 'unknown CPU',
  loadBefore,
  loadAfter: loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
  node: process.versions.node,
  versions,
  runs,
  coldRuns,
};
await writeFile(values.out, renderResults(machine, results) + '\n');
await rm(scratch, { recursive: true, force: true });
console.log(`wrote ${values.out}${invalid > 0 ? `; ${invalid} invalid lock(s)` : ''}`);
if (invalid > 0) process.exitCode = 1;
