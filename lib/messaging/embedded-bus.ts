// EmbeddedMessageBus: the message bus inside one process, for `thoth` on one machine. Same semantics
// as Kafka where they matter: topics must be provisioned, records go to partitions by key hash (the
// same murmur2 placement as Kafka's), each partition is processed in order and partitions in
// parallel, consumer groups share partitions among members and keep committed offsets, failing
// handlers are retried and then dead-lettered. With a directory, logs and offsets survive a restart.
import { silentLogger } from '../log/index.js';
import type { Logger } from '../log/index.js';
import { DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY } from './defaults.js';
import type { DeliveryRetryOptions } from './defaults.js';
import { combineInstrumentation, deliverRecord, safely } from './delivery.js';
import type { DeliveryOutcome } from './delivery.js';
import { GroupOffsets, TopicLog } from './embedded-log.js';
import { UnknownTopicError } from './errors.js';
import { envelopeHeaders } from './headers.js';
import { partitionForKey } from './partitioner.js';
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
  SubscribeOptions,
  Subscription,
  TopicConfig,
} from './types.js';

export interface EmbeddedMessageBusConfig {
  /** First segment of every topic name. */
  deployment: string;
  /** Encodes and validates envelopes (contractCodec in production). */
  codec: MessageCodec;
  /** Keep logs and committed offsets here so a restart resumes; in memory only when absent. */
  directory?: string;
  /** Partitions per topic (replication is ignored: one copy). */
  topics?: TopicConfig;
  /** Default handler retry settings of every subscription. */
  retry?: DeliveryRetryOptions;
  /** Default number of partitions one subscription processes at the same time. */
  partitionsConsumedConcurrently?: number;
  /** Bus-wide metrics hooks. */
  instrumentation?: MessagingInstrumentation;
  logger?: Logger;
  /** Clock for record timestamps and failure times. */
  now?: () => Date;
}

/** A small counting semaphore: at most `size` partitions handle a record at once. */
class Slots {
  private free: number;
  private queue: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }
  release(): void {
    const next = this.queue.shift();
    if (next === undefined) this.free++;
    else next();
  }
}

type Runner = (record: ConsumedRecord, signal: AbortSignal) => Promise<DeliveryOutcome>;

/** One subscription: a member of its group. */
class Member implements Subscription {
  /** Aborted on stop/abort: cuts retry waits short and tells handlers to give up. */
  readonly controller = new AbortController();
  /** Aborted when the current assignment is revoked (rebalance, stop). */
  assignmentStop = new AbortController();
  loops: Promise<void>[] = [];
  aborted = false;
  closed = false;
  inFlight = 0;
  readonly slots: Slots;

  constructor(
    readonly id: number,
    readonly group: string,
    readonly topics: readonly string[],
    readonly run: Runner,
    readonly fromBeginning: boolean,
    concurrency: number,
    readonly hooks: MessagingInstrumentation,
    private readonly leave: (member: Member, graceful: boolean) => Promise<void>,
  ) {
    this.slots = new Slots(concurrency);
  }

  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.controller.abort();
    await this.leave(this, true);
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.aborted = true;
    this.controller.abort();
    await this.leave(this, false);
  }
}

interface GroupState {
  offsets: GroupOffsets;
  members: Member[];
  /** Rebalances of one group run one after the other. */
  lock: Promise<void>;
}

export class EmbeddedMessageBus implements MessageBus {
  readonly deployment: string;
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, GroupState>();
  private readonly members = new Set<Member>();
  private readonly hooks: MessagingInstrumentation;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private nextMemberId = 1;

  private constructor(private readonly config: EmbeddedMessageBusConfig) {
    assertMessagingName('deployment', config.deployment);
    this.deployment = config.deployment;
    this.hooks = config.instrumentation ?? {};
    this.logger = (config.logger ?? silentLogger).child({ component: 'embedded-bus' });
    this.now = config.now ?? (() => new Date());
  }

  /** Open a bus; with `directory`, reload the topics and offsets stored there. */
  static async open(config: EmbeddedMessageBusConfig): Promise<EmbeddedMessageBus> {
    const bus = new EmbeddedMessageBus(config);
    if (config.directory !== undefined) {
      for (const topic of TopicLog.loadAll(config.directory)) bus.topics.set(topic.name, topic);
    }
    return Promise.resolve(bus);
  }

  topicOf(type: string): string {
    return topicName(this.deployment, type);
  }

  async provision(topics: readonly string[]): Promise<ProvisionResult> {
    const result: ProvisionResult = { created: [], existing: [], grown: [] };
    for (const name of withDeadLetterTwins(topics)) {
      const { partitions } = topicSettings(this.config.topics, name);
      const existing = this.topics.get(name);
      if (existing === undefined) {
        this.topics.set(name, TopicLog.create(name, partitions, this.config.directory));
        result.created.push(name);
      } else if (existing.grow(partitions)) {
        result.grown.push(name);
      } else {
        result.existing.push(name);
      }
    }
    return result;
  }

  async publish(envelopes: MessageEnvelope | readonly MessageEnvelope[]): Promise<void> {
    const list: readonly MessageEnvelope[] = Array.isArray(envelopes)
      ? envelopes
      : [envelopes as MessageEnvelope];
    // Validate and resolve everything first, so an invalid envelope publishes nothing of the batch.
    const prepared = list.map((envelope) => {
      const topic = this.topic(this.topicOf(envelope.type));
      return {
        topic,
        record: {
          key: envelope.key,
          value: this.config.codec.encode(envelope),
          headers: envelopeHeaders(envelope),
        },
      };
    });
    for (const { topic, record } of prepared) this.append(topic, record);
  }

  async publishRecords(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    const log = this.topic(topic);
    for (const record of records) this.append(log, record);
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
    await Promise.all([...this.members].map((m) => m.stop()));
  }

  private topic(name: string): TopicLog {
    const log = this.topics.get(name);
    if (log === undefined) throw new UnknownTopicError(name);
    return log;
  }

  private append(topic: TopicLog, record: OutgoingRecord): void {
    const count = topic.partitions.length;
    const partition = record.key === null ? topic.roundRobin++ % count : partitionForKey(record.key, count);
    topic.partitions[partition]!.append({
      key: record.key,
      value: record.value,
      headers: { ...record.headers },
      timestamp: this.now().toISOString(),
    });
  }

  private async join<T>(
    group: string,
    topics: readonly string[],
    options: SubscribeOptions,
    prepare: (record: ConsumedRecord) => T,
    handle: (value: T, context: DeliveryContext) => Promise<void>,
  ): Promise<Subscription> {
    assertMessagingName('group', group);
    for (const topic of topics) this.topic(topic);
    const hooks = combineInstrumentation(this.hooks, options.instrumentation);
    const retry = { ...this.config.retry, ...options.retry };
    const run: Runner = (record, signal) =>
      deliverRecord({
        group,
        record,
        prepare,
        handle,
        retry,
        publishDeadLetter: (topic, deadLetter) => this.publishRecords(topic, [deadLetter]),
        instrumentation: hooks,
        signal,
        heartbeat: () => Promise.resolve(),
        now: this.now,
      });
    const member = new Member(
      this.nextMemberId++,
      group,
      [...topics],
      run,
      options.fromBeginning ?? true,
      options.partitionsConsumedConcurrently ??
        this.config.partitionsConsumedConcurrently ??
        DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY,
      hooks,
      (m, graceful) => this.leave(m, graceful),
    );
    const state = this.groupState(group);
    state.members.push(member);
    this.members.add(member);
    await this.rebalance(state);
    return member;
  }

  private groupState(group: string): GroupState {
    let state = this.groups.get(group);
    if (state === undefined) {
      state = {
        offsets: GroupOffsets.open(group, this.config.directory),
        members: [],
        lock: Promise.resolve(),
      };
      this.groups.set(group, state);
    }
    return state;
  }

  private async leave(member: Member, graceful: boolean): Promise<void> {
    const state = this.groupState(member.group);
    this.members.delete(member);
    member.assignmentStop.abort();
    // A crash does not wait for in-flight records: they stay uncommitted and are delivered again.
    if (graceful) await Promise.all(member.loops);
    state.members = state.members.filter((m) => m !== member);
    await this.rebalance(state);
  }

  /** Revoke every member's partitions (in-flight records finish and commit), then assign afresh. */
  private rebalance(state: GroupState): Promise<void> {
    const next = state.lock.then(async () => {
      for (const m of state.members) m.assignmentStop.abort();
      await Promise.all(state.members.flatMap((m) => m.loops));
      // Round-robin over sorted (topic, partition) pairs among the members reading each topic.
      const assignment = new Map<Member, [string, number][]>(state.members.map((m) => [m, []]));
      const topics = [...new Set(state.members.flatMap((m) => m.topics))].sort();
      for (const topic of topics) {
        const readers = state.members.filter((m) => m.topics.includes(topic));
        const partitions = this.topic(topic).partitions.length;
        for (let p = 0; p < partitions; p++) assignment.get(readers[p % readers.length]!)!.push([topic, p]);
      }
      for (const [member, pairs] of assignment) {
        member.assignmentStop = new AbortController();
        member.loops = pairs.map(([topic, p]) =>
          this.consume(member, state.offsets, topic, p, member.assignmentStop.signal),
        );
        const byTopic: Record<string, number[]> = {};
        for (const [topic, p] of pairs) (byTopic[topic] ??= []).push(p);
        safely(() => member.hooks.rebalanced?.({ group: member.group, assignment: byTopic }));
      }
    });
    state.lock = next.catch(() => undefined);
    return next;
  }

  /** Process one assigned partition in order until the assignment is revoked. */
  private async consume(
    member: Member,
    offsets: GroupOffsets,
    topic: string,
    partition: number,
    revoked: AbortSignal,
  ): Promise<void> {
    const log = this.topic(topic).partitions[partition]!;
    const stopped = new Promise<void>((resolve) =>
      revoked.addEventListener('abort', () => resolve(), { once: true }),
    );
    while (!revoked.aborted) {
      let next = offsets.get(topic, partition);
      if (next === undefined) {
        next = member.fromBeginning ? 0 : log.records.length;
        offsets.commit(topic, partition, next);
      }
      if (next >= log.records.length) {
        await Promise.race([log.nextAppend(), stopped]);
        continue;
      }
      const stored = log.records[next]!;
      await member.slots.acquire();
      if (revoked.aborted) {
        member.slots.release();
        return;
      }
      let outcome: DeliveryOutcome;
      try {
        member.inFlight++;
        safely(() => member.hooks.inFlight?.({ group: member.group, count: member.inFlight }));
        outcome = await member.run(
          {
            topic,
            partition,
            offset: String(next),
            key: stored.key,
            value: stored.value,
            headers: { ...stored.headers },
            timestamp: stored.timestamp,
          },
          member.controller.signal,
        );
      } catch (error) {
        // The bus itself failed (e.g. the dead-letter twin is missing): keep the record, try again later.
        this.logger.error(
          { err: error, group: member.group, topic, partition, offset: next },
          'record delivery failed',
        );
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 1000)), stopped]);
        continue;
      } finally {
        member.inFlight = Math.max(0, member.inFlight - 1);
        safely(() => member.hooks.inFlight?.({ group: member.group, count: member.inFlight }));
        member.slots.release();
      }
      if (member.aborted || outcome === 'interrupted') return;
      offsets.commit(topic, partition, next + 1);
      safely(() =>
        member.hooks.lag?.({ group: member.group, topic, partition, lag: log.records.length - (next + 1) }),
      );
    }
  }
}
