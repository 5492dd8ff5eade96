// Envelopes of the messages the investigator emits itself (AdviserReRun), chained to the message that
// caused them: the same correlation id, the cause's id as causation id.
import type { Message, MessageEnvelope } from '../contracts/index.js';
import type { HandlerContext } from './types.js';

export function emittedEnvelope(
  context: Pick<HandlerContext, 'newId' | 'now' | 'producer'>,
  cause: Message,
  message: { type: string; version: number; key: string; payload: Record<string, unknown> },
): MessageEnvelope {
  return {
    id: context.newId(),
    type: message.type,
    version: message.version,
    key: message.key,
    occurred_at: context.now().toISOString(),
    producer: { ...context.producer },
    correlation_id: cause.correlation_id,
    causation_id: cause.id,
    payload: message.payload,
  };
}
