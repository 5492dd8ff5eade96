// The investigator's shared interfaces: what a message handler receives (the ports it may use and
// the scheduling policy) and what it is. Handlers are registered by (type, version) in handlers/index.ts.
import type { EnvironmentIdentity, Message, MessageEnvelope } from '../contracts/index.js';
import type { GraphStore, SqlExecutor } from '../graph/index.js';
import type { Logger } from '../log/index.js';
import type { ArtifactStore, KeyLayout } from '../storage/index.js';
import type { WorkflowEngine } from '../workflows/index.js';
import type { InvestigatorMetrics } from './metrics.js';

/** Kinds of work the investigator schedules: the job table's `kind` and the workflow-name prefix. */
export type JobKind =
  'solve' | 'security-indicator' | 'advise' | 'provenance-check' | 'dependency-monkey' | 'graph-sync';

/** Every job kind, in a fixed order (metrics, configuration). */
export const JOB_KINDS: readonly JobKind[] = [
  'solve',
  'security-indicator',
  'advise',
  'provenance-check',
  'dependency-monkey',
  'graph-sync',
];

/** Lists the versions an index publishes for a package (newest order not required). */
export interface VersionSource {
  /**
   * Every version of `name` on `indexUrl`; an empty list when the index does not know the package.
   * Throws a retriable HostError when the index is unavailable (never "no versions").
   */
  listVersions(name: string, indexUrl: string): Promise<string[]>;
}

/** The investigator's policy, from configuration (config.ts). */
export interface InvestigatorPolicy {
  /** Environments solvers run for; a release is solved once per environment. */
  environments: readonly EnvironmentIdentity[];
  /**
   * Most jobs of a kind that may be `submitted` (running or queued in the engine) at once. A missing
   * kind has no limit. Checked against the job table, never by listing workflows.
   */
  limits: Partial<Record<JobKind, number>>;
  /** How long a handler waits before looking at the job table again when a kind is at its limit. */
  backPressurePollMs: number;
  /** Attempts per job (the job table's max_attempts) for kinds that may be retried under a new name. */
  maxJobAttempts: number;
  /** UnresolvedPackage without a version: solve at most this many newest matching versions. */
  maxVersionsPerPackage: number;
  /** Indexes accepted besides those enabled in the graph (UnresolvedPackage). */
  extraIndexUrls: readonly string[];
  /** The `artifact_prefix` parameter of every workflow: `<prefix>/<deployment>` of the artifact store. */
  artifactPrefix: string;
}

/** The ports and settings every handler receives. */
export interface InvestigatorDeps {
  graph: GraphStore;
  engine: WorkflowEngine;
  /** Publishes messages the investigator emits itself (AdviserReRun). */
  publish: (envelopes: readonly MessageEnvelope[]) => Promise<void>;
  policy: InvestigatorPolicy;
  /** Lists versions for UnresolvedPackage messages without a version; absent: such messages are skipped. */
  versions?: VersionSource;
  /** Artifact store and layout, to copy an adviser request for its re-run; absent: re-runs are refused. */
  artifacts?: { store: ArtifactStore; layout: KeyLayout };
  metrics: InvestigatorMetrics;
  logger: Logger;
  /** The component and version written into emitted envelopes. */
  producer: { component: string; version: string };
  now: () => Date;
  /** New message ids (uuid v4); injected so tests can be repeatable. */
  newId: () => string;
}

/** What one handler invocation sees. */
export interface HandlerContext extends InvestigatorDeps {
  /** Logger bound to the message's correlation id and type. */
  log: Logger;
  /** Aborted when the subscription stops; a back-pressure wait gives up at once. */
  signal: AbortSignal;
  /** Keep the consumer's group membership alive during long waits. */
  heartbeat: () => Promise<void>;
}

/** A message handler for one (type, version). */
export interface MessageHandlerSpec<M extends Message = Message> {
  /** The message type, e.g. `SolvedPackage`. */
  type: M['type'];
  /** The schema version handled. */
  version: M['version'];
  /** One line for the README and logs. */
  description: string;
  /** Do what the message asks; idempotent under redelivery (see schedule.ts). */
  handle(message: M, context: HandlerContext): Promise<void>;
}

/** A message handler of any (type, version), as stored in the registry. */
export interface RegisteredHandler {
  type: string;
  version: number;
  description: string;
  handle(message: Message, context: HandlerContext): Promise<void>;
}

/** One workflow submission request, decided by a handler and carried out by schedule.ts. */
export interface ScheduleRequest {
  kind: JobKind;
  /** The job's idempotency key (unique per kind). */
  key: string;
  /** WorkflowTemplate name in workflows/. */
  template: string;
  parameters: Record<string, string>;
  /**
   * Fixed workflow name (a document id chosen by the requester, whose request is stored under it);
   * such jobs get one attempt. Default: `workflowName(kind, key)`, and `key#<attempt>` for retries.
   */
  name?: string;
  /** Labels put on the workflow. */
  labels?: Record<string, string>;
  /** Extra work in the deciding transaction, run only when the job is claimed (before the submit). */
  onClaim?: (tx: SqlExecutor, workflowName: string) => Promise<void>;
}
