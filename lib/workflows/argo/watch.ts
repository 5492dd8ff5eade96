// Polling until a workflow reaches a final phase, shared by the Argo-backed engines (the Argo server
// also offers an SSE stream, but a poll survives proxies that cut long requests and is enough for
// workflows that run minutes).
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowNotFoundError, WorkflowWatchTimeoutError } from '../errors.js';
import type { WatchOptions, WorkflowStatus } from '../types.js';
import { isFinalPhase } from './status.js';

export async function pollUntilFinal(
  name: string,
  get: (name: string) => Promise<WorkflowStatus | undefined>,
  options: WatchOptions,
  defaultIntervalMs: number,
): Promise<WorkflowStatus> {
  const interval = options.pollIntervalMs ?? defaultIntervalMs;
  const deadline = options.timeoutMs === undefined ? Infinity : performance.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const status = await get(name);
    if (status === undefined) throw new WorkflowNotFoundError(name);
    options.onUpdate?.(status);
    if (isFinalPhase(status.phase)) return status;
    if (performance.now() + interval > deadline)
      throw new WorkflowWatchTimeoutError(name, options.timeoutMs ?? 0);
    await sleep(interval, undefined, options.signal ? { signal: options.signal } : {});
  }
}
