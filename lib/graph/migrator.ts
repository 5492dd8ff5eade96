// Apply the SQL migrations in ./migrations, in file-name order, once each, on either backend.
// Each migration runs in its own transaction together with its bookkeeping row, so a failed migration
// leaves no trace. A migration whose file changed after it was applied is refused (checksum), since
// the databases it already ran on would silently differ from fresh ones.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { assetPath } from '../assets/index.js';
import { MigrationError } from './errors.js';
import type { GraphStore } from './types.js';

export interface Migration {
  /** File name without extension, e.g. `0001-knowledge-graph`. */
  id: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = assetPath('lib', 'graph', 'migrations');

/** Read the migrations shipped with Thoth (or from `dir`), sorted by id. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(`${dir}/${file}`, 'utf8');
      return {
        id: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Bring the schema up to date. Safe to run concurrently: an advisory lock serializes migrators. */
export async function migrate(store: GraphStore, migrations?: Migration[]): Promise<MigrateResult> {
  const all = migrations ?? (await loadMigrations());
  // Read first, create only when absent: an up-to-date graph is then opened without a single write,
  // which keeps an embedded graph's revision (and the warm-path query cache keyed by it) valid.
  const [table] = await store.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migration') IS NOT NULL AS present",
  );
  if (table?.present !== true) {
    await store.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  }
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  // Fast path for the common case (every start of a step, consumer or `thoth` command): one query shows
  // that every migration is applied with an unchanged checksum, and no lock or transaction is needed.
  const recorded = await store.query<{ id: string; checksum: string }>(
    'SELECT id, checksum FROM schema_migration',
  );
  const byId = new Map(recorded.map((r) => [r.id, r.checksum]));
  if (all.every((m) => byId.get(m.id) === m.checksum)) {
    result.alreadyApplied.push(...all.map((m) => m.id));
    return result;
  }
  for (const migration of all) {
    const applied = await store.transaction(async (tx) => {
      // 0x7468_6f74 = "thot": one lock id for every Thoth migrator (Helm hook, `thoth up`, tests).
      await tx.query('SELECT pg_advisory_xact_lock(1953001332)');
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migration WHERE id = $1',
        [migration.id],
      );
      const previous = rows[0];
      if (previous !== undefined) {
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.id} changed after it was applied; add a new migration instead of editing it`,
            migration.id,
          );
        }
        return false;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(
          `migration ${migration.id} failed: ${(error as Error).message}`,
          migration.id,
          error,
        );
      }
      await tx.query('INSERT INTO schema_migration (id, checksum) VALUES ($1, $2)', [
        migration.id,
        migration.checksum,
      ]);
      return true;
    });
    (applied ? result.applied : result.alreadyApplied).push(migration.id);
  }
  return result;
}
