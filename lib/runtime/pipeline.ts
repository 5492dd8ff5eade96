// The Thoth pipeline on one machine, composed in one place: the bus the caller opened (the embedded
// bus, or Kafka), the investigator consuming it, the local workflow engine running workflows/*.yaml
// with the steps the caller registers (in process), the artifact store and the graph. `thoth advise`
// composes it to learn (UnresolvedPackage → investigator → thoth-solve → SolvedPackage →
// AdviserReRun) and `thoth up` to serve. The pipeline tracks its own activity so callers can wait
// until everything it started has been handled.
import { randomUUID } from 'node:crypto';
import { assetPath } from '../assets/index.js';
import type { MessageEnvelope } from '../contracts/index.js';
import type { GraphStore } from '../graph/index.js';
import { InvestigatorMetrics, InvestigatorService } from '../investigator/index.js';
import type { InvestigatorPolicy, VersionSource } from '../investigator/index.js';
import type { Logger } from '../log/index.js';
import { silentLogger } from '../log/index.js';
import type { MessageBus, MessageHandler, Subscription } from '../messaging/index.js';
import type { ArtifactStore } from '../storage/index.js';
import { createArtifactStore } from '../storage/index.js';
import { LocalWorkflowEngine } from '../workflows/index.js';
import type { StepRegistry } from '../workflows/index.js';
import { PipelineActivity } from './activity.js';
import type { RuntimeConfig } from './config.js';
import { TrackedWorkflowEngine } from './tracked-engine.js';
import type { FinishedWorkflow } from './tracked-engine.js';

export interface PipelineOptions {
  runtime: RuntimeConfig;
  /** The open (and migrated) graph; the caller closes it. */
  graph: GraphStore;
  /** The open bus; the caller closes it after `stop`. */
  bus: MessageBus;
  /** Steps the local engine runs in process for `thoth-step <name>` containers. */
  registry: StepRegistry;
  /** Where run records go (`$THOTH_HOME/workflows`, as `thoth workflows` reads them). */
  stateDir: string;
  /** The workflows/ directory; default the one shipped with Thoth. */
  workflowsDir?: string;
  /** Templates run locally; other submissions are deferred (tracked-engine.ts). Default: all. */
  runTemplates?: readonly string[];
  /** Semaphore limits by `<configmap>/<key>`; the chart's ConfigMap is not there locally. */
  semaphoreLimits?: Record<string, number>;
  defaultSemaphoreLimit?: number;
  /** Messages the investigator consumes, and its consumer group. */
  messageTypes: readonly string[];
  group: string;
  policy: InvestigatorPolicy;
  versions?: VersionSource;
  /** Handler attempts before a record goes to the dead letters (default 5). */
  deadLetterAttempts?: number;
  /** Follow up submitted jobs this often; off when absent. */
  reconcileIntervalMs?: number;
  producer: { component: string; version: string };
  logger?: Logger;
  onWorkflowFinished?: (workflow: FinishedWorkflow) => void;
}

export class Pipeline {
  readonly activity = new PipelineActivity();
  readonly engine: TrackedWorkflowEngine;
  readonly investigator: InvestigatorService;
  readonly metrics = new InvestigatorMetrics();
  private readonly subscriptions: Subscription[] = [];

  private constructor(
    private readonly options: PipelineOptions,
    readonly store: ArtifactStore,
    local: LocalWorkflowEngine,
  ) {
    const logger = options.logger ?? silentLogger;
    this.engine = new TrackedWorkflowEngine(local, {
      activity: this.activity,
      logger,
      ...(options.runTemplates === undefined ? {} : { runTemplates: options.runTemplates }),
      ...(options.onWorkflowFinished === undefined ? {} : { onFinished: options.onWorkflowFinished }),
    });
    this.investigator = new InvestigatorService({
      bus: options.bus,
      group: options.group,
      messageTypes: options.messageTypes,
      subscribe: {
        retry: { attempts: options.deadLetterAttempts ?? 5 },
        instrumentation: this.activity.hooks,
      },
      ...(options.reconcileIntervalMs === undefined
        ? {}
        : {
            reconcile: {
              intervalMs: options.reconcileIntervalMs,
              batch: 500,
              retryAfterMs: 10 * 60_000,
              notFoundGraceMs: 10 * 60_000,
            },
          }),
      deps: {
        graph: options.graph,
        engine: this.engine,
        publish: (envelopes) => this.publish(envelopes),
        policy: options.policy,
        ...(options.versions === undefined ? {} : { versions: options.versions }),
        artifacts: { store, layout: options.runtime.layout },
        metrics: this.metrics,
        logger: logger.child({ component: 'investigator' }),
        producer: options.producer,
        now: () => new Date(),
        newId: randomUUID,
      },
    });
  }

  /** Load the workflows (refusing unsupported features) and open the artifact store. */
  static async open(options: PipelineOptions): Promise<Pipeline> {
    const store = createArtifactStore(options.runtime.artifacts);
    const local = await LocalWorkflowEngine.fromDirectory(options.workflowsDir ?? assetPath('workflows'), {
      stateDir: options.stateDir,
      store,
      registry: options.registry,
      ...(options.semaphoreLimits === undefined ? {} : { semaphoreLimits: options.semaphoreLimits }),
      ...(options.defaultSemaphoreLimit === undefined
        ? {}
        : { defaultSemaphoreLimit: options.defaultSemaphoreLimit }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    return new Pipeline(options, store, local);
  }

  get bus(): MessageBus {
    return this.options.bus;
  }

  get graph(): GraphStore {
    return this.options.graph;
  }

  /** Start consuming (the investigator provisions its topics and joins its group). */
  async start(): Promise<void> {
    this.activity.consuming(this.investigator.topics);
    await this.investigator.start();
  }

  /** Publish envelopes, counting them as work until our subscriptions have handled them. */
  async publish(envelopes: readonly MessageEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const bus = this.options.bus;
    const byTopic = new Map<string, number>();
    for (const e of envelopes) byTopic.set(bus.topicOf(e.type), (byTopic.get(bus.topicOf(e.type)) ?? 0) + 1);
    for (const [topic, count] of byTopic) this.activity.published(topic, count);
    await bus.publish(envelopes);
  }

  /** Another consumer of this process (e.g. `thoth advise` waiting for its AdviserReRun). */
  async subscribe(group: string, types: readonly string[], handler: MessageHandler): Promise<void> {
    const topics = types.map((t) => this.options.bus.topicOf(t));
    await this.options.bus.provision(topics);
    this.activity.consuming(topics);
    this.subscriptions.push(
      await this.options.bus.subscribe(group, topics, handler, { instrumentation: this.activity.hooks }),
    );
  }

  /** Resolve once everything this pipeline started is handled and it has been quiet for `quietMs`. */
  settle(options: { quietMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    return this.activity.settle(options);
  }

  /**
   * Graceful stop: no new records; in-flight ones finish and are committed; running workflows finish
   * (their run records and graph writes complete); then the artifact store is released.
   */
  async stop(): Promise<void> {
    await this.investigator.stop();
    for (const subscription of this.subscriptions) await subscription.stop();
    await this.engine.close();
    await this.store.close();
  }
}
