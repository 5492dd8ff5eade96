// Errors of the knowledge graph, in the lib/errors tree, mapped from PostgreSQL SQLSTATE codes.
import { HostError, ThothError } from '../errors/index.js';

/** SQLSTATE classes/codes after which the same statement may succeed on a new attempt. */
const RETRIABLE_SQLSTATE = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);

export class GraphQueryError extends ThothError {
  readonly sqlstate: string | undefined;
  constructor(message: string, sqlstate: string | undefined, cause: unknown, retriable: boolean) {
    super(retriable ? 'graph-conflict' : 'graph-query-failed', message, {
      cause,
      retriable,
      context: { sqlstate },
    });
    this.sqlstate = sqlstate;
  }
}

export class MigrationError extends ThothError {
  constructor(message: string, migration: string, cause?: unknown) {
    super('graph-migration-failed', message, { cause, context: { migration } });
  }
}

/** Map a driver error to our tree: connection trouble → HostError, conflicts → retriable, rest final. */
export function mapGraphError(error: unknown, host: string): unknown {
  if (error instanceof ThothError) return error;
  const e = error as { code?: string; message?: string } | undefined;
  const code = e?.code;
  if (code !== undefined && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code)) {
    return new HostError(host, `PostgreSQL unreachable at ${host}: ${code}`, { cause: error });
  }
  if (code !== undefined && code.startsWith('08')) {
    return new HostError(host, `PostgreSQL connection failure (${code}): ${e?.message ?? ''}`, {
      cause: error,
    });
  }
  const retriable = code !== undefined && RETRIABLE_SQLSTATE.has(code);
  return new GraphQueryError(
    `graph query failed${code ? ` (${code})` : ''}: ${e?.message ?? String(error)}`,
    code,
    error,
    retriable,
  );
}
