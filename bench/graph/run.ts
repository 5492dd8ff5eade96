// Graph benchmarks: graph-sync ingest throughput (solver documents per second) and the latency of
// loading a 100-package closure for the adviser, on PGlite and on PostgreSQL (when THOTH_PG_URL is
// set, e.g. after `source scripts/services/env.sh && bash scripts/services/up.sh`).
// Usage: npx tsx bench/graph/run.ts [--documents 200] [--json]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import {
  graphStats,
  loadClosure,
  migrate,
  PgGraphStore,
  PgliteGraphStore,
  syncDocument,
} from '../../lib/graph/index.js';
import type { GraphStore } from '../../lib/graph/index.js';
import { release, solverDocument } from '../../lib/graph/sync/__fixtures__/solver-documents.js';

const { values } = parseArgs({
  options: { documents: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } },
});
const DOCUMENTS = Number(values.documents);
const PACKAGES = 100;
const VERSIONS = 10;

/** Package i depends on up to 5 packages with higher numbers, so the closure of pkg-0 holds all 100. */
function documentFor(i: number): ReturnType<typeof solverDocument> {
  const pkg = i % PACKAGES;
  const releases = Array.from({ length: VERSIONS }, (_v, v) =>
    release(
      `pkg-${pkg}`,
      `${Math.floor(i / PACKAGES) + 1}.${v}.0`,
      [1, 2, 3, 5, 8]
        .map((step) => pkg + step)
        .filter((d) => d < PACKAGES)
        .map((d) => [`pkg-${d}`, `>=1.${v % 3}`, null, null] as [string, string, null, null]),
    ),
  );
  return solverDocument(`solver-bench-${i}`, releases);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measure(name: string, graph: GraphStore): Promise<Record<string, string | number>> {
  await migrate(graph);
  const t0 = performance.now();
  for (let i = 0; i < DOCUMENTS; i++) await syncDocument(graph, 'solver', documentFor(i));
  const ingestSeconds = (performance.now() - t0) / 1000;
  const stats = await graphStats(graph);
  const latencies: number[] = [];
  let queries = 0;
  let size = 0;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    const closure = await loadClosure(graph, ['pkg-0'], 'debian-12-py311');
    latencies.push(performance.now() - t);
    queries = closure.queries;
    size = closure.packages.size;
  }
  await graph.close();
  return {
    backend: name,
    documents: DOCUMENTS,
    releases: stats.releases,
    'documents/s': Number((DOCUMENTS / ingestSeconds).toFixed(1)),
    'releases/s': Number((stats.releases / ingestSeconds).toFixed(0)),
    'closure packages': size,
    'closure queries': queries,
    'closure ms (median of 7)': Number(median(latencies).toFixed(1)),
  };
}

const rows = [await measure('pglite (memory)', await PgliteGraphStore.open())];
const adminUrl = process.env['THOTH_PG_URL'];
if (adminUrl !== undefined) {
  const name = `thoth_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    rows.push(await measure('postgresql', new PgGraphStore({ connectionString: url.toString() })));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
if (values.json) console.log(JSON.stringify(rows, null, 2));
else console.table(rows);
