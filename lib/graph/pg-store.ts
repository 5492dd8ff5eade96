// PgGraphStore: the knowledge graph on PostgreSQL through a `pg` pool. Only unnamed statements and
// per-transaction client checkout are used, so it works behind pgbouncer in transaction mode (named
// prepared statements and session state would not survive pgbouncer's connection switching).
import pg from 'pg';
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
    private readonly client: pg.Pool | pg.PoolClient,
    private readonly host: string,
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      const result = await this.client.query(sql, params as unknown[]);
      return result.rows as Row[];
    } catch (error) {
      throw mapGraphError(error, this.host);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.client.query(sql);
    } catch (error) {
      throw mapGraphError(error, this.host);
    }
  }
}

export class PgGraphStore implements GraphStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly host: string;
  private readonly executor: PgExecutor;

  constructor(config: PgStoreConfig) {
    this.host = redactUrlCredentials(config.connectionString);
    this.pool = new pg.Pool({
      connectionString: config.connectionString,
      max: config.max ?? 10,
      application_name: config.applicationName ?? 'thoth',
      ...(config.statementTimeoutMs !== undefined ? { statement_timeout: config.statementTimeoutMs } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
    this.executor = new PgExecutor(this.pool, this.host);
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
      client = await this.pool.connect();
    } catch (error) {
      throw mapGraphError(error, this.host);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(new PgExecutor(client, this.host));
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
    await this.pool.end();
  }
}
