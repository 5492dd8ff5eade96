// One retry utility for the whole code base: exponential backoff with jitter, a retry count and a
// time cap. The wrapped function receives `bail` (stop retrying with this error), the attempt number
// and the delay that preceded it. Defaults live in ./defaults.ts; callers pass fast settings in tests.
import { isRetriable, RetriesExhaustedError } from '../errors/index.js';
import type { ErrorContext } from '../errors/index.js';
import { DEFAULT_RETRY } from './defaults.js';

export interface RetryOptions {
  retries?: number;
  initialDelayMs?: number;
  factor?: number;
  jitter?: number;
  maxDelayMs?: number;
  maxElapsedMs?: number;
  /** Decide whether an error is worth another attempt; default: ThothError.retriable. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each wait, for logs and metrics. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Uniform random source in [0, 1); injected so tests are repeatable. */
  random?: () => number;
  /** Sleep implementation; injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Context attached to RetriesExhaustedError. */
  context?: ErrorContext;
}

export interface AttemptInfo {
  /** 1 for the first attempt. */
  attempt: number;
  /** Milliseconds waited before this attempt (0 for the first). */
  delayMs: number;
  /** Stop retrying: the promise rejects with `error` as it is. */
  bail: (error: unknown) => never;
}

class Bail {
  constructor(readonly error: unknown) {}
}

/** Delay before retry number `retry` (1-based), before the cap on elapsed time. */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'initialDelayMs' | 'factor' | 'jitter' | 'maxDelayMs'> = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs;
  const factor = options.factor ?? DEFAULT_RETRY.factor;
  const jitter = options.jitter ?? DEFAULT_RETRY.jitter;
  const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const base = Math.min(max, initial * factor ** (retry - 1));
  const spread = base * jitter;
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `fn` until it succeeds, bails, throws a non-retriable error, or retries run out. */
export async function retry<T>(
  fn: (info: AttemptInfo) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRY.retries;
  const maxElapsed = options.maxElapsedMs ?? DEFAULT_RETRY.maxElapsedMs;
  const shouldRetry = options.shouldRetry ?? ((error: unknown) => isRetriable(error));
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const started = performance.now();
  const bail = (error: unknown): never => {
    throw new Bail(error);
  };
  let delayMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn({ attempt, delayMs, bail });
    } catch (error) {
      if (error instanceof Bail) throw error.error;
      if (!shouldRetry(error, attempt)) throw error;
      if (attempt > retries) throw new RetriesExhaustedError(attempt, error, options.context);
      delayMs = backoffDelay(attempt, options, random);
      const elapsed = performance.now() - started;
      if (elapsed + delayMs > maxElapsed) throw new RetriesExhaustedError(attempt, error, options.context);
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
