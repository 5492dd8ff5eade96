// PgGraphStore: the knowledge graph on PostgreSQL through a `pg` pool. Only unnamed statements and
// per-transaction client checkout are used, so it works behind pgbouncer in transaction mode (named
// prepared statements and session state would not survive pgbouncer's connection switching).
// `pg` is imported when the first statement runs, not with lib/graph: commands on the embedded graph
// never load it.
import type pg from 'pg';
import { redactUrlCredentials } from '../log/index.js';
import { mapGraphError } from './errors.js';
import type { GraphStore, SqlExecutor } from './types.js';

export interface PgStoreConfig {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  /** Statement timeout in milliseconds; default none. */
  statementTimeoutMs?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

class PgExecutor implements SqlExecutor {
  constructor(
    private readonly client: () => Promise<pg.Pool | pg.PoolClient>,
    private readonly host: string,
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      const result = await (await this.client()).query(sql, params as unknown[]);
      return result.rows as Row[];
    } catch (error) {
      throw mapGraphError(error, this.host);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await (await this.client()).query(sql);
    } catch (error) {
      throw mapGraphError(error, this.host);
    }
  }
}

export class PgGraphStore implements GraphStore {
  readonly kind = 'postgres' as const;
  private readonly host: string;
  private readonly executor: PgExecutor;
  private pooled: Promise<pg.Pool> | undefined;

  constructor(private readonly config: PgStoreConfig) {
    this.host = redactUrlCredentials(config.connectionString);
    this.executor = new PgExecutor(() => this.pool(), this.host);
  }

  private pool(): Promise<pg.Pool> {
    this.pooled ??= import('pg').then(({ default: driver }) => {
      const pool = new driver.Pool({
        connectionString: this.config.connectionString,
        max: this.config.max ?? 10,
        application_name: this.config.applicationName ?? 'thoth',
        ...(this.config.statementTimeoutMs !== undefined
          ? { statement_timeout: this.config.statementTimeoutMs }
          : {}),
      });
      // An idle client losing its connection must not crash the process; the next query reconnects.
      pool.on('error', () => {});
      return pool;
    });
    return this.pooled;
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.executor.query<Row>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.executor.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await (await this.pool()).connect();
    } catch (error) {
      throw mapGraphError(error, this.host);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(new PgExecutor(() => Promise.resolve(client), this.host));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone; drop it from the pool below
      }
      throw mapGraphError(error, this.host);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await (await this.pooled)?.end();
  }
}
