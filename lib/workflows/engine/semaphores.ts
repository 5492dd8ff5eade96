// Local stand-ins for Argo's synchronization: each semaphore key (`<configmap>/<key>`) and mutex
// (`mutex/<name>`) is a counting limit inside this engine instance. Keys are acquired in sorted order
// so two holders of overlapping sets cannot deadlock.
export class LocalSemaphores {
  private readonly held = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];

  /** `limits` by key; a semaphore key without an entry gets `defaultLimit`. Mutexes are always 1. */
  constructor(
    private readonly limits: Readonly<Record<string, number>>,
    private readonly defaultLimit: number,
  ) {}

  limitOf(key: string): number {
    if (key.startsWith('mutex/')) return 1;
    return this.limits[key] ?? this.defaultLimit;
  }

  /** Wait until every key has room, take one slot of each, and return the release function. */
  async acquire(keys: string[], signal?: AbortSignal): Promise<() => void> {
    const sorted = [...new Set(keys)].sort();
    while (!sorted.every((k) => (this.held.get(k) ?? 0) < this.limitOf(k))) {
      signal?.throwIfAborted();
      // The abort listener goes when the wait ends, or waits in a loop would pile them up on one signal.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal?.removeEventListener('abort', done);
          resolve();
        };
        this.waiters.push(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
    for (const k of sorted) this.held.set(k, (this.held.get(k) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of sorted) this.held.set(k, (this.held.get(k) ?? 1) - 1);
      for (const wake of this.waiters.splice(0)) wake();
    };
  }
}
