// Default retry settings, in one place. See README.md beside this file for worked numbers.
import type { RetryOptions } from './index.js';

export const DEFAULT_RETRY: Required<
  Omit<RetryOptions, 'shouldRetry' | 'onRetry' | 'random' | 'sleep' | 'context'>
> = {
  /** Retries after the first attempt (so up to 6 attempts in all). */
  retries: 5,
  /** Delay before the first retry, in milliseconds. */
  initialDelayMs: 300,
  /** Each retry waits `factor` times longer than the previous one (before jitter). */
  factor: 2,
  /** Jitter: the delay is drawn uniformly from [delay * (1 - jitter), delay * (1 + jitter)]. */
  jitter: 0.2,
  /** Cap on a single delay, in milliseconds. */
  maxDelayMs: 30_000,
  /** Cap on the total time spent, attempts and waits included, in milliseconds. */
  maxElapsedMs: 120_000,
};
