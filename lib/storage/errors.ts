// Errors of the artifact store, in the lib/errors tree.
import { ThothError } from '../errors/index.js';
import type { ThothErrorOptions } from '../errors/index.js';

/** No object under the key. Not retriable: the object will not appear by waiting. */
export class ArtifactNotFoundError extends ThothError {
  constructor(key: string, location: string, options: ThothErrorOptions = {}) {
    super('artifact-not-found', `no artifact ${key} in ${location}`, {
      ...options,
      context: { key, location },
    });
  }
}

/** A key that cannot be stored safely (absolute, `..`, empty segments, control characters). */
export class ArtifactKeyError extends ThothError {
  constructor(key: string, reason: string) {
    super('invalid-artifact-key', `invalid artifact key ${JSON.stringify(key)}: ${reason}`, {
      context: { key },
    });
  }
}
