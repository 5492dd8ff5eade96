// Public face of the contracts: the types generated from schemas/, one parser per contract, the message
// catalogue keyed by (type, version), and parseMessage / parseDocument for whole messages and documents.
// Every parser throws ContractError (lib/errors) listing violations as {pointer, keyword, message}.
export type * from './types.gen.js';
export * from './parsers.gen.js';
export {
  MESSAGE_CATALOGUE,
  findMessageSpec,
  latestMessageSpec,
  parseMessage,
  type Message,
  type MessageOf,
  type MessagePayload,
  type MessageSpec,
  type MessageType,
} from './messages.js';
export {
  DOCUMENT_SCHEMAS,
  isDocumentKind,
  parseDocument,
  type DocumentKind,
  type DocumentOf,
} from './documents.js';
export {
  checkContract,
  schemaId,
  validateContract,
  type SchemaKey,
  type ValidateOptions,
} from './validator.js';
export { packageMessageKey, releaseMessageKey } from './keys.js';
