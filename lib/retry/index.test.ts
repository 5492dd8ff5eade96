import { describe, expect, it } from 'vitest';
import { HostError, InputError, RetriesExhaustedError } from '../errors/index.js';
import { backoffDelay, retry } from './index.js';

const noSleep = async (): Promise<void> => {};

describe('backoffDelay', () => {
  it.each([
    [1, 300],
    [2, 600],
    [3, 1200],
    [10, 30_000], // capped by maxDelayMs
  ])('retry %i waits %i ms at mid jitter', (n, expected) => {
    expect(backoffDelay(n, {}, () => 0.5)).toBe(expected);
  });

  it('stays within the jitter band', () => {
    expect(backoffDelay(1, { jitter: 0.2 }, () => 0)).toBe(240);
    expect(backoffDelay(1, { jitter: 0.2 }, () => 0.999999)).toBe(360);
  });
});

describe('retry', () => {
  it('retries retriable errors until success, passing attempt numbers', async () => {
    const seen: number[] = [];
    const result = await retry(
      async ({ attempt }) => {
        seen.push(attempt);
        if (attempt < 3) throw new HostError('pypi.org', 'HTTP 503');
        return 'ok';
      },
      { sleep: noSleep },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('does not retry a non-retriable error', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new InputError('bad flag');
        },
        { sleep: noSleep },
      ),
    ).rejects.toBeInstanceOf(InputError);
    expect(calls).toBe(1);
  });

  it('wraps the last error when retries run out', async () => {
    const delays: number[] = [];
    const error = await retry(
      async () => {
        throw new HostError('s3', 'timeout');
      },
      { retries: 2, sleep: noSleep, random: () => 0.5, onRetry: (_e, _a, d) => delays.push(d) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(3);
    expect((error as RetriesExhaustedError).cause).toBeInstanceOf(HostError);
    expect(delays).toEqual([300, 600]);
  });

  it('stops at once on bail, with the given error', async () => {
    let calls = 0;
    const reason = new Error('stop');
    await expect(
      retry(
        async ({ bail }) => {
          calls++;
          bail(reason);
        },
        { sleep: noSleep, shouldRetry: () => true },
      ),
    ).rejects.toBe(reason);
    expect(calls).toBe(1);
  });

  it('respects the elapsed-time cap', async () => {
    const error = await retry(
      async () => {
        throw new HostError('kafka', 'down');
      },
      { retries: 50, maxElapsedMs: 1000, sleep: noSleep, random: () => 0.5 },
    ).catch((e: unknown) => e);
    // 300 + 600 = 900 ms fit under 1000 ms; the third wait (1200 ms) would not.
    expect((error as RetriesExhaustedError).attempts).toBe(3);
  });
});
