// PgliteGraphStore: the embedded default. PGlite is real PostgreSQL compiled to WASM, so the same
// migrations and queries run unchanged; data lives in a directory (or in memory for tests).
// PGlite serves one connection: statements from concurrent callers are queued by PGlite itself.
// A store on a directory keeps its revision file (revision.ts) current: a new revision before and after
// every write, so a read that overlapped a write never matches the revision it started at.
// PGlite (WASM, a few hundred ms to load) is imported when a store is opened, not with lib/graph: a
// warm `thoth advise` answered from the query cache never loads it.
import type { PGlite } from '@electric-sql/pglite';
import { mapGraphError } from './errors.js';
import { isReadOnlyStatement, readRevision, writeNewRevision } from './revision.js';
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
  private currentRevision: string;
  private memoryWrites = 0;

  private constructor(
    private readonly db: PGlite,
    readonly location: string,
    private readonly dataDir: string | undefined,
  ) {
    this.executor = new PgliteExecutor(db, location);
    // A graph written before revision files existed gets one now, so it can be cached from here on.
    this.currentRevision =
      dataDir === undefined ? 'memory' : (readRevision(dataDir) ?? writeNewRevision(dataDir));
  }

  /** Open (or create) a database in `dataDir`; in memory when omitted. */
  static async open(dataDir?: string): Promise<PgliteGraphStore> {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
    return new PgliteGraphStore(db, dataDir ?? 'memory://', dataDir);
  }

  /** The revision of the data (revision.ts); changes before and after every write. */
  get revision(): string {
    return this.currentRevision;
  }

  private touch(): void {
    this.currentRevision =
      this.dataDir === undefined ? `memory-${++this.memoryWrites}` : writeNewRevision(this.dataDir);
  }

  private async writing<T>(write: () => Promise<T>): Promise<T> {
    this.touch();
    try {
      return await write();
    } finally {
      this.touch();
    }
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    if (isReadOnlyStatement(sql)) return this.executor.query<Row>(sql, params);
    return this.writing(() => this.executor.query<Row>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.writing(() => this.executor.exec(sql));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.writing(async () => {
      try {
        return await this.db.transaction((tx) => fn(new PgliteExecutor(tx, this.location)));
      } catch (error) {
        throw mapGraphError(error, this.location);
      }
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
