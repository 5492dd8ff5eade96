// The MessageBus port: what every message bus (Kafka, embedded) promises to the code that publishes and
// consumes Thoth's messages. Implementations: KafkaMessageBus (kafka-bus.ts), EmbeddedMessageBus
// (embedded-bus.ts). The shared behaviour is pinned down by message-bus.contract.ts.
import type { MessageEnvelope } from '../contracts/index.js';
import type { CommitPolicy, DeliveryRetryOptions } from './defaults.js';

export type { MessageEnvelope };

/** Record headers as plain strings (Kafka headers are bytes; ours are always UTF-8 text). */
export type RecordHeaders = Record<string, string>;

/** Turns envelopes into record values and back; the bus never looks inside a payload itself. */
export interface MessageCodec {
  /** Serialize an envelope into the record value; throws ContractError when the envelope is invalid. */
  encode(envelope: MessageEnvelope): Buffer;
  /** Parse and validate a record value; throws ContractError when it is not a valid message. */
  decode(value: Buffer): MessageEnvelope;
}

/** A record to append as it is (already encoded): dead letters, re-drives, raw injections. */
export interface OutgoingRecord {
  /** Record key; records with the same key land in the same partition, in publication order. */
  key: string | null;
  /** Record value, the encoded message (or, for a poison record, whatever bytes it had). */
  value: Buffer;
  /** Record headers. */
  headers?: RecordHeaders;
}

/** One record as a consumer receives it, before decoding. */
export interface ConsumedRecord {
  /** Topic the record was read from. */
  topic: string;
  /** Partition within the topic. */
  partition: number;
  /** Offset within the partition, as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  /** Record key, or null when the record had none. */
  key: string | null;
  /** Record value as published. */
  value: Buffer;
  /** Record headers. */
  headers: RecordHeaders;
  /** Append time (broker or embedded log), RFC 3339. */
  timestamp: string;
}

/** What a handler learns about the delivery it is processing. */
export interface DeliveryContext {
  /** Consumer group the subscription belongs to. */
  group: string;
  /** The record being processed (raw value and headers included). */
  record: ConsumedRecord;
  /** 1 for the first attempt at this record in this consumer, 2 for the first retry, … */
  attempt: number;
  /**
   * Tell the group coordinator this consumer is alive. The bus already heartbeats on a timer while
   * a handler runs; a handler that blocks the event loop for long stretches calls this in between.
   */
  heartbeat(): Promise<void>;
  /** Aborted when the subscription stops or is aborted; long handlers should give up early. */
  signal: AbortSignal;
}

/**
 * Processes one validated message. Resolving means "done": the offset may be committed. Throwing a
 * retriable ThothError asks for another attempt; any other error dead-letters the record at once.
 * At-least-once delivery means a handler may see the same envelope twice (after a crash or a
 * rebalance), so its effects must be idempotent by `envelope.id` or `envelope.key`.
 */
export type MessageHandler = (envelope: MessageEnvelope, context: DeliveryContext) => Promise<void>;

/** Processes one raw record (no decoding); used for dead-letter topics and operator tools. */
export type RecordHandler = (record: ConsumedRecord, context: DeliveryContext) => Promise<void>;

/** Why a record went to the dead-letter topic: one of three kinds. */
export type DeadLetterKind =
  /** The record is not a valid message (ContractError while decoding or handling). */
  | 'contract-violation'
  /** The handler failed with an error that is not retriable. */
  | 'not-retriable'
  /** The handler failed with retriable errors until the attempts ran out. */
  | 'retries-exhausted';

/** The reason recorded with a dead letter (also written as its headers, see headers.ts). */
export interface DeadLetterReason {
  /** Which of the three kinds of failure. */
  kind: DeadLetterKind;
  /** The `code` of the (last) error: a ThothError code, or `unexpected-error` for foreign errors. */
  errorCode: string;
  /** The (last) error's message, one line. */
  errorMessage: string;
  /** Topic, partition and offset the record was read from. */
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  /** Consumer group that gave up on it. */
  group: string;
  /** Handler attempts made (0 when the record could not even be decoded). */
  attempts: number;
  /** When the first and the last failure happened (RFC 3339). */
  firstFailureAt: string;
  lastFailureAt: string;
}

/** A record of a topic that is being traced by instrumentation. */
export interface RecordEvent {
  group: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/**
 * Hooks for metrics (Prometheus counters and gauges, logs). Every hook is optional and must not
 * throw; a throwing hook is ignored so metrics can never stop a consumer.
 */
export interface MessagingInstrumentation {
  /** A record was handled successfully after `attempts` attempts, taking `durationMs` in all. */
  processed?(event: RecordEvent & { attempts: number; durationMs: number }): void;
  /** One handler attempt failed; `willRetry` tells whether another attempt follows. */
  failed?(event: RecordEvent & { attempt: number; error: unknown; willRetry: boolean }): void;
  /** A record was published to its dead-letter topic, then committed. */
  deadLettered?(event: RecordEvent & { deadLetterTopic: string; reason: DeadLetterReason }): void;
  /** The number of records being handled right now by one subscription changed. */
  inFlight?(event: { group: string; count: number }): void;
  /** Records left to read in one partition after the last committed record (high watermark − next). */
  lag?(event: { group: string; topic: string; partition: number; lag: number }): void;
  /** The group's partitions were (re)assigned to this subscription. */
  rebalanced?(event: { group: string; assignment: Record<string, number[]> }): void;
  /** The consumer crashed; `restart` tells whether it restarts by itself. */
  crashed?(event: { group: string; error: unknown; restart: boolean }): void;
}

/** Per-subscription settings. */
export interface SubscribeOptions {
  /** Handler retries: attempts, backoff and which errors are retriable (defaults in defaults.ts). */
  retry?: DeliveryRetryOptions;
  /**
   * Where a group with no committed offset starts: true (default) reads each partition from its
   * beginning, false only records published after joining. The original Thoth used "latest" and so
   * lost everything published while its consumer was down.
   */
  fromBeginning?: boolean;
  /** How many partitions are processed at the same time (each partition stays in order). */
  partitionsConsumedConcurrently?: number;
  /**
   * How often finished offsets are committed (Kafka; the embedded bus commits every record for free).
   * They are always committed at the end of a batch and on stop; a crash repeats what was finished
   * but not yet committed, at most `everyRecords` records per partition.
   */
  commit?: CommitPolicy;
  /** Extra hooks for this subscription, called after the bus-wide ones. */
  instrumentation?: MessagingInstrumentation;
}

/** A running subscription. */
export interface Subscription {
  /** The consumer group. */
  readonly group: string;
  /** The topics read. */
  readonly topics: readonly string[];
  /**
   * Graceful stop: take no new record, let the in-flight ones finish (a retry wait is cut short and
   * its record left uncommitted for the next consumer), commit, leave the group. Idempotent.
   */
  stop(): Promise<void>;
  /**
   * Crash-like stop: leave the group without committing in-flight work, which will be delivered
   * again to the next member (at-least-once). For fatal errors and for tests.
   */
  abort(): Promise<void>;
}

/** Partition and replication settings of one topic (its dead-letter twin gets the same). */
export interface TopicSettings {
  /** Number of partitions; records of one key stay in one partition. */
  partitions: number;
  /** Replication factor (Kafka only; the embedded bus keeps one copy). */
  replicationFactor: number;
}

/** Topic settings from configuration: defaults plus per-topic overrides by full topic name. */
export interface TopicConfig {
  /** Settings of every topic without an override. */
  defaults?: Partial<TopicSettings>;
  /** Settings of single topics, keyed by full name (`<deployment>.<kebab-type>`). */
  overrides?: Record<string, Partial<TopicSettings>>;
}

/** What `provision` did. */
export interface ProvisionResult {
  /** Topics created now (main topics and dead-letter twins). */
  created: string[];
  /** Topics that existed already with at least the configured partitions. */
  existing: string[];
  /** Existing topics whose partition count was raised to the configured one. */
  grown: string[];
}

/** The message bus port. */
export interface MessageBus {
  /** Deployment name: the first segment of every topic (`<deployment>.<kebab-type>`). */
  readonly deployment: string;

  /** The topic of a message type, e.g. `thoth.solved-package` for `SolvedPackage`. */
  topicOf(type: string): string;

  /**
   * Create the given topics and their dead-letter twins if missing, with partitions and replication
   * from configuration; raise the partition count of existing ones when configuration asks for more.
   * Safe to call repeatedly and from several processes.
   */
  provision(topics: readonly string[]): Promise<ProvisionResult>;

  /**
   * Validate, encode and publish envelopes, each to the topic of its type, with the envelope's `key`
   * as record key (one key's records stay in order) and the headers `content-type`, `thoth-type`,
   * `thoth-version`, `thoth-message-id` and `thoth-correlation-id`. Resolves once every record is
   * acknowledged (Kafka: by all in-sync replicas). Throws ContractError for an invalid envelope,
   * UnknownTopicError when a topic was never provisioned, MessageBusError when the bus is down.
   */
  publish(envelopes: MessageEnvelope | readonly MessageEnvelope[]): Promise<void>;

  /** Append already-encoded records to one topic as they are (dead letters, re-drives, tests). */
  publishRecords(topic: string, records: readonly OutgoingRecord[]): Promise<void>;

  /**
   * Join consumer `group` on `topics` and hand every decoded message to `handler`. Each partition is
   * processed in order, partitions in parallel; an offset is committed once its record was handled
   * or dead-lettered and every earlier record of its partition was too. A failing handler is retried
   * with backoff for retriable errors; a record that fails its schema, fails with a non-retriable
   * error or exhausts its attempts goes to the topic's dead-letter twin with the reason in headers,
   * and consumption goes on. Resolves once the subscription has joined its group.
   */
  subscribe(
    group: string,
    topics: readonly string[],
    handler: MessageHandler,
    options?: SubscribeOptions,
  ): Promise<Subscription>;

  /** Like `subscribe`, but hands over raw records without decoding (e.g. to read dead letters). */
  subscribeRecords(
    group: string,
    topics: readonly string[],
    handler: RecordHandler,
    options?: SubscribeOptions,
  ): Promise<Subscription>;

  /** Stop every subscription gracefully, then release connections and files. */
  close(): Promise<void>;
}
