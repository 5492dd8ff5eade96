// The knowledge-graph port: a small SQL surface that both backends (PostgreSQL via `pg`, embedded
// PGlite) implement identically. Queries live in ./queries and take a SqlExecutor, so one query
// function serves both backends and runs inside or outside a transaction alike.

/** Something that runs SQL: the store itself or an open transaction. */
export interface SqlExecutor {
  /** Run one parameterized statement ($1, $2 …) and return its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A connected knowledge graph. */
export interface GraphStore extends SqlExecutor {
  /** `postgres` or `pglite`; for logs and statistics. */
  readonly kind: 'postgres' | 'pglite';
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws (the error is
   * rethrown). Nothing of a failed transaction is visible afterwards.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Close connections (pg pool) or the embedded database. */
  close(): Promise<void>;
}
