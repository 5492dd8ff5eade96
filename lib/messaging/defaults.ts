// Default settings of the message buses, in one place. README.md beside this file explains them with
// worked numbers; tests pass fast settings in instead of relying on these.
import type { TopicSettings } from './types.js';

/** How a subscription retries a failing handler before dead-lettering the record. */
export interface DeliveryRetryOptions {
  /** Handler attempts in all, the first included (1 = no retry). */
  attempts?: number;
  /** Wait before the first retry, in milliseconds. */
  initialDelayMs?: number;
  /** Each further wait is `factor` times the previous one (before jitter). */
  factor?: number;
  /** Each wait is drawn uniformly from [wait × (1 − jitter), wait × (1 + jitter)]. */
  jitter?: number;
  /** Cap on one wait, in milliseconds. */
  maxDelayMs?: number;
  /** Cap on the time spent on one record, attempts and waits included, in milliseconds. */
  maxElapsedMs?: number;
  /** Which errors deserve another attempt; default: a ThothError whose `retriable` flag is set. */
  isRetriable?: (error: unknown) => boolean;
  /** Uniform random source in [0, 1) for the jitter; injected so tests are repeatable. */
  random?: () => number;
}

/** Handler retry defaults: 5 attempts, waits of about 0.5, 1, 2 and 4 s (7.5 s in all, ±20 %). */
export const DEFAULT_DELIVERY_RETRY = {
  attempts: 5,
  initialDelayMs: 500,
  factor: 2,
  jitter: 0.2,
  maxDelayMs: 30_000,
  maxElapsedMs: 120_000,
} as const satisfies DeliveryRetryOptions;

/** When a Kafka subscription commits finished offsets (besides the end of every batch and stop). */
export interface CommitPolicy {
  /** Commit once this many records of a partition are finished and not yet committed. */
  everyRecords?: number;
  /** Commit once this many milliseconds passed since the partition's last commit. */
  everyMs?: number;
}

/** Commit every record: a crash repeats at most the record in hand. Raise for throughput. */
export const DEFAULT_COMMIT_POLICY = { everyRecords: 1, everyMs: 1_000 } as const satisfies CommitPolicy;

/** Topic defaults: three partitions so three consumers can share a topic; one replica (one broker). */
export const DEFAULT_TOPIC_SETTINGS: TopicSettings = { partitions: 3, replicationFactor: 1 };

/** Partitions processed at the same time by one subscription. */
export const DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY = 4;

/** Kafka consumer group timings, in milliseconds (kafkajs defaults, stated so they are visible). */
export const DEFAULT_KAFKA_CONSUMER = {
  /** A member silent for this long is dropped from the group and its partitions reassigned. */
  sessionTimeoutMs: 30_000,
  /** How often a member heartbeats, also while a long handler runs. */
  heartbeatIntervalMs: 3_000,
  /** How long the coordinator waits for members to rejoin during a rebalance. */
  rebalanceTimeoutMs: 60_000,
  /**
   * A consumer that shows no sign of life (no fetch, heartbeat, batch or group join) for this long is
   * replaced by a new one. Longer than a rebalance may legitimately keep a member waiting in JoinGroup.
   */
  stallTimeoutMs: 150_000,
} as const;
