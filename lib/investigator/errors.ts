// Errors of the investigator, in the lib/errors tree. Retriable ones make the bus try the message
// again later; the others send it to the dead-letter topic with their code.
import { ThothError } from '../errors/index.js';
import type { ErrorContext } from '../errors/index.js';

/** No handler for a message's (type, version): the consumer cannot do anything with it. */
export class NoHandlerError extends ThothError {
  constructor(type: string, version: number, context: ErrorContext = {}) {
    super('no-handler', `the investigator has no handler for ${type} v${version}`, {
      retriable: false,
      context: { ...context, messageType: type, messageVersion: version },
    });
  }
}

/** An UnresolvedPackage names an index that is neither enabled in the graph nor configured. */
export class UnknownIndexError extends ThothError {
  constructor(indexUrl: string, context: ErrorContext = {}) {
    super('unknown-index', `index ${indexUrl} is not enabled in the graph nor configured`, {
      retriable: false,
      context: { ...context, index: indexUrl },
    });
  }
}

/** The stored request of an adviser run to re-run is missing: nothing to re-run from. */
export class MissingRequestError extends ThothError {
  constructor(documentId: string, key: string) {
    super('missing-request', `the request of adviser run ${documentId} is not stored at ${key}`, {
      retriable: false,
      context: { documentId, key },
    });
  }
}

/** Re-runs need the artifact store (to copy the original request), which is not configured. */
export class ArtifactsNotConfiguredError extends ThothError {
  constructor(documentId: string) {
    super('artifacts-not-configured', `cannot re-run ${documentId}: no artifact store configured`, {
      retriable: false,
      context: { documentId },
    });
  }
}

/** The subscription stopped while the handler waited for capacity; the message is delivered again. */
export class InterruptedError extends ThothError {
  constructor(kind: string) {
    super('interrupted', `stopped while waiting for capacity of ${kind}`, { retriable: true });
  }
}
