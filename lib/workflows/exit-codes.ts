// The exit-code table shared by steps and WorkflowTemplates (STYLE.md §17): it says which failures a
// retry can fix. Steps exit with these codes; `retryStrategy.expression` in workflows/ retries only
// the retriable ones, and the local engine evaluates the same expression.
import { ContractError, InputError, isRetriable } from '../errors/index.js';

export interface ExitCodeEntry {
  code: number;
  /** Kebab-case name, as in logs and run records. */
  name: string;
  /** True when running the same step again later may succeed. */
  retriable: boolean;
  description: string;
}

/** Every exit code a step may use on purpose. Codes follow sysexits(3) where one fits. */
export const EXIT_CODES = {
  ok: { code: 0, name: 'ok', retriable: false, description: 'the step did its work' },
  // An unexpected exception is a bug; retrying a bug only burns the cluster's time.
  internal: { code: 1, name: 'internal', retriable: false, description: 'unexpected error (a bug)' },
  badInput: {
    code: 2,
    name: 'bad-input',
    retriable: false,
    description: 'an argument or input file is wrong; the same input fails again',
  },
  contractViolation: {
    code: 3,
    name: 'contract-violation',
    retriable: false,
    description: 'an input or output does not satisfy its schema in schemas/',
  },
  // EX_TEMPFAIL: "temporary failure, indicating something that is not really an error" (sysexits.h).
  hostUnavailable: {
    code: 75,
    name: 'host-unavailable',
    retriable: true,
    description:
      'an external host (index, S3, PostgreSQL, Kafka) failed: 5xx, 429, timeout, refused connection',
  },
  // GNU timeout(1)'s code; a step that hits its own time budget may finish on a quieter retry.
  timedOut: {
    code: 124,
    name: 'timed-out',
    retriable: true,
    description: 'the step ran out of its own time budget',
  },
} as const satisfies Record<string, ExitCodeEntry>;

/** The codes worth a retry, ascending. */
export const RETRIABLE_EXIT_CODES: readonly number[] = Object.values(EXIT_CODES)
  .filter((e) => e.retriable)
  .map((e) => e.code)
  .sort((a, b) => a - b);

/**
 * The `retryStrategy.expression` every template uses. `lastRetry.exitCode` is a string in Argo and is
 * empty for DAG and steps nodes, so it is compared as a string (asInt("") would error) and a DAG is
 * never retried as a whole.
 */
export const RETRY_EXPRESSION = `lastRetry.exitCode in [${RETRIABLE_EXIT_CODES.map((c) => `"${c}"`).join(', ')}]`;

/** The table entry for `code`, or undefined for a code no step uses on purpose (e.g. 137, killed). */
export function describeExitCode(code: number): ExitCodeEntry | undefined {
  return Object.values(EXIT_CODES).find((e) => e.code === code);
}

/** True when `code` is in the table as retriable. */
export function isRetriableExitCode(code: number): boolean {
  return RETRIABLE_EXIT_CODES.includes(code);
}

/** The exit code a step uses for a thrown error: decided by class and `retriable`, never by message. */
export function exitCodeForError(error: unknown): number {
  if (error instanceof InputError) return EXIT_CODES.badInput.code;
  if (error instanceof ContractError) return EXIT_CODES.contractViolation.code;
  if (isRetriable(error)) return EXIT_CODES.hostUnavailable.code;
  return EXIT_CODES.internal.code;
}
