// Behaviour both graph backends must share: migrations, transactions, error mapping. Run against
// PGlite in the unit project and against real PostgreSQL in the integration project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQueryError, MigrationError, loadMigrations, migrate } from './index.js';
import type { GraphStore, Migration } from './index.js';

export function describeGraphStore(name: string, open: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('applies every migration once, then nothing on a second run', async () => {
      const shipped = await loadMigrations();
      expect(shipped.length).toBeGreaterThan(0);
      const first = await migrate(store);
      expect(first.applied).toEqual(shipped.map((m) => m.id));
      const second = await migrate(store);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(shipped.map((m) => m.id));
      const [row] = await store.query<{ version: string }>('SELECT version::text FROM graph_version');
      expect(row?.version).toBe('0');
    });

    it('refuses a migration whose text changed after it was applied', async () => {
      const shipped = await loadMigrations();
      const edited: Migration[] = shipped.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await expect(migrate(store, edited)).rejects.toBeInstanceOf(MigrationError);
    });

    it('rolls a failed migration back completely', async () => {
      const bad: Migration = {
        id: '9999-broken',
        sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();',
        checksum: 'x',
      };
      await expect(migrate(store, [bad])).rejects.toThrow(/9999-broken/);
      const tables = await store.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
      );
      expect(tables).toEqual([]);
      const recorded = await store.query("SELECT 1 FROM schema_migration WHERE id = '9999-broken'");
      expect(recorded).toEqual([]);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      await store.transaction(async (tx) => {
        await tx.query("INSERT INTO python_index (url) VALUES ('https://committed.example/simple')");
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.query("INSERT INTO python_index (url) VALUES ('https://rolled-back.example/simple')");
          throw new Error('interrupted mid-document');
        }),
      ).rejects.toThrow('interrupted mid-document');
      const urls = await store.query<{ url: string }>(
        "SELECT url FROM python_index WHERE url LIKE '%.example/simple' ORDER BY url",
      );
      expect(urls.map((r) => r.url)).toEqual(['https://committed.example/simple']);
    });

    it('passes arrays and jsonb parameters through unchanged', async () => {
      const [row] = await store.query<{ a: string[]; j: { k: number[] } }>(
        'SELECT $1::text[] AS a, $2::jsonb AS j',
        [['x', 'y'], JSON.stringify({ k: [1, 2] })],
      );
      expect(row).toEqual({ a: ['x', 'y'], j: { k: [1, 2] } });
    });

    it('maps a constraint violation to a non-retriable GraphQueryError with its SQLSTATE', async () => {
      const error = await store
        .query("INSERT INTO python_index (url) VALUES ('https://committed.example/simple')")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphQueryError);
      expect((error as GraphQueryError).sqlstate).toBe('23505');
      expect((error as GraphQueryError).retriable).toBe(false);
    });
  });
}
