// Commits one partition's finished offsets behind its handler: the next record starts while the commit
// of the previous one is on its way, at most one commit is in flight, and offsets finished meanwhile
// are folded into the next commit. With slow handlers every record is committed on its own; with fast
// ones commits coalesce instead of queueing one round trip per record at the group coordinator.
import type { CommitPolicy } from './defaults.js';

export class CommitBehind {
  /** Next offset to commit: every offset below it is finished (handled or dead-lettered). */
  private pending: string | undefined;
  private inFlight: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private sinceCommit = 0;
  private lastCommit: number;

  constructor(
    private readonly send: (offset: string) => Promise<void>,
    private readonly policy: Required<CommitPolicy>,
    private readonly now: () => number = Date.now,
  ) {
    this.lastCommit = now();
  }

  /** Every offset below `next` is finished; start a commit when the policy says so. */
  finished(next: string): void {
    this.throwIfFailed();
    this.pending = next;
    this.sinceCommit++;
    if (this.isDue()) this.start();
  }

  /** Commit whatever is finished and wait for it; throws the failure of any commit so far. */
  async flush(): Promise<void> {
    await this.inFlight;
    if (this.pending !== undefined) {
      this.start(true);
      await this.inFlight;
    }
    this.throwIfFailed();
  }

  /** Throw (once) the failure of a background commit, e.g. a rebalance refusing it. */
  throwIfFailed(): void {
    const failure = this.failure;
    if (failure === undefined) return;
    this.failure = undefined;
    throw failure.error;
  }

  private isDue(): boolean {
    return (
      this.sinceCommit >= this.policy.everyRecords || this.now() - this.lastCommit >= this.policy.everyMs
    );
  }

  private start(force = false): void {
    if (this.inFlight !== undefined) return; // the running loop takes the newest offset next
    this.inFlight = (async () => {
      try {
        while (this.pending !== undefined && (force || this.isDue())) {
          const offset = this.pending;
          this.pending = undefined;
          this.sinceCommit = 0;
          this.lastCommit = this.now();
          await this.send(offset);
        }
      } catch (error) {
        this.failure ??= { error };
      } finally {
        this.inFlight = undefined;
      }
    })();
  }
}
