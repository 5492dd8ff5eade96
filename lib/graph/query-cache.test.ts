// The warm-path query cache against a real embedded graph (PGlite on a directory): replayed answers
// while the revision stands, a fresh read after any write, in this process or another.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgliteGraphStore } from './pglite-store.js';
import { CachedGraphReader } from './query-cache.js';
import { isReadOnlyStatement, readRevision } from './revision.js';

let template: string;
let dir: string;
let dataDir: string;
let cacheFile: string;
const opened: PgliteGraphStore[] = [];

// Creating a PGlite database takes seconds: one is seeded, then copied for each test.
async function seed(dataDir: string): Promise<void> {
  const store = await PgliteGraphStore.open(dataDir);
  await store.exec('CREATE TABLE t (name text PRIMARY KEY, n int)');
  await store.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', ['a', 1, 'b', 2]);
  await store.close();
}

function reader(): CachedGraphReader {
  return new CachedGraphReader({
    file: cacheFile,
    revision: readRevision(dataDir),
    open: async () => {
      const store = await PgliteGraphStore.open(dataDir);
      opened.push(store);
      return store;
    },
  });
}

async function closeOpened(): Promise<void> {
  for (const store of opened.splice(0)) await store.close();
}

const SELECT = 'SELECT name, n FROM t WHERE n >= $1 ORDER BY name';

describe('CachedGraphReader', () => {
  beforeAll(async () => {
    template = mkdtempSync(join(tmpdir(), 'thoth-query-cache-template-'));
    await seed(join(template, 'graph'));
  }, 60_000);

  afterAll(() => rmSync(template, { recursive: true, force: true }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'thoth-query-cache-'));
    dataDir = join(dir, 'graph');
    cacheFile = join(dir, 'cache', 'queries.bin');
    cpSync(join(template, 'graph'), dataDir, { recursive: true });
    cpSync(join(template, 'graph.revision'), `${dataDir}.revision`);
  });

  afterEach(async () => {
    await closeOpened();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays a recorded answer without opening the graph while the revision stands', async () => {
    const first = reader();
    expect(await first.query(SELECT, [1])).toEqual([
      { name: 'a', n: 1 },
      { name: 'b', n: 2 },
    ]);
    expect(first.stats).toEqual({ hits: 0, misses: 1, opened: true });
    first.save();
    await closeOpened();

    const second = reader();
    expect(await second.query(SELECT, [1])).toEqual([
      { name: 'a', n: 1 },
      { name: 'b', n: 2 },
    ]);
    expect(second.stats).toEqual({ hits: 1, misses: 0, opened: false });
    // Other parameters are another query.
    expect(await second.query(SELECT, [2])).toEqual([{ name: 'b', n: 2 }]);
    expect(second.stats).toEqual({ hits: 1, misses: 1, opened: true });
  }, 60_000);

  it('reads the graph again after another process wrote to it', async () => {
    const first = reader();
    await first.query(SELECT, [1]);
    first.save();
    await closeOpened();
    const revision = readRevision(dataDir);

    const writer = await PgliteGraphStore.open(dataDir);
    await writer.query('UPDATE t SET n = 5 WHERE name = $1', ['a']);
    await writer.close();
    expect(readRevision(dataDir)).not.toBe(revision);

    const second = reader();
    expect(await second.query(SELECT, [1])).toEqual([
      { name: 'a', n: 5 },
      { name: 'b', n: 2 },
    ]);
    expect(second.stats.opened).toBe(true);
  }, 60_000);

  it('forgets its answers when this process writes between two reads, and saves nothing stale', async () => {
    const cached = reader();
    await cached.query(SELECT, [1]);
    const store = await cached.openGraph();
    await (store as PgliteGraphStore).query('DELETE FROM t WHERE name = $1', ['b']);
    expect(await cached.query(SELECT, [1])).toEqual([{ name: 'a', n: 1 }]);
    expect(cached.stats).toEqual({ hits: 0, misses: 2, opened: true });
    cached.save();
    await closeOpened();
    const next = reader();
    expect(await next.query(SELECT, [1])).toEqual([{ name: 'a', n: 1 }]);
    expect(next.stats.hits).toBe(1);
  }, 60_000);

  it('re-reads what it read when this process wrote after its last read, so the next run replays it', async () => {
    const cached = reader();
    expect(await cached.query(SELECT, [1])).toHaveLength(2);
    expect(await cached.query(SELECT, [2])).toEqual([{ name: 'b', n: 2 }]);
    // A learning run writes after its last read (jobs, the adviser document, reconciliation).
    const store = (await cached.openGraph()) as PgliteGraphStore;
    await store.query('INSERT INTO t VALUES ($1, $2)', ['c', 3]);
    // A read after the write moves the cache to the new revision and drops the earlier answers
    // (the lock files are read after the learning session closed): refresh must still re-read them.
    expect(await cached.query(SELECT, [3])).toEqual([{ name: 'c', n: 3 }]);
    await cached.refresh();
    cached.save();
    await closeOpened();
    const next = reader();
    expect(await next.query(SELECT, [1])).toEqual([
      { name: 'a', n: 1 },
      { name: 'b', n: 2 },
      { name: 'c', n: 3 },
    ]);
    expect(await next.query(SELECT, [2])).toEqual([
      { name: 'b', n: 2 },
      { name: 'c', n: 3 },
    ]);
    expect(await next.query(SELECT, [3])).toEqual([{ name: 'c', n: 3 }]);
    expect(next.stats).toEqual({ hits: 3, misses: 0, opened: false });
  }, 60_000);

  it('refresh does nothing when the graph was not written', async () => {
    const first = reader();
    await first.query(SELECT, [1]);
    await first.refresh();
    first.save();
    await closeOpened();
    const unopened = reader();
    await unopened.query(SELECT, [1]);
    await unopened.refresh();
    expect(unopened.stats).toEqual({ hits: 1, misses: 0, opened: false });
  }, 60_000);

  it('starts empty from a torn cache file', async () => {
    const first = reader();
    await first.query(SELECT, [1]);
    first.save();
    await closeOpened();
    writeFileSync(cacheFile, 'not a cache');
    const second = reader();
    expect(await second.query(SELECT, [1])).toHaveLength(2);
    expect(second.stats).toEqual({ hits: 0, misses: 1, opened: true });
  }, 60_000);

  it('refuses to write', async () => {
    await expect(reader().exec()).rejects.toThrow(/read-only/);
  });
});

describe('isReadOnlyStatement', () => {
  it.each([
    ['SELECT 1', true],
    ['  select * from t', true],
    ['-- comment\nSELECT 1', true],
    ['WITH x AS (SELECT 1) SELECT * FROM x', true],
    ['WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x', false],
    ['INSERT INTO t VALUES (1)', false],
    ['UPDATE t SET n = 1', false],
    ['CREATE TABLE u (a int)', false],
    ['EXPLAIN SELECT 1', true],
  ])('%j → %s', (sql, readOnly) => {
    expect(isReadOnlyStatement(sql)).toBe(readOnly);
  });
});
