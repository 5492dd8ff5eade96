// PgliteGraphStore: the embedded default. PGlite is real PostgreSQL compiled to WASM, so the same
// migrations and queries run unchanged; data lives in a directory (or in memory for tests).
// PGlite serves one connection: statements from concurrent callers are queued by PGlite itself.
import { PGlite } from '@electric-sql/pglite';
import { mapGraphError } from './errors.js';
import type { GraphStore, SqlExecutor } from './types.js';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

class PgliteExecutor implements SqlExecutor {
  constructor(
    private readonly db: PgliteLike,
    private readonly location: string,
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return (await this.db.query<Row>(sql, params as unknown[])).rows;
    } catch (error) {
      throw mapGraphError(error, this.location);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (error) {
      throw mapGraphError(error, this.location);
    }
  }
}

export class PgliteGraphStore implements GraphStore {
  readonly kind = 'pglite' as const;
  private readonly executor: PgliteExecutor;

  private constructor(
    private readonly db: PGlite,
    readonly location: string,
  ) {
    this.executor = new PgliteExecutor(db, location);
  }

  /** Open (or create) a database in `dataDir`; in memory when omitted. */
  static async open(dataDir?: string): Promise<PgliteGraphStore> {
    const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
    return new PgliteGraphStore(db, dataDir ?? 'memory://');
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.executor.query<Row>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.executor.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction((tx) => fn(new PgliteExecutor(tx, this.location)));
    } catch (error) {
      throw mapGraphError(error, this.location);
    }
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
