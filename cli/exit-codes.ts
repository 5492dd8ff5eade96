// Exit codes of the `thoth` command, shown in `thoth --help`. They match the step exit-code table
// where the meaning is shared (2 bad input, 3 contract violation, 75 a host is unavailable).
import { ContractError, InputError, isRetriable } from '../lib/errors/index.js';

export const CLI_EXIT = {
  ok: 0,
  /** The command ran but its answer is negative: no stack satisfies the requirements, findings exist. */
  failed: 1,
  /** Wrong flags, unreadable or malformed input files, invalid configuration. */
  badInput: 2,
  /** A document or message does not satisfy its schema. */
  contract: 3,
  /** An index, the database, S3, Kafka or Argo is unreachable; trying again later may work. */
  unavailable: 75,
  /** An unexpected error (a bug): please report it. */
  internal: 70,
} as const;

export const EXIT_HELP = `Exit codes:
  0   success
  1   the answer is negative (no stack satisfies the requirements, provenance findings)
  2   bad input: flags, files or configuration (the message names the problem and the fix)
  3   a document or message violates its schema
  70  internal error (a bug; please report it)
  75  a service (index, database, S3, Kafka, Argo) is unavailable; retry later`;

export function exitCodeFor(error: unknown): number {
  if (error instanceof InputError) return CLI_EXIT.badInput;
  if (error instanceof ContractError) return CLI_EXIT.contract;
  if (isRetriable(error)) return CLI_EXIT.unavailable;
  return CLI_EXIT.internal;
}
