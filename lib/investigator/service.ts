// The running investigator: provisions its topics, joins its consumer group with the dispatcher,
// follows up submitted jobs on a timer, and stops gracefully (in-flight messages finish and are
// committed, the reconciler's pass finishes). Entry points (consumers/investigator) only compose it.
import type { MessageBus, SubscribeOptions, Subscription } from '../messaging/index.js';
import { createDispatcher } from './dispatch.js';
import { reconcileJobs } from './reconcile.js';
import type { ReconcileOptions } from './reconcile.js';
import type { InvestigatorDeps } from './types.js';

export interface InvestigatorServiceOptions {
  bus: MessageBus;
  deps: InvestigatorDeps;
  group: string;
  /** Message types to consume. */
  messageTypes: readonly string[];
  /** Create missing topics (and dead-letter twins) at start; off when topics are declared elsewhere. */
  provisionTopics?: boolean;
  subscribe?: SubscribeOptions;
  /** Follow up submitted jobs every `intervalMs`; off when absent. */
  reconcile?: Pick<ReconcileOptions, 'batch' | 'retryAfterMs' | 'notFoundGraceMs'> & { intervalMs: number };
}

export class InvestigatorService {
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<unknown> = Promise.resolve();
  private crashed = false;
  private stopped = false;

  constructor(private readonly options: InvestigatorServiceOptions) {}

  /** Topics consumed. */
  get topics(): string[] {
    return this.options.messageTypes.map((t) => this.options.bus.topicOf(t));
  }

  async start(): Promise<void> {
    const { bus, deps } = this.options;
    if (this.options.provisionTopics ?? true) await bus.provision(this.topics);
    const hooks = deps.metrics.instrumentation();
    const user = this.options.subscribe?.instrumentation;
    this.subscription = await bus.subscribe(this.options.group, this.topics, createDispatcher(deps), {
      ...this.options.subscribe,
      instrumentation: {
        ...hooks,
        crashed: (event) => {
          hooks.crashed?.(event);
          user?.crashed?.(event);
          if (!event.restart) this.crashed = true;
        },
        ...(user === undefined
          ? {}
          : {
              processed: (e) => (hooks.processed?.(e), user.processed?.(e)),
              failed: (e) => (hooks.failed?.(e), user.failed?.(e)),
              deadLettered: (e) => (hooks.deadLettered?.(e), user.deadLettered?.(e)),
              inFlight: (e) => (hooks.inFlight?.(e), user.inFlight?.(e)),
              lag: (e) => (hooks.lag?.(e), user.lag?.(e)),
              rebalanced: (e) => (hooks.rebalanced?.(e), user.rebalanced?.(e)),
            }),
      },
    });
    const reconcile = this.options.reconcile;
    if (reconcile !== undefined) {
      this.timer = setInterval(() => {
        // One pass at a time; a slow engine delays the next pass instead of piling them up.
        this.reconciling = this.reconciling.then(() => this.reconcileOnce().catch(() => undefined));
      }, reconcile.intervalMs);
    }
  }

  /** One follow-up pass over submitted jobs (also called by tests and the bench). */
  async reconcileOnce(): Promise<void> {
    const { deps } = this.options;
    const settings = this.options.reconcile ?? { batch: 500, retryAfterMs: 60_000, notFoundGraceMs: 300_000 };
    try {
      await reconcileJobs({
        graph: deps.graph,
        engine: deps.engine,
        metrics: deps.metrics,
        logger: deps.logger,
        now: deps.now,
        batch: settings.batch,
        retryAfterMs: settings.retryAfterMs,
        notFoundGraceMs: settings.notFoundGraceMs,
      });
    } catch (error) {
      deps.logger.warn({ err: error }, 'reconcile pass failed');
      throw error;
    }
  }

  /** Alive unless the consumer crashed without restarting. */
  isLive(): boolean {
    return !this.crashed;
  }

  /** Ready once subscribed, while not stopping and while the graph answers. */
  async isReady(): Promise<boolean> {
    if (this.subscription === undefined || this.stopped || this.crashed) return false;
    await this.options.deps.graph.query('SELECT 1');
    return true;
  }

  /** Graceful stop: no new records, in-flight ones finish and are committed, then leave the group. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.subscription?.stop();
    await this.reconciling;
  }

  /** Crash-like stop (tests): leave without committing what is in hand. */
  async abort(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.subscription?.abort();
    await this.reconciling;
  }
}
