// Knowing when the pipeline of this process has nothing left to do: records published and not yet
// handled by our own subscriptions, records in hand, partitions with records left (lag), and running
// workflows. `thoth advise` waits on it between rounds and `thoth up --once` before it stops. Counting
// our own publications makes the embedded bus exact; records other processes put on Kafka are seen
// through the lag the consumer reports, plus a quiet period.
import type { MessagingInstrumentation } from '../messaging/index.js';

export class PipelineActivity {
  private outstanding = 0;
  private readonly consumers = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly lags = new Map<string, number>();
  private runningWorkflows = 0;
  private lastChange: number;

  constructor(private readonly clock: () => number = () => performance.now()) {
    this.lastChange = clock();
  }

  private touch(): void {
    this.lastChange = this.clock();
  }

  /** A subscription of this process reads `topics` (each record counts once per subscription). */
  consuming(topics: readonly string[]): void {
    for (const topic of topics) this.consumers.set(topic, (this.consumers.get(topic) ?? 0) + 1);
  }

  /** `count` records were published to `topic` by this process. */
  published(topic: string, count: number): void {
    this.outstanding += count * (this.consumers.get(topic) ?? 0);
    this.touch();
  }

  workflowStarted(): void {
    this.runningWorkflows++;
    this.touch();
  }

  workflowFinished(): void {
    this.runningWorkflows--;
    this.touch();
  }

  /** Hooks for the subscriptions of this process. */
  readonly hooks: MessagingInstrumentation = {
    processed: () => this.handled(),
    deadLettered: () => this.handled(),
    failed: () => this.touch(),
    inFlight: (e) => {
      this.inFlight.set(e.group, e.count);
      this.touch();
    },
    lag: (e) => {
      this.lags.set(`${e.group}\u0000${e.topic}\u0000${e.partition}`, e.lag);
      this.touch();
    },
  };

  private handled(): void {
    // Records published by another process (or before a restart) were never counted here.
    this.outstanding = Math.max(0, this.outstanding - 1);
    this.touch();
  }

  /** Nothing in hand, nothing published and unhandled, no partition behind, no workflow running. */
  isIdle(): boolean {
    return (
      this.outstanding === 0 &&
      this.runningWorkflows === 0 &&
      [...this.inFlight.values()].every((n) => n === 0) &&
      [...this.lags.values()].every((n) => n === 0)
    );
  }

  /** Milliseconds since anything changed. */
  quietFor(): number {
    return this.clock() - this.lastChange;
  }

  /** Resolve once idle and quiet for `quietMs`; poll every `pollMs`; reject when `signal` aborts. */
  async settle(options: { quietMs?: number; pollMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    const quietMs = options.quietMs ?? 0;
    const pollMs = options.pollMs ?? 20;
    for (;;) {
      options.signal?.throwIfAborted();
      if (this.isIdle() && this.quietFor() >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
