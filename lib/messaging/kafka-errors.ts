// kafkajs failures by name and type: which ones a consumer restart can heal, and how they enter our
// error tree. Decisions use kafkajs's error classes (`name`), broker error types (`type`) and the
// `retriable` flag of the original cause, never message text.
import { ThothError } from '../errors/index.js';
import { MessageBusError, UnknownTopicError } from './errors.js';

// Failures a restart cannot heal: configuration, authentication and protocol mismatches.
const FATAL_KAFKAJS_ERRORS = new Set([
  'KafkaJSNotImplemented',
  'KafkaJSSASLAuthenticationError',
  'KafkaJSServerDoesNotSupportApiKey',
  'KafkaJSInvariantViolation',
  'KafkaJSUnsupportedMagicByteInMessageSet',
]);

interface KafkaJSLike {
  name?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  errors?: unknown[];
}

/** The error and its causes, outermost first (KafkaJSNumberOfRetriesExceeded wraps the real one). */
function causeChain(error: unknown): KafkaJSLike[] {
  const chain: KafkaJSLike[] = [];
  for (
    let e = error;
    typeof e === 'object' && e !== null && chain.length < 10;
    e = (e as KafkaJSLike).cause
  ) {
    chain.push(e as KafkaJSLike);
  }
  return chain;
}

function isUnknownTopic(error: KafkaJSLike): boolean {
  if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
  return (
    Array.isArray(error.errors) &&
    error.errors.some((e) => (e as KafkaJSLike).type === 'UNKNOWN_TOPIC_OR_PARTITION')
  );
}

/**
 * Default restart policy of a crashed consumer (kafkajs asks only after a retriable crash): restart,
 * unless a fatal error is anywhere in the cause chain.
 */
export function restartOnFailure(error: Error): Promise<boolean> {
  return Promise.resolve(
    !causeChain(error).some((e) => e.name !== undefined && FATAL_KAFKAJS_ERRORS.has(e.name)),
  );
}

/**
 * Map a kafkajs failure into our tree: an unknown topic becomes UnknownTopicError (not retriable:
 * provision it), the rest MessageBusError, retriable as the original cause says and never for a fatal one.
 */
export function mapKafkaError(error: unknown, topic?: string): ThothError {
  if (error instanceof ThothError) return error;
  const chain = causeChain(error);
  if (chain.some(isUnknownTopic)) return new UnknownTopicError(topic ?? 'unknown', error);
  const fatal = chain.some((e) => e.name !== undefined && FATAL_KAFKAJS_ERRORS.has(e.name));
  const original = chain[chain.length - 1];
  const retriable = !fatal && original?.retriable !== false;
  const message = error instanceof Error ? error.message : String(error);
  return new MessageBusError(`kafka: ${message}`, {
    cause: error,
    retriable,
    context: topic === undefined ? {} : { topic },
  });
}

// Broker error types that mean "this member must re-join its group" (kafkajs re-joins on them).
const REBALANCE_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'NOT_COORDINATOR_FOR_GROUP',
  'UNKNOWN_MEMBER_ID',
]);

/** True when a heartbeat or commit failed because the group is rebalancing or moved on without us. */
export function isRebalancing(error: unknown): boolean {
  return causeChain(error).some((e) => e.type !== undefined && REBALANCE_TYPES.has(e.type));
}
