// The typed signals pipeline units raise (reference §3.1): they steer the resolution, they are not
// failures of the run.
import { ThothError } from '../../errors/index.js';
import type { ErrorContext } from '../../errors/index.js';

/** Boot: abort the run. Sieve: drop every candidate. Step: reject the action. Stride: reject the stack. */
export class NotAcceptable extends ThothError {
  constructor(message: string, context: ErrorContext = {}) {
    super('not-acceptable', message, { context });
  }
}

/** Sieve or step: leave the package (and what only it pulls in) out of the stack. */
export class SkipPackage extends ThothError {
  constructor(message: string, context: ErrorContext = {}) {
    super('skip-package', message, { context });
  }
}

/** Any unit: stop resolving now and report the stacks found so far. */
export class EagerStopPipeline extends ThothError {
  constructor(message: string, context: ErrorContext = {}) {
    super('eager-stop-pipeline', message, { context });
  }
}
