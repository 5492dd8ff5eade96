// From a delivered envelope to its handler: look up (type, version), bind a logger to the message's
// correlation id, and run the handler. The subscription must use the contract codec (lib/messaging
// contractCodec), which has already validated envelope and payload against schemas/messages.
import type { Message } from '../contracts/index.js';
import type { MessageHandler } from '../messaging/index.js';
import { NoHandlerError } from './errors.js';
import { findHandler } from './handlers/index.js';
import type { InvestigatorDeps } from './types.js';

export function createDispatcher(deps: InvestigatorDeps): MessageHandler {
  return async (envelope, delivery) => {
    const handler = findHandler(envelope.type, envelope.version);
    if (handler === undefined) {
      // Not retriable: the record goes to the dead letters with this code, and the rest flows on
      // (the original committed such messages silently, §3.1).
      throw new NoHandlerError(envelope.type, envelope.version, { topic: delivery.record.topic });
    }
    const log = deps.logger.child({
      correlation_id: envelope.correlation_id,
      message_id: envelope.id,
      message_type: envelope.type,
      key: envelope.key,
    });
    await handler.handle(envelope as unknown as Message, {
      ...deps,
      log,
      signal: delivery.signal,
      heartbeat: delivery.heartbeat,
    });
  };
}
