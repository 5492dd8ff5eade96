// Message codecs: JSON on the wire, validated by a parser at both ends (encode refuses to publish an
// invalid envelope, decode refuses to hand one to a handler). The production codec validates against
// schemas/ through lib/contracts; tests may pass a smaller parser.
import { ContractError } from '../errors/index.js';
import { parseMessage } from '../contracts/index.js';
import type { MessageCodec, MessageEnvelope } from './types.js';

/** A JSON codec around `parse`, which validates a parsed value and throws ContractError. */
export function createJsonCodec(parse: (data: unknown) => MessageEnvelope): MessageCodec {
  return {
    encode(envelope) {
      return Buffer.from(JSON.stringify(parse(envelope)), 'utf8');
    },
    decode(value) {
      let data: unknown;
      try {
        data = JSON.parse(value.toString('utf8'));
      } catch (error) {
        throw new ContractError(
          'message',
          [{ pointer: '', keyword: 'json', message: `must be JSON (${(error as Error).message})` }],
          { cause: error },
        );
      }
      return parse(data);
    },
  };
}

/** The production codec: envelope and payload validated against schemas/messages by (type, version). */
export const contractCodec: MessageCodec = createJsonCodec(
  (data) => parseMessage(data) as unknown as MessageEnvelope,
);
