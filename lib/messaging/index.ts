// Public face of lib/messaging: the MessageBus port, its Kafka and embedded implementations, the
// codec, topic naming, headers (dead-letter reasons included) and the default settings.
export type {
  ConsumedRecord,
  DeadLetterKind,
  DeadLetterReason,
  DeliveryContext,
  MessageBus,
  MessageCodec,
  MessageEnvelope,
  MessageHandler,
  MessagingInstrumentation,
  OutgoingRecord,
  ProvisionResult,
  RecordEvent,
  RecordHandler,
  RecordHeaders,
  SubscribeOptions,
  Subscription,
  TopicConfig,
  TopicSettings,
} from './types.js';
export {
  DEFAULT_COMMIT_POLICY,
  DEFAULT_DELIVERY_RETRY,
  DEFAULT_KAFKA_CONSUMER,
  DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY,
  DEFAULT_TOPIC_SETTINGS,
} from './defaults.js';
export type { CommitPolicy, DeliveryRetryOptions } from './defaults.js';
export { MessageBusError, MessagingNameError, UnknownTopicError } from './errors.js';
export { contractCodec, createJsonCodec } from './codec.js';
export {
  DEAD_LETTER_SUFFIX,
  deadLetterTopicOf,
  isDeadLetterTopic,
  kebabType,
  topicName,
  topicSettings,
  withDeadLetterTwins,
} from './topics.js';
export {
  CONTENT_TYPE,
  DEAD_LETTER_HEADERS,
  MESSAGE_HEADERS,
  deadLetterHeaders,
  envelopeHeaders,
  readDeadLetterReason,
} from './headers.js';
export { partitionForKey } from './partitioner.js';
export { EmbeddedMessageBus } from './embedded-bus.js';
export type { EmbeddedMessageBusConfig } from './embedded-bus.js';
export { KafkaMessageBus } from './kafka-bus.js';
export { isRebalancing, mapKafkaError, restartOnFailure } from './kafka-errors.js';
export type { KafkaMessageBusConfig } from './kafka-bus.js';
export { createMessageBus } from './config.js';
export type { MessageBusConfig } from './config.js';
