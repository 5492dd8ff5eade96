// The one error tree of Thoth. Every error we raise derives from ThothError and carries a stable
// kebab-case `code`, a `retriable` flag, an optional `cause` and context fields. Consumers, steps and
// retries decide from `code` and `retriable`, never from message text (STYLE.md §7).

/** Context fields an error may carry; all optional, all plain data so they serialize into logs. */
export interface ErrorContext {
  package?: string;
  version?: string;
  index?: string;
  topic?: string;
  partition?: number;
  offset?: string;
  documentId?: string;
  file?: string;
  line?: number;
  column?: number;
  [key: string]: unknown;
}

export interface ThothErrorOptions {
  cause?: unknown;
  retriable?: boolean;
  context?: ErrorContext;
}

/** Root of every error Thoth raises. */
export class ThothError extends Error {
  /** Stable, kebab-case identifier of the condition (e.g. `contract-violation`). */
  readonly code: string;
  /** True when repeating the same operation later may succeed (a host error, a timeout). */
  readonly retriable: boolean;
  /** Plain-data context: package, index, topic, document id, file position… */
  readonly context: ErrorContext;

  constructor(code: string, message: string, options: ThothErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }

  /** A JSON-friendly view for logs, dead letters and step failure files. */
  toJSON(): { name: string; code: string; message: string; retriable: boolean; context: ErrorContext } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      context: this.context,
    };
  }
}

/** One violation of a JSON Schema contract: where (JSON pointer) and which rule. */
export interface ContractViolation {
  /** JSON pointer of the failing value, '' for the root. */
  pointer: string;
  /** The schema keyword that failed (required, type, enum, pattern, …). */
  keyword: string;
  /** Human-readable description of the rule, e.g. "must have required property 'key'". */
  message: string;
}

/** Data crossing one of our boundaries does not satisfy its schema. Never retriable. */
export class ContractError extends ThothError {
  readonly contract: string;
  readonly violations: ContractViolation[];

  constructor(contract: string, violations: ContractViolation[], options: ThothErrorOptions = {}) {
    const summary = violations
      .slice(0, 3)
      .map((v) => `${v.pointer || '/'} ${v.message}`)
      .join('; ');
    const more = violations.length > 3 ? ` (+${violations.length - 3} more)` : '';
    super('contract-violation', `invalid ${contract}: ${summary}${more}`, { ...options, retriable: false });
    this.contract = contract;
    this.violations = violations;
  }
}

/** Bad input given by a person (a flag, a file, a configuration value). Never retriable. */
export class InputError extends ThothError {
  constructor(message: string, options: ThothErrorOptions = {}) {
    super('bad-input', message, { ...options, retriable: false });
  }
}

/** An external host (index, broker, S3, Argo) failed as a whole: 5xx, 429, timeout, refused connection. */
export class HostError extends ThothError {
  readonly host: string;
  constructor(host: string, message: string, options: ThothErrorOptions = {}) {
    super('host-unavailable', message, { retriable: true, ...options });
    this.host = host;
  }
}

/** Retries ran out; `cause` is the last error seen. Not retriable itself. */
export class RetriesExhaustedError extends ThothError {
  readonly attempts: number;
  constructor(attempts: number, cause: unknown, context: ErrorContext = {}) {
    const last = cause instanceof Error ? cause.message : String(cause);
    super('retries-exhausted', `gave up after ${attempts} attempts: ${last}`, {
      cause,
      retriable: false,
      context,
    });
    this.attempts = attempts;
  }
}

/** True when `error` is a ThothError that says a retry may help. Unknown errors are not retried. */
export function isRetriable(error: unknown): boolean {
  return error instanceof ThothError && error.retriable;
}

/** A one-line description of any thrown value, for step exits and CLI messages. */
export function describeError(error: unknown): string {
  if (error instanceof ThothError) return `${error.message} [${error.code}]`;
  if (error instanceof Error) return error.message;
  return String(error);
}
