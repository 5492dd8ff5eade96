// The error a lock writer raises when a locked stack cannot be written in its format (a package with
// no file to point at, a hash that is not SHA-256 hex, a Pipfile.lock without its Pipfile).
import { ThothError } from '../../errors/index.js';

/** Stable codes of the conditions a writer reports. */
export type LockWriteErrorCode =
  /** A package, file or option of the stack breaks a rule of the target format. */
  | 'invalid-locked-stack'
  /** The Pipfile.lock writer was not given the Pipfile text it must hash. */
  | 'missing-pipfile'
  /** The Pipfile given to the Pipfile.lock writer holds a value pipenv could not hash either. */
  | 'unhashable-pipfile';

/** A locked stack that cannot be written in the requested format. Never retriable. */
export class LockWriteError extends ThothError {
  constructor(
    code: LockWriteErrorCode,
    message: string,
    context: { package?: string; version?: string; format: string },
  ) {
    super(code, `${context.format}: ${message}`, { retriable: false, context });
  }
}
