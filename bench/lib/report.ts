// Writes bench/RESULTS.md: the machine, tool versions, and one table per workload with each tool's
// median and spread of wall time, peak RSS, index requests, the thoth/tool ratio and the gate verdict.
import type { ServerCounters } from '../../lib/index/index.js';
import type { GateVerdict } from './gate.js';
import type { Summary } from './measure.js';
import type { Workload } from './workload.js';

export interface Row {
  tool: string;
  scope: 'single' | 'universal';
  mode: 'cold' | 'warm';
  wall: Summary | null;
  rssMb: Summary | null;
  /** Counters of the last measured run. */
  counters: ServerCounters | null;
  gate: GateVerdict | null;
  /** Why the tool produced no lock, when it did not. */
  failure: string | null;
  /** Thoth only: in-process phases of the last run, seconds. */
  phases?: Record<string, number>;
}

export interface WorkloadResult {
  workload: Workload;
  projects: number;
  releases: number;
  rows: Row[];
}

export interface Machine {
  date: string;
  nproc: number;
  memoryGb: number;
  cpu: string;
  loadBefore: string;
  loadAfter: string;
  node: string;
  versions: Record<string, string>;
  runs: number;
  coldRuns: number;
}

const s = (x: number): string => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

function gateCell(row: Row): string {
  if (row.failure?.startsWith('n/a') === true) return 'n/a';
  if (row.failure !== null) return 'no lock';
  if (row.gate === null) return '–';
  return row.gate.valid
    ? `valid (${row.gate.pins} pins)`
    : `**INVALID** (${row.gate.problems.length} problems)`;
}

/** Thoth's median over the fastest peer that produced a valid lock, per workload and mode. */
export interface Gap {
  workload: string;
  mode: 'cold' | 'warm';
  thoth: number;
  peer: string;
  peerSeconds: number;
  ratio: number;
}

export function gaps(results: readonly WorkloadResult[]): Gap[] {
  const out: Gap[] = [];
  for (const result of results)
    for (const mode of ['cold', 'warm'] as const) {
      const ok = (r: Row): boolean =>
        r.mode === mode && r.wall !== null && r.failure === null && r.gate?.valid === true;
      const thoth = result.rows.find((r) => r.tool === 'thoth' && ok(r));
      const best = result.rows
        .filter((r) => r.tool !== 'thoth' && ok(r))
        .sort((a, b) => a.wall!.median - b.wall!.median)[0];
      if (thoth === undefined || best === undefined) continue;
      out.push({
        workload: result.workload.name,
        mode,
        thoth: thoth.wall!.median,
        peer: best.tool,
        peerSeconds: best.wall!.median,
        ratio: thoth.wall!.median / best.wall!.median,
      });
    }
  return out.sort((a, b) => b.ratio - a.ratio);
}

export function renderResults(machine: Machine, results: readonly WorkloadResult[]): string {
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(
    'Written by `npm run bench` (bench/run.ts); see bench/README.md for what is measured and how.',
    '',
  );
  out.push('## Machine', '');
  out.push(
    `- ${machine.date}; ${machine.cpu}; nproc ${machine.nproc}; ${machine.memoryGb.toFixed(1)} GB memory`,
  );
  out.push(
    `- load average before: ${machine.loadBefore}; after: ${machine.loadAfter} (a shared machine: other builds ran alongside)`,
  );
  out.push(
    `- Node ${machine.node}; warm runs per tool: ${machine.runs}, cold runs: ${machine.coldRuns}, each after one untimed warm-up`,
  );
  out.push(
    '- tools: ' +
      Object.entries(machine.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join('; '),
  );
  out.push('');
  out.push('## Thoth against its best peer', '');
  out.push(
    'Per workload and mode, the fastest peer with a valid lock (any scope); furthest behind first.',
    '',
    '| workload | mode | thoth s | best peer | peer s | thoth ÷ peer |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const g of gaps(results))
    out.push(
      `| ${g.workload} | ${g.mode} | ${s(g.thoth)} | ${g.peer} | ${s(g.peerSeconds)} | ${g.ratio.toFixed(1)}× |`,
    );
  // Per Thoth tool that ran (the library driver, the command): the workloads it locked in no run.
  const thothTools = [...new Set(results.flatMap((r) => r.rows.map((row) => row.tool)))].filter((t) =>
    t.startsWith('thoth'),
  );
  for (const tool of thothTools) {
    const missing = results.filter(
      (r) =>
        r.rows.some((row) => row.tool === tool) &&
        !r.rows.some((row) => row.tool === tool && row.gate?.valid === true),
    );
    if (missing.length > 0)
      out.push('', `${tool} produced no valid lock for: ${missing.map((r) => r.workload.name).join(', ')}.`);
  }
  out.push('');
  for (const result of results) {
    const w = result.workload;
    out.push(`## ${w.name}`, '');
    out.push(
      `${w.description}. Roots: \`${w.requirements.join('`, `')}\`. Cutoff ${w.cutoff}; CPython ${w.environment.python}, ${w.environment.platform}. Corpus: ${result.projects} projects, ${result.releases} releases.`,
      '',
    );
    out.push(
      '| tool | scope | mode | median s | spread s (min–max) | peak RSS MB | requests (pages / metadata / files) | thoth ÷ tool | gate |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const mode of ['cold', 'warm'] as const) {
      const thoth = result.rows.find((r) => r.tool === 'thoth' && r.mode === mode);
      for (const row of result.rows.filter((r) => r.mode === mode)) {
        const ratio =
          row.wall !== null && thoth?.wall != null && row.failure === null && thoth.failure === null
            ? `${(thoth.wall.median / row.wall.median).toFixed(1)}×`
            : '–';
        const c = row.counters;
        out.push(
          `| ${row.tool} | ${row.scope} | ${mode} | ${row.wall === null ? '–' : s(row.wall.median)} | ` +
            `${row.wall === null ? '–' : `${s(row.wall.min)}–${s(row.wall.max)}`} | ` +
            `${row.rssMb === null ? '–' : row.rssMb.median.toFixed(0)} | ` +
            `${c === null ? '–' : `${c.requests} (${c.pages} / ${c.metadata} / ${c.files})`} | ${ratio} | ${gateCell(row)} |`,
        );
      }
    }
    out.push('');
    for (const row of result.rows) {
      if (row.phases !== undefined)
        out.push(
          `- thoth ${row.mode}, in-process phases of the last run: ` +
            Object.entries(row.phases)
              .map(([k, v]) => `${k} ${s(v)} s`)
              .join(', '),
        );
      if (row.failure !== null) out.push(`- ${row.tool} (${row.mode}) produced no lock: ${row.failure}`);
      if (row.gate !== null && !row.gate.valid)
        out.push(`- ${row.tool} (${row.mode}) lock violations: ${row.gate.problems.slice(0, 5).join('; ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}
