// openAdviseGraph on an embedded graph: a warm run answers from the query cache without opening PGlite;
// a write through store() is seen by the next read; a graph written by another process is read again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdviseGraph } from './advise-graph.js';
import { openGraph } from './config.js';
import type { GraphConfig } from './config.js';

let dir: string;
let config: GraphConfig;
const COUNT = 'SELECT count(*)::int AS n FROM python_index';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'thoth-advise-graph-'));
  config = { kind: 'pglite', dataDir: join(dir, 'graph') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openAdviseGraph (embedded)', () => {
  it('migrates on first open, then answers a repeated read without opening the graph', async () => {
    const first = openAdviseGraph(config);
    expect(await first.reader.query(COUNT)).toEqual([{ n: 0 }]);
    expect(first.cache?.opened).toBe(true);
    await first.close();

    const second = openAdviseGraph(config);
    expect(await second.reader.query(COUNT)).toEqual([{ n: 0 }]);
    expect(second.cache).toEqual({ hits: 1, misses: 0, opened: false });
    await second.close();
  }, 120_000);

  it('sees its own writes, and a later run sees them too', async () => {
    const run = openAdviseGraph(config);
    expect(await run.reader.query(COUNT)).toEqual([{ n: 0 }]);
    const store = await run.store();
    await store.query('INSERT INTO python_index (url) VALUES ($1)', ['https://example.org/simple']);
    expect(await run.reader.query(COUNT)).toEqual([{ n: 1 }]);
    await run.close();

    const next = openAdviseGraph(config);
    expect(await next.reader.query(COUNT)).toEqual([{ n: 1 }]);
    expect(next.cache?.hits).toBe(1);
    await next.close();
  }, 120_000);

  it('reads again after another writer changed the graph', async () => {
    const writer = await openGraph(config);
    await writer.query('INSERT INTO python_index (url) VALUES ($1)', ['https://mirror.example.org/simple']);
    await writer.close();
    const run = openAdviseGraph(config);
    expect(await run.reader.query(COUNT)).toEqual([{ n: 2 }]);
    expect(run.cache?.opened).toBe(true);
    await run.close();
  }, 120_000);
});
