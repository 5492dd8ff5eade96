// The message catalogue keyed by (type, version) and parseMessage: validate the envelope, find the
// payload's schema by (type, version), validate the payload. Versions live side by side, so a consumer
// keeps accepting v1 while producers move to v2.
import { ContractError } from '../errors/index.js';
import { MESSAGE_CATALOGUE } from './catalogue.gen.js';
import type { ContractTypes, MessageEnvelope } from './types.gen.js';
import { validateContract } from './validator.js';

/** One catalogue entry: a message type at one version. */
export type MessageSpec = (typeof MESSAGE_CATALOGUE)[number];

/** Every message type name ('SolvedPackage', 'UnresolvedPackage', …). */
export type MessageType = MessageSpec['type'];

/** The payload type of a message type (all its versions unless `V` narrows it). */
export type MessagePayload<T extends MessageType, V extends number = number> = ContractTypes[Extract<
  MessageSpec,
  { type: T; version: V }
>['schemaKey']];

/** A validated message of one catalogue entry: the envelope with its type, version and payload typed. */
export type MessageOf<S extends MessageSpec> = Omit<MessageEnvelope, 'type' | 'version' | 'payload'> & {
  type: S['type'];
  version: S['version'];
  payload: ContractTypes[S['schemaKey']];
};

/** Any validated message; narrow on `type` (and `version`) to get its payload type. */
export type Message = MessageSpec extends infer S ? (S extends MessageSpec ? MessageOf<S> : never) : never;

export { MESSAGE_CATALOGUE };

const BY_TYPE_AND_VERSION = new Map<string, MessageSpec>(
  MESSAGE_CATALOGUE.map((spec) => [`${spec.type}@${spec.version}`, spec]),
);

/** The catalogue entry of (type, version), or undefined when the catalogue has none. */
export function findMessageSpec(type: string, version: number): MessageSpec | undefined {
  return BY_TYPE_AND_VERSION.get(`${type}@${version}`);
}

/** The newest version of a message type in the catalogue. */
export function latestMessageSpec<T extends MessageType>(type: T): Extract<MessageSpec, { type: T }> {
  let latest: MessageSpec | undefined;
  for (const spec of MESSAGE_CATALOGUE) {
    if (spec.type === type && (latest === undefined || spec.version > latest.version)) latest = spec;
  }
  if (latest === undefined) throw new Error(`message type ${type} is not in the catalogue`);
  return latest as Extract<MessageSpec, { type: T }>;
}

/**
 * Validate a whole message: the envelope, then the payload against the schema of its (type, version).
 * Throws ContractError; payload violations point into '/payload/…'.
 */
export function parseMessage(data: unknown): Message {
  const envelope = validateContract('messages/envelope.v1', data);
  const context = { messageId: envelope.id, messageType: envelope.type, key: envelope.key };
  const spec = findMessageSpec(envelope.type, envelope.version);
  if (spec === undefined) {
    const known = MESSAGE_CATALOGUE.filter((s) => s.type === envelope.type).map((s) => s.version);
    const rule =
      known.length === 0
        ? `must be a known message type, got '${envelope.type}'`
        : `'${envelope.type}' has no version ${envelope.version} (known: ${known.join(', ')})`;
    throw new ContractError(
      'MessageEnvelope',
      [{ pointer: known.length === 0 ? '/type' : '/version', keyword: 'catalogue', message: rule }],
      { context },
    );
  }
  validateContract(spec.schemaKey, envelope.payload, {
    contract: `${spec.type} v${spec.version} message`,
    pointerPrefix: '/payload',
    context,
  });
  return envelope as unknown as Message;
}
