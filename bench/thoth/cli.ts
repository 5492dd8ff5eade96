// The real `thoth advise` command as a peer-bench tool (bench/lib/peers.ts THOTH_CLI): the run
// directory's inputs (requirements.txt and a .thoth.yaml naming the workload's environment), the
// wrapper that times the command as a user runs it, the lock read from its --json document, and a
// summary of how it learned (rounds, packages asked per round, solve workflows) read back from the
// THOTH_HOME it left. Unlike bench/thoth/driver.ts it does not solve the closure up front: the
// command advises from the graph, learns what is missing through its embedded pipeline, and re-advises.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { InputError } from '../../lib/errors/index.js';
import { canonicalizeName } from '../../lib/python/index.js';
import { markerEnvironment } from '../lib/workload.js';
import type { Workload } from '../lib/workload.js';

const ROOT = new URL('../../', import.meta.url).pathname;
export const THOTH_BIN = join(ROOT, 'bin', 'thoth.mjs');

/** Files of a run directory: the --json document and the command's stderr. */
export const ADVISE_JSON = 'advise.json';
export const ADVISE_STDERR = 'advise.err';
/** Where the command writes its lock: requirements.txt in, requirements.lock.txt out. */
export const ADVISE_LOCK = 'requirements.lock.txt';

/**
 * Runs "$@" with stdout into advise.json. The measured runner keeps only the end of stderr and
 * reports no time for a failed run, so on failure one last line gives the exit code, the wall time
 * and the command's own last lines ("error" in it makes bench/run.ts quote this line).
 */
export const ADVISE_WRAPPER = [
  'started=$(date +%s%N)',
  `"$@" > ${ADVISE_JSON} 2> ${ADVISE_STDERR}`,
  'rc=$?',
  `cat ${ADVISE_STDERR} >&2`,
  'if [ "$rc" -ne 0 ]; then',
  '  ms=$(( ($(date +%s%N) - started) / 1000000 ))',
  `  echo "thoth advise error: exit $rc after $ms ms: $(tail -n 2 ${ADVISE_STDERR} | tr '\\n' ' ')" >&2`,
  'fi',
  'exit $rc',
].join('\n');

/**
 * The workload's environment as .thoth.yaml's runtime environment. `--python-version 3.11.7` would
 * give the right Python but manylinux_2_34 (the CLI's default glibc when none is known), so the glibc
 * comes from the workload's manylinux tag and the marker environment is the workload's own.
 */
export function thothConfig(workload: Workload): string {
  const tag = /^(manylinux|musllinux)_(\d+)_(\d+)_([a-z0-9_]+)$/.exec(workload.environment.platform);
  if (tag === null)
    throw new InputError(
      `workload ${workload.name}: thoth advise (cli) runs only for manylinux/musllinux tags, not ${workload.environment.platform}`,
      { context: { workload: workload.name, platform: workload.environment.platform } },
    );
  const [major, minor] = workload.environment.python.split('.');
  const environment = {
    name: 'bench',
    python_version: `${major}.${minor}`,
    python_implementation: 'cpython',
    machine: tag[4],
    libc: { name: tag[1] === 'manylinux' ? 'glibc' : 'musl', version: `${tag[2]}.${tag[3]}` },
    marker_environment: markerEnvironment(workload),
  };
  return `# Written by bench/thoth/cli.ts: the workload's one environment.\n${stringify({ runtime_environments: [environment] })}`;
}

/** Writes requirements.txt and .thoth.yaml into the run directory; returns the requirements path. */
export async function writeAdviseInputs(workload: Workload, work: string): Promise<string> {
  const requirements = join(work, 'requirements.txt');
  await writeFile(requirements, workload.requirements.join('\n') + '\n');
  await writeFile(join(work, '.thoth.yaml'), thothConfig(workload));
  return requirements;
}

/**
 * bin/thoth.mjs rebuilds its bundle when a source file is newer; other work in the checkout can make
 * it stale between runs, so it is brought up to date here, before (not inside) the timed run.
 */
export function refreshBundle(): void {
  execFileSync(process.execPath, [THOTH_BIN, '--version'], { cwd: ROOT, stdio: 'ignore' });
}

interface AdviseDocument {
  metadata: { datetime: string; duration: number };
  result: {
    products: { lock: { packages: { name: string; version: string }[] } }[];
    statistics: { iterations: number };
  };
}

async function readDocument(work: string): Promise<AdviseDocument> {
  return JSON.parse(await readFile(join(work, ADVISE_JSON), 'utf8')) as AdviseDocument;
}

/** name → version of the best product in the --json document (empty without one). */
export async function readAdviseLock(work: string): Promise<Map<string, string>> {
  const product = (await readDocument(work)).result.products[0];
  return new Map((product?.lock.packages ?? []).map((p) => [canonicalizeName(p.name), p.version]));
}

export interface LearningSummary {
  /** Learning rounds of this invocation (adviser runs synced into the graph; the answer is one more). */
  rounds: number;
  /** Most packages one round asked the pipeline for. */
  maxAskedPerRound: number;
  /** Packages asked for over all rounds. */
  asked: number;
  /** thoth-solve workflows in THOTH_HOME so far (this and earlier invocations). */
  solveWorkflows: number;
  resolverIterations: number;
  seconds: number;
}

/**
 * How the last invocation learned, read back from the THOTH_HOME it left: the learning loop syncs each
 * round's adviser document (adviser_run, with its adviser_unresolved rows) stamped with the
 * invocation's start, which is at or after the printed document's datetime.
 */
export async function learningSummary(work: string, home: string): Promise<LearningSummary> {
  const document = await readDocument(work);
  const { PgliteGraphStore } = await import('../../lib/graph/index.js');
  const graph = await PgliteGraphStore.open(join(home, 'graph'));
  let rows: { unresolved: number }[];
  try {
    rows = await graph.query<{ unresolved: number }>(
      `SELECT count(u.package_name)::int AS unresolved
         FROM adviser_run r LEFT JOIN adviser_unresolved u ON u.adviser_run_id = r.id
        WHERE r.datetime >= $1::timestamptz
        GROUP BY r.id`,
      [document.metadata.datetime],
    );
  } finally {
    await graph.close();
  }
  const workflows = await readdir(join(home, 'workflows')).catch(() => [] as string[]);
  return {
    rounds: rows.length,
    maxAskedPerRound: Math.max(0, ...rows.map((r) => r.unresolved)),
    asked: rows.reduce((n, r) => n + r.unresolved, 0),
    solveWorkflows: workflows.filter((f) => f.startsWith('solve-') && f.endsWith('.json')).length,
    resolverIterations: document.result.statistics.iterations,
    seconds: document.metadata.duration,
  };
}
