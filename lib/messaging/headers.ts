// Record headers: what every published message carries (so tools can route and trace it without
// decoding the value) and how a dead letter states why it was given up on.
import type { DeadLetterKind, DeadLetterReason, MessageEnvelope, RecordHeaders } from './types.js';

/** Header names of a published message. */
export const MESSAGE_HEADERS = {
  contentType: 'content-type',
  id: 'thoth-message-id',
  type: 'thoth-type',
  version: 'thoth-version',
  correlationId: 'thoth-correlation-id',
  causationId: 'thoth-causation-id',
} as const;

/** Content type of every record value we write. */
export const CONTENT_TYPE = 'application/json';

/** Header names added to a dead letter (the original headers are kept beside them). */
export const DEAD_LETTER_HEADERS = {
  kind: 'thoth-dead-letter-kind',
  errorCode: 'thoth-dead-letter-error-code',
  errorMessage: 'thoth-dead-letter-error-message',
  originalTopic: 'thoth-dead-letter-original-topic',
  originalPartition: 'thoth-dead-letter-original-partition',
  originalOffset: 'thoth-dead-letter-original-offset',
  group: 'thoth-dead-letter-group',
  attempts: 'thoth-dead-letter-attempts',
  firstFailureAt: 'thoth-dead-letter-first-failure-at',
  lastFailureAt: 'thoth-dead-letter-last-failure-at',
} as const;

// Error messages can quote whole inputs; a header stays small.
const MAX_MESSAGE_LENGTH = 1000;

/** The headers of a published envelope. */
export function envelopeHeaders(envelope: MessageEnvelope): RecordHeaders {
  const headers: RecordHeaders = {
    [MESSAGE_HEADERS.contentType]: CONTENT_TYPE,
    [MESSAGE_HEADERS.id]: envelope.id,
    [MESSAGE_HEADERS.type]: envelope.type,
    [MESSAGE_HEADERS.version]: String(envelope.version),
    [MESSAGE_HEADERS.correlationId]: envelope.correlation_id,
  };
  if (envelope.causation_id !== null) headers[MESSAGE_HEADERS.causationId] = envelope.causation_id;
  return headers;
}

/** One line of at most MAX_MESSAGE_LENGTH characters. */
export function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

/** The original headers plus the dead-letter reason. */
export function deadLetterHeaders(original: RecordHeaders, reason: DeadLetterReason): RecordHeaders {
  return {
    ...original,
    [DEAD_LETTER_HEADERS.kind]: reason.kind,
    [DEAD_LETTER_HEADERS.errorCode]: reason.errorCode,
    [DEAD_LETTER_HEADERS.errorMessage]: oneLine(reason.errorMessage),
    [DEAD_LETTER_HEADERS.originalTopic]: reason.originalTopic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(reason.originalPartition),
    [DEAD_LETTER_HEADERS.originalOffset]: reason.originalOffset,
    [DEAD_LETTER_HEADERS.group]: reason.group,
    [DEAD_LETTER_HEADERS.attempts]: String(reason.attempts),
    [DEAD_LETTER_HEADERS.firstFailureAt]: reason.firstFailureAt,
    [DEAD_LETTER_HEADERS.lastFailureAt]: reason.lastFailureAt,
  };
}

const KINDS: readonly DeadLetterKind[] = ['contract-violation', 'not-retriable', 'retries-exhausted'];

/** Read the reason back from a dead letter's headers; undefined when they are not a dead letter's. */
export function readDeadLetterReason(headers: RecordHeaders): DeadLetterReason | undefined {
  const get = (name: string): string | undefined => headers[name];
  const kind = get(DEAD_LETTER_HEADERS.kind);
  const fields = [
    get(DEAD_LETTER_HEADERS.errorCode),
    get(DEAD_LETTER_HEADERS.errorMessage),
    get(DEAD_LETTER_HEADERS.originalTopic),
    get(DEAD_LETTER_HEADERS.originalPartition),
    get(DEAD_LETTER_HEADERS.originalOffset),
    get(DEAD_LETTER_HEADERS.group),
    get(DEAD_LETTER_HEADERS.attempts),
    get(DEAD_LETTER_HEADERS.firstFailureAt),
    get(DEAD_LETTER_HEADERS.lastFailureAt),
  ] as const;
  if (kind === undefined || !(KINDS as readonly string[]).includes(kind)) return undefined;
  if (fields.some((f) => f === undefined)) return undefined;
  const [errorCode, errorMessage, topic, partition, offset, group, attempts, first, last] =
    fields as unknown as string[];
  return {
    kind: kind as DeadLetterKind,
    errorCode: errorCode!,
    errorMessage: errorMessage!,
    originalTopic: topic!,
    originalPartition: Number(partition),
    originalOffset: offset!,
    group: group!,
    attempts: Number(attempts),
    firstFailureAt: first!,
    lastFailureAt: last!,
  };
}
