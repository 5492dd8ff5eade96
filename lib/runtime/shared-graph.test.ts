import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openGraph } from './config.js';
import { sharedPgliteHandles } from './shared-graph.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('openGraph on an embedded directory', () => {
  it('shares one database between openers of this process and closes it with the last handle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-shared-'));
    dirs.push(dir);
    const config = { kind: 'pglite' as const, dataDir: join(dir, 'graph') };
    const [a, b] = await Promise.all([openGraph(config), openGraph(config)]);
    expect(sharedPgliteHandles(config.dataDir)).toBe(2);
    await a.exec('CREATE TABLE t (v int)');
    await b.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES ($1)', [1]);
    });
    await a.close();
    await a.close(); // a second close of one handle releases nothing more
    expect(sharedPgliteHandles(config.dataDir)).toBe(1);
    expect(await b.query<{ v: number }>('SELECT v FROM t')).toEqual([{ v: 1 }]);
    await b.close();
    expect(sharedPgliteHandles(config.dataDir)).toBe(0);
    // Reopened from disk after the last close: the row was committed.
    const c = await openGraph(config);
    expect(await c.query<{ v: number }>('SELECT v FROM t')).toEqual([{ v: 1 }]);
    await c.close();
  }, 60_000);
});
