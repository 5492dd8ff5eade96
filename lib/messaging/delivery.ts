// What happens to one consumed record, the same for every bus: decode it, run the handler with
// retries (lib/retry: exponential backoff with jitter) for retriable errors, and dead-letter it when
// it fails its schema, fails for good, or runs out of attempts. The caller commits the offset after
// 'processed' and 'dead-lettered'; after 'interrupted' (the subscription is stopping) it does not,
// so the record goes to the next consumer instead of to the dead letters.
import { ContractError, RetriesExhaustedError, ThothError, isRetriable } from '../errors/index.js';
import { retry } from '../retry/index.js';
import { DEFAULT_DELIVERY_RETRY } from './defaults.js';
import type { DeliveryRetryOptions } from './defaults.js';
import { deadLetterHeaders } from './headers.js';
import { deadLetterTopicOf, isDeadLetterTopic } from './topics.js';
import type {
  ConsumedRecord,
  DeadLetterKind,
  DeadLetterReason,
  DeliveryContext,
  MessagingInstrumentation,
  OutgoingRecord,
  RecordEvent,
} from './types.js';

export type DeliveryOutcome = 'processed' | 'dead-lettered' | 'interrupted';

export interface DeliverOptions<T> {
  group: string;
  record: ConsumedRecord;
  /** Decode the record; a throw dead-letters it at once (0 attempts). */
  prepare: (record: ConsumedRecord) => T;
  /** The handler. */
  handle: (value: T, context: DeliveryContext) => Promise<void>;
  retry?: DeliveryRetryOptions;
  /** Append a dead letter; a throw here propagates (the record stays uncommitted). */
  publishDeadLetter: (topic: string, record: OutgoingRecord) => Promise<void>;
  instrumentation: MessagingInstrumentation;
  /** Aborted when the subscription stops: waits are cut short and the outcome is 'interrupted'. */
  signal: AbortSignal;
  /** Keep the group membership alive; called every `heartbeatEveryMs` while the record is in hand. */
  heartbeat: () => Promise<void>;
  heartbeatEveryMs?: number;
  now?: () => Date;
}

class Interrupted extends Error {}

function abortableSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Interrupted());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new Interrupted());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
}

/** Call a hook; a failing hook must never stop a consumer. */
export function safely(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // Metrics are best-effort by contract (MessagingInstrumentation).
  }
}

function errorCode(error: unknown): string {
  return error instanceof ThothError ? error.code : 'unexpected-error';
}

function errorMessage(error: unknown): string {
  if (error instanceof ThothError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Process one record to an outcome; see the module comment. */
export async function deliverRecord<T>(options: DeliverOptions<T>): Promise<DeliveryOutcome> {
  const { group, record, instrumentation: hooks, signal } = options;
  const settings = { ...DEFAULT_DELIVERY_RETRY, ...options.retry };
  const shouldRetry = options.retry?.isRetriable ?? isRetriable;
  const now = options.now ?? (() => new Date());
  const event: RecordEvent = {
    group,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
  };
  const started = performance.now();
  const keepAlive =
    options.heartbeatEveryMs === undefined
      ? undefined
      : setInterval(() => void options.heartbeat().catch(() => undefined), options.heartbeatEveryMs);

  const deadLetter = async (
    kind: DeadLetterKind,
    error: unknown,
    attempts: number,
    first: Date,
    last: Date,
  ): Promise<DeliveryOutcome> => {
    const reason: DeadLetterReason = {
      kind,
      errorCode: errorCode(error),
      errorMessage: errorMessage(error),
      originalTopic: record.topic,
      originalPartition: record.partition,
      originalOffset: record.offset,
      group,
      attempts,
      firstFailureAt: first.toISOString(),
      lastFailureAt: last.toISOString(),
    };
    if (isDeadLetterTopic(record.topic)) {
      // A dead letter has nowhere further to go: failing to handle one is a failure of the reader,
      // which keeps the record uncommitted and tries again, instead of silently dropping it.
      throw new ThothError(
        'dead-letter-unhandled',
        `cannot handle dead letter ${record.topic}/${record.partition}@${record.offset}: ${reason.errorMessage}`,
        {
          cause: error,
          retriable: true,
          context: { topic: record.topic, partition: record.partition, offset: record.offset },
        },
      );
    }
    const deadLetterTopic = deadLetterTopicOf(record.topic);
    await options.publishDeadLetter(deadLetterTopic, {
      key: record.key,
      value: record.value,
      headers: deadLetterHeaders(record.headers, reason),
    });
    safely(() => hooks.deadLettered?.({ ...event, deadLetterTopic, reason }));
    return 'dead-lettered';
  };

  try {
    let value: T;
    try {
      value = options.prepare(record);
    } catch (error) {
      const at = now();
      safely(() => hooks.failed?.({ ...event, attempt: 0, error, willRetry: false }));
      return await deadLetter(
        error instanceof ContractError ? 'contract-violation' : 'not-retriable',
        error,
        0,
        at,
        at,
      );
    }

    let attempts = 0;
    let firstFailure: Date | undefined;
    let lastFailure: Date | undefined;
    let lastError: unknown;
    try {
      await retry(
        async ({ attempt, bail }) => {
          if (attempt > 1 && signal.aborted) bail(new Interrupted());
          attempts = attempt;
          try {
            await options.handle(value, {
              group,
              record,
              attempt,
              heartbeat: options.heartbeat,
              signal,
            });
          } catch (error) {
            lastFailure = now();
            firstFailure ??= lastFailure;
            lastError = error;
            // A handler that gave up because the subscription is stopping has not failed.
            if (signal.aborted) bail(new Interrupted());
            throw error;
          }
        },
        {
          retries: settings.attempts - 1,
          initialDelayMs: settings.initialDelayMs,
          factor: settings.factor,
          jitter: settings.jitter,
          maxDelayMs: settings.maxDelayMs,
          maxElapsedMs: settings.maxElapsedMs,
          shouldRetry: (error) => shouldRetry(error),
          onRetry: (error, attempt) =>
            safely(() => hooks.failed?.({ ...event, attempt, error, willRetry: true })),
          sleep: abortableSleep(signal),
          ...(options.retry?.random === undefined ? {} : { random: options.retry.random }),
          context: { topic: record.topic, partition: record.partition, offset: record.offset },
        },
      );
    } catch (error) {
      if (error instanceof Interrupted) return 'interrupted';
      // lib/retry wraps the last handler error when attempts or time run out; a RetriesExhaustedError
      // the handler threw itself is just a non-retriable error.
      const exhausted = error instanceof RetriesExhaustedError && error !== lastError;
      const cause = exhausted ? lastError : error;
      safely(() => hooks.failed?.({ ...event, attempt: attempts, error: cause, willRetry: false }));
      const kind: DeadLetterKind = exhausted
        ? 'retries-exhausted'
        : cause instanceof ContractError
          ? 'contract-violation'
          : 'not-retriable';
      const at = now();
      return await deadLetter(kind, cause, attempts, firstFailure ?? at, lastFailure ?? at);
    }
    safely(() => hooks.processed?.({ ...event, attempts, durationMs: performance.now() - started }));
    return 'processed';
  } finally {
    if (keepAlive !== undefined) clearInterval(keepAlive);
  }
}

/** Call the same hook on several instrumentation objects in order. */
export function combineInstrumentation(
  ...all: (MessagingInstrumentation | undefined)[]
): MessagingInstrumentation {
  const list = all.filter((i): i is MessagingInstrumentation => i !== undefined);
  const fan =
    <K extends keyof MessagingInstrumentation>(key: K) =>
    (event: Parameters<NonNullable<MessagingInstrumentation[K]>>[0]): void => {
      for (const hooks of list) {
        const hook = hooks[key] as ((e: typeof event) => void) | undefined;
        safely(() => hook?.call(hooks, event));
      }
    };
  return {
    processed: fan('processed'),
    failed: fan('failed'),
    deadLettered: fan('deadLettered'),
    inFlight: fan('inFlight'),
    lag: fan('lag'),
    rebalanced: fan('rebalanced'),
    crashed: fan('crashed'),
  };
}
