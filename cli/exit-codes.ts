// Exit codes of the `thoth` command, shown in `thoth --help`. They match the step exit-code table
// where the meaning is shared (2 bad input, 3 contract violation, 75 a host is unavailable).
import { ContractError, InputError, isRetriable, ThothError } from '../lib/errors/index.js';

export const CLI_EXIT = {
  ok: 0,
  /**
   * The command ran but its answer is negative: no stack satisfies the requirements, findings exist;
   * or the cluster's workflow failed, or left no result (`thoth advise --argo-server`).
   */
  failed: 1,
  /** Wrong flags, unreadable or malformed input files, invalid configuration. */
  badInput: 2,
  /** A document or message does not satisfy its schema. */
  contract: 3,
  /** An index, the database, S3, Kafka or Argo is unreachable; trying again later may work. */
  unavailable: 75,
  /** An unexpected error (a bug): please report it. */
  internal: 70,
  /** `--timeout` ran out while following a cluster's workflow, which goes on (GNU timeout's code). */
  timedOut: 124,
} as const;

/** Error codes of a cluster run that failed for good: the answer is "failed", not "a bug". */
const WORKFLOW_FAILURES = new Set(['advise-workflow-failed', 'advise-result-missing']);

export const EXIT_HELP = `Exit codes:
  0   success
  1   the answer is negative (no stack satisfies the requirements, provenance findings), or the
      cluster's workflow failed (its failing step is named) or left no result
  2   bad input: flags, files or configuration (the message names the problem and the fix)
  3   a document or message violates its schema
  70  internal error (a bug; please report it)
  75  a service (index, database, S3, Kafka, Argo) is unavailable; retry later
  124 --timeout ran out while following a cluster's workflow (it keeps running)`;

export function exitCodeFor(error: unknown): number {
  if (error instanceof InputError) return CLI_EXIT.badInput;
  if (error instanceof ContractError) return CLI_EXIT.contract;
  if (error instanceof ThothError && error.code === 'workflow-watch-timeout') return CLI_EXIT.timedOut;
  if (isRetriable(error)) return CLI_EXIT.unavailable;
  if (error instanceof ThothError && WORKFLOW_FAILURES.has(error.code)) return CLI_EXIT.failed;
  return CLI_EXIT.internal;
}
