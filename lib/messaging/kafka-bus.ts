// KafkaMessageBus: the message bus over Apache Kafka with kafkajs 2.2.4. An idempotent producer keyed by
// the envelope's idempotency key; consumers that process each partition in order and partitions in
// parallel (eachBatch with manual offset resolution), commit only after a record was handled or
// dead-lettered, retry retriable failures with backoff and dead-letter the rest without pausing the
// topic (the original Thoth paused the whole topic on one bad message, thoth-pipeline.md §3.1).
import { Kafka, Partitioners, logLevel as KafkaLogLevel } from 'kafkajs';
import type {
  Admin,
  Consumer,
  EachBatchPayload,
  IHeaders,
  KafkaConfig,
  KafkaMessage,
  LogEntry,
  Producer,
  RetryOptions as KafkaRetryOptions,
} from 'kafkajs';
import { silentLogger } from '../log/index.js';
import type { Logger } from '../log/index.js';
import {
  DEFAULT_COMMIT_POLICY,
  DEFAULT_KAFKA_CONSUMER,
  DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY,
} from './defaults.js';
import type { CommitPolicy, DeliveryRetryOptions } from './defaults.js';
import { CommitBehind } from './commit-behind.js';
import { combineInstrumentation, deliverRecord, safely } from './delivery.js';
import { isRebalancing, mapKafkaError, restartOnFailure } from './kafka-errors.js';
import { envelopeHeaders } from './headers.js';
import { assertMessagingName, topicName, topicSettings, withDeadLetterTwins } from './topics.js';
import type {
  ConsumedRecord,
  DeliveryContext,
  MessageBus,
  MessageCodec,
  MessageEnvelope,
  MessageHandler,
  MessagingInstrumentation,
  OutgoingRecord,
  ProvisionResult,
  RecordHandler,
  RecordHeaders,
  SubscribeOptions,
  Subscription,
  TopicConfig,
} from './types.js';

export interface KafkaMessageBusConfig {
  /** First segment of every topic name. */
  deployment: string;
  /** Bootstrap brokers, `host:port` (the PLAINTEXT/SASL listener, never the KRaft controller port). */
  brokers: string[];
  /** Encodes and validates envelopes (contractCodec in production). */
  codec: MessageCodec;
  /** kafkajs client id; default `thoth-<deployment>`. */
  clientId?: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** kafkajs's own retries of connections, metadata, produce and commit requests. */
  clientRetry?: KafkaRetryOptions;
  /** Partitions and replication of provisioned topics. */
  topics?: TopicConfig;
  /** Default handler retry settings of every subscription. */
  retry?: DeliveryRetryOptions;
  /** Default number of partitions one subscription processes at the same time. */
  partitionsConsumedConcurrently?: number;
  /** Default commit frequency of every subscription. */
  commit?: CommitPolicy;
  /** Consumer group timings (defaults in defaults.ts). */
  consumer?: {
    sessionTimeoutMs?: number;
    heartbeatIntervalMs?: number;
    rebalanceTimeoutMs?: number;
    /** Longest wait of a fetch for new records, in ms (kafkajs default 5000). */
    maxWaitTimeMs?: number;
    /** Replace a consumer silent for this long (see DEFAULT_KAFKA_CONSUMER.stallTimeoutMs). */
    stallTimeoutMs?: number;
  };
  /**
   * May a crashed consumer be restarted? Default: restartOnFailure (kafka-errors.ts), which refuses
   * only configuration, authentication and protocol failures. kafkajs itself restarts only after
   * retriable crashes; the subscription's supervisor replaces the consumer after the others.
   */
  restartOnFailure?: (error: Error) => Promise<boolean>;
  /** Bus-wide metrics hooks. */
  instrumentation?: MessagingInstrumentation;
  logger?: Logger;
  now?: () => Date;
}

function toKafkaHeaders(headers: RecordHeaders | undefined): IHeaders {
  return { ...headers };
}

function fromKafkaHeaders(headers: IHeaders | undefined): RecordHeaders {
  const out: RecordHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}

function toConsumedRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value ?? Buffer.alloc(0),
    headers: fromKafkaHeaders(message.headers),
    timestamp: new Date(Number(message.timestamp)).toISOString(),
  };
}

/** kafkajs logs through our pino logger, with its namespace as `kafkajs`. */
function logCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, ...rest } = log;
      const fields = { kafkajs: namespace, ...rest };
      if (level === KafkaLogLevel.ERROR) logger.error(fields, message);
      else if (level === KafkaLogLevel.WARN) logger.warn(fields, message);
      else if (level === KafkaLogLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    };
}

/** Bytes (keys, values, headers) of one produce request at most; half the broker's default limit. */
const SEND_CHUNK_BYTES = 512 * 1024;

function recordBytes(record: OutgoingRecord): number {
  let bytes = record.value.length + (record.key === null ? 0 : Buffer.byteLength(record.key));
  for (const [name, value] of Object.entries(record.headers ?? {})) bytes += name.length + value.length;
  return bytes;
}

/** Split records by topic into requests of at most SEND_CHUNK_BYTES, keeping their order. */
function* chunksOf(byTopic: Map<string, OutgoingRecord[]>): Generator<Map<string, OutgoingRecord[]>> {
  let chunk = new Map<string, OutgoingRecord[]>();
  let bytes = 0;
  for (const [topic, records] of byTopic) {
    for (const record of records) {
      const size = recordBytes(record);
      if (bytes > 0 && bytes + size > SEND_CHUNK_BYTES) {
        yield chunk;
        chunk = new Map();
        bytes = 0;
      }
      const list = chunk.get(topic) ?? [];
      list.push(record);
      chunk.set(topic, list);
      bytes += size;
    }
  }
  if (chunk.size > 0) yield chunk;
}

/** Waits between consumer replacements: 1 s doubling to 30 s (a broker may take a while to return). */
const REPLACE_BACKOFF_MS = { initial: 1_000, max: 30_000 } as const;
/** How long a replaced consumer may take to leave its group before it is abandoned. */
const DISCONNECT_TIMEOUT_MS = 10_000;

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One subscription: a kafkajs consumer in its group, under supervision. kafkajs restarts a consumer
 * only after a retriable crash, and is known to stall after some broker outages (kafkajs#267, #659:
 * no crash, no fetch). The supervisor replaces the consumer (a new member of the same group, so
 * uncommitted records are delivered again to idempotent handlers) when it crashed for good with a
 * restartable error, or showed no sign of life for `stallTimeoutMs`.
 */
class KafkaSubscription implements Subscription {
  readonly controller = new AbortController();
  aborted = false;
  inFlight = 0;
  consumer: Consumer | undefined;
  private lastSignOfLife = Date.now();
  private replacing: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    readonly group: string,
    readonly topics: readonly string[],
    private readonly startConsumer: (subscription: KafkaSubscription) => Promise<Consumer>,
    private readonly logger: Logger,
    private readonly stallTimeoutMs: number,
    private readonly onClosed: (s: KafkaSubscription) => void,
  ) {}

  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  /** Start the first consumer; its failure is the caller's (subscribe rejects). */
  async start(): Promise<void> {
    // startConsumer makes the new consumer this subscription's current one before it connects.
    await this.startConsumer(this);
    this.alive();
    this.watchdog = setInterval(() => this.checkStall(), Math.max(100, Math.floor(this.stallTimeoutMs / 4)));
    this.watchdog.unref();
  }

  /** Called on every fetch, heartbeat, batch and group join of the current consumer. */
  alive(): void {
    this.lastSignOfLife = Date.now();
  }

  private checkStall(): void {
    if (this.stopped || this.replacing !== undefined) return;
    const silentMs = Date.now() - this.lastSignOfLife;
    if (silentMs > this.stallTimeoutMs) this.replace(`no fetch, heartbeat or batch for ${silentMs} ms`);
  }

  /** Replace the consumer by a new member of the group; repeats with backoff until one starts or stop(). */
  replace(reason: string): void {
    if (this.stopped || this.replacing !== undefined) return;
    this.logger.warn({ group: this.group, reason }, 'replacing the consumer');
    this.replacing = (async () => {
      const old = this.consumer;
      this.consumer = undefined;
      if (old !== undefined)
        await withTimeout(
          old.disconnect().catch(() => undefined),
          DISCONNECT_TIMEOUT_MS,
        );
      let wait: number = REPLACE_BACKOFF_MS.initial;
      while (!this.stopped) {
        await delay(wait, this.controller.signal);
        if (this.stopped) break;
        try {
          const consumer = await this.startConsumer(this);
          if (this.stopped) {
            await consumer.disconnect().catch(() => undefined);
            break;
          }
          this.alive();
          this.logger.info({ group: this.group }, 'consumer replaced');
          break;
        } catch (error) {
          this.logger.warn({ group: this.group, err: error, retryInMs: wait }, 'consumer replacement failed');
          wait = Math.min(wait * 2, REPLACE_BACKOFF_MS.max);
        }
      }
    })().finally(() => {
      this.replacing = undefined;
    });
  }

  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  abort(): Promise<void> {
    this.aborted = true;
    return this.stop();
  }

  private async close(): Promise<void> {
    // Cut retry waits short (their records stay uncommitted), then let kafkajs finish the batch in
    // hand (our eachBatch commits what it finished), leave the group and disconnect.
    clearInterval(this.watchdog);
    this.controller.abort();
    try {
      await this.replacing;
      await this.consumer?.disconnect();
    } finally {
      this.onClosed(this);
    }
  }
}

export class KafkaMessageBus implements MessageBus {
  readonly deployment: string;
  private readonly kafka: Kafka;
  private readonly hooks: MessagingInstrumentation;
  private readonly logger: Logger;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private producer: Promise<Producer> | undefined;

  constructor(private readonly config: KafkaMessageBusConfig) {
    assertMessagingName('deployment', config.deployment);
    this.deployment = config.deployment;
    this.hooks = config.instrumentation ?? {};
    this.logger = (config.logger ?? silentLogger).child({ component: 'kafka-bus' });
    const kafkaConfig: KafkaConfig = {
      clientId: config.clientId ?? `thoth-${config.deployment}`,
      brokers: config.brokers,
      logLevel: KafkaLogLevel.WARN,
      logCreator: logCreator(this.logger),
    };
    if (config.ssl !== undefined) kafkaConfig.ssl = config.ssl;
    if (config.sasl !== undefined) kafkaConfig.sasl = config.sasl;
    if (config.connectionTimeoutMs !== undefined) kafkaConfig.connectionTimeout = config.connectionTimeoutMs;
    if (config.requestTimeoutMs !== undefined) kafkaConfig.requestTimeout = config.requestTimeoutMs;
    if (config.clientRetry !== undefined) kafkaConfig.retry = config.clientRetry;
    this.kafka = new Kafka(kafkaConfig);
  }

  topicOf(type: string): string {
    return topicName(this.deployment, type);
  }

  async provision(topics: readonly string[]): Promise<ProvisionResult> {
    const wanted = withDeadLetterTwins(topics);
    const result: ProvisionResult = { created: [], existing: [], grown: [] };
    const admin: Admin = this.kafka.admin();
    try {
      await admin.connect();
      const present = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !present.has(t));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => {
            const settings = topicSettings(this.config.topics, topic);
            return {
              topic,
              numPartitions: settings.partitions,
              replicationFactor: settings.replicationFactor,
            };
          }),
        });
        result.created.push(...missing);
      }
      const existing = wanted.filter((t) => present.has(t));
      if (existing.length > 0) {
        const metadata = await admin.fetchTopicMetadata({ topics: existing });
        for (const topic of metadata.topics) {
          const { partitions } = topicSettings(this.config.topics, topic.name);
          if (topic.partitions.length < partitions) {
            await admin.createPartitions({ topicPartitions: [{ topic: topic.name, count: partitions }] });
            result.grown.push(topic.name);
          } else {
            result.existing.push(topic.name);
          }
        }
      }
    } catch (error) {
      // Another process may have created the same topics at the same moment.
      const errors = (error as { errors?: { type?: string }[] }).errors;
      if (!(Array.isArray(errors) && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS'))) {
        throw mapKafkaError(error);
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    return result;
  }

  async publish(envelopes: MessageEnvelope | readonly MessageEnvelope[]): Promise<void> {
    const list: readonly MessageEnvelope[] = Array.isArray(envelopes)
      ? envelopes
      : [envelopes as MessageEnvelope];
    // Encode (and so validate) everything before sending anything.
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const envelope of list) {
      const topic = this.topicOf(envelope.type);
      const records = byTopic.get(topic) ?? [];
      records.push({
        key: envelope.key,
        value: this.config.codec.encode(envelope),
        headers: envelopeHeaders(envelope),
      });
      byTopic.set(topic, records);
    }
    await this.send(byTopic);
  }

  async publishRecords(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    assertMessagingName('topic', topic);
    await this.send(new Map([[topic, [...records]]]));
  }

  subscribe(
    group: string,
    topics: readonly string[],
    handler: MessageHandler,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    const codec = this.config.codec;
    return this.join(group, topics, options, (record) => codec.decode(record.value), handler);
  }

  subscribeRecords(
    group: string,
    topics: readonly string[],
    handler: RecordHandler,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    return this.join(group, topics, options, (record) => record, handler);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const producer = this.producer;
    this.producer = undefined;
    if (producer !== undefined) await (await producer.catch(() => undefined))?.disconnect();
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // Idempotent: broker-side dedup of retried sends keeps one copy, in order. kafkajs requires
      // at most one request in flight for that, and acks from all in-sync replicas.
      const producer = this.kafka.producer({
        idempotent: true,
        // kafkajs refuses an idempotent producer that may not retry.
        retry: { ...this.config.clientRetry, retries: Math.max(1, this.config.clientRetry?.retries ?? 5) },
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Passing the partitioner explicitly is what silences KAFKAJS_NO_PARTITIONER_WARNING; the
        // default one hashes keys with murmur2 like the Java client (and partitioner.ts).
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => {
      this.producer = undefined;
    });
    return this.producer;
  }

  private async send(byTopic: Map<string, OutgoingRecord[]>): Promise<void> {
    if (byTopic.size === 0) return;
    const firstTopic = [...byTopic.keys()][0];
    try {
      const producer = await this.getProducer();
      // A batch larger than the broker's message.max.bytes (1 MiB by default) is refused whole
      // (MESSAGE_TOO_LARGE), so a big publish goes out in requests of at most SEND_CHUNK_BYTES, one after
      // the other: with one request in flight, order per key is kept.
      for (const chunk of chunksOf(byTopic)) {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...chunk].map(([topic, records]) => ({
            topic,
            messages: records.map((r) => ({
              key: r.key,
              value: r.value,
              headers: toKafkaHeaders(r.headers),
            })),
          })),
        });
      }
    } catch (error) {
      throw mapKafkaError(error, byTopic.size === 1 ? firstTopic : undefined);
    }
  }

  private async join<T>(
    group: string,
    topics: readonly string[],
    options: SubscribeOptions,
    prepare: (record: ConsumedRecord) => T,
    handle: (value: T, context: DeliveryContext) => Promise<void>,
  ): Promise<Subscription> {
    assertMessagingName('group', group);
    for (const topic of topics) assertMessagingName('topic', topic);
    const hooks = combineInstrumentation(this.hooks, options.instrumentation);
    const retry = { ...this.config.retry, ...options.retry };
    const timings = { ...DEFAULT_KAFKA_CONSUMER, ...this.config.consumer };
    const commitPolicy = { ...DEFAULT_COMMIT_POLICY, ...this.config.commit, ...options.commit };
    const restartPolicy = this.config.restartOnFailure ?? restartOnFailure;
    const newConsumer = (subscription: KafkaSubscription): Consumer => {
      const consumer = this.kafka.consumer({
        groupId: group,
        sessionTimeout: timings.sessionTimeoutMs,
        heartbeatInterval: timings.heartbeatIntervalMs,
        rebalanceTimeout: timings.rebalanceTimeoutMs,
        ...(this.config.consumer?.maxWaitTimeMs === undefined
          ? {}
          : { maxWaitTimeInMs: this.config.consumer.maxWaitTimeMs }),
        allowAutoTopicCreation: false,
        retry: { ...this.config.clientRetry, restartOnFailure: restartPolicy },
      });
      // Events of a replaced consumer no longer count: only the current one is supervised.
      const current = (): boolean => subscription.consumer === consumer;
      const alive = (): void => {
        if (current()) subscription.alive();
      };
      for (const event of [
        consumer.events.FETCH_START,
        consumer.events.HEARTBEAT,
        consumer.events.START_BATCH_PROCESS,
        consumer.events.END_BATCH_PROCESS,
      ]) {
        consumer.on(event, alive);
      }
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        alive();
        safely(() => hooks.rebalanced?.({ group, assignment: event.payload.memberAssignment }));
      });
      consumer.on(consumer.events.CRASH, (event) => {
        const { error, restart } = event.payload;
        this.logger.error({ err: error, group, restart }, 'consumer crashed');
        safely(() => hooks.crashed?.({ group, error, restart }));
        if (restart || !current() || subscription.stopped) return;
        // kafkajs gave up on it (a non-retriable crash); replace it unless the error is fatal.
        void restartPolicy(error).then(
          (ok) => {
            if (ok) subscription.replace(`crashed: ${error.message}`);
          },
          () => undefined,
        );
      });
      consumer.on(consumer.events.REBALANCING, () => this.logger.info({ group }, 'group rebalancing'));
      return consumer;
    };

    const eachBatch = async (subscription: KafkaSubscription, payload: EachBatchPayload): Promise<void> => {
      const { batch } = payload;
      const { topic, partition } = batch;
      // Records of a partition finish one after the other, so a finished offset has only finished
      // offsets below it: committing it never skips one in hand or failed.
      const committer = new CommitBehind(
        (offset) =>
          payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] }),
        commitPolicy,
      );
      // Set when a heartbeat learns that the group is rebalancing: the batch then ends after the record
      // in hand, so the member re-joins at once instead of after the whole batch (kafkajs itself only
      // re-joins between batches), and the partition moves on quickly to its new owner.
      let rebalancing = false;
      const heartbeat = async (): Promise<void> => {
        try {
          await payload.heartbeat();
        } catch (error) {
          if (isRebalancing(error)) rebalancing = true;
          throw error;
        }
      };
      for (const message of batch.messages) {
        // A stop, an abort, a rebalance or a seek ends the batch here; the rest is fetched again later.
        if (!payload.isRunning() || payload.isStale() || subscription.aborted || rebalancing) break;
        // A commit refused by a rebalance ends the batch; kafkajs re-joins the group by its type.
        committer.throwIfFailed();
        const record = toConsumedRecord(topic, partition, message);
        subscription.inFlight++;
        safely(() => hooks.inFlight?.({ group, count: subscription.inFlight }));
        let outcome;
        try {
          outcome = await deliverRecord({
            group,
            record,
            prepare,
            handle,
            retry,
            publishDeadLetter: (deadLetterTopic, deadLetter) =>
              this.publishRecords(deadLetterTopic, [deadLetter]),
            instrumentation: hooks,
            signal: subscription.controller.signal,
            heartbeat,
            heartbeatEveryMs: timings.heartbeatIntervalMs,
            ...(this.config.now === undefined ? {} : { now: this.config.now }),
          });
        } finally {
          subscription.inFlight--;
          safely(() => hooks.inFlight?.({ group, count: subscription.inFlight }));
        }
        // A crash-like abort commits nothing more: what was in hand is delivered again.
        if (subscription.aborted) return;
        if (outcome === 'interrupted') break;
        payload.resolveOffset(message.offset);
        const next = BigInt(message.offset) + 1n;
        const lag = Number(BigInt(batch.highWatermark) - next);
        safely(() => hooks.lag?.({ group, topic, partition, lag: Math.max(0, lag) }));
        committer.finished(next.toString());
        // Throttled by kafkajs to one request per heartbeat interval, so cheap between records.
        await heartbeat().catch((error: unknown) => {
          if (!isRebalancing(error)) throw error;
        });
      }
      // Commits are still accepted while the group prepares to rebalance; if we were already dropped
      // from it, the refusal is thrown and kafkajs re-joins.
      await committer.flush();
    };

    const startConsumer = async (subscription: KafkaSubscription): Promise<Consumer> => {
      const consumer = newConsumer(subscription);
      subscription.consumer = consumer;
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning ?? true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently:
            options.partitionsConsumedConcurrently ??
            this.config.partitionsConsumedConcurrently ??
            DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY,
          eachBatch: (payload) => eachBatch(subscription, payload),
        });
        return consumer;
      } catch (error) {
        await consumer.disconnect().catch(() => undefined);
        throw mapKafkaError(error, topics.length === 1 ? topics[0] : undefined);
      }
    };
    const subscription = new KafkaSubscription(
      group,
      [...topics],
      startConsumer,
      this.logger,
      timings.stallTimeoutMs,
      (s) => this.subscriptions.delete(s),
    );
    await subscription.start();
    this.subscriptions.add(subscription);
    return subscription;
  }
}
