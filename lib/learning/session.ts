// The embedded pipeline as `thoth advise` learns through it: an in-process bus, the investigator
// (UnresolvedPackage, SolvedPackage), the local engine running workflows/thoth-solve.yaml with the
// steps in process, the graph the command opened. One round: record the adviser run in the graph,
// announce what it lacked as UnresolvedPackage, and wait for its AdviserReRun (or for the pipeline to
// run out of work, when something cannot be learned).
import { randomUUID } from 'node:crypto';
import type { UnresolvedEntry } from '../adviser/index.js';
import type { AdviserDocumentV2 } from '../contracts/index.js';
import { syncDocument } from '../graph/index.js';
import type { GraphStore } from '../graph/index.js';
import type { PackageIndex } from '../index/index.js';
import type { VersionSource } from '../investigator/index.js';
import { pickVersions } from '../investigator/index.js';
import type { Logger } from '../log/index.js';
import { EmbeddedMessageBus, contractCodec } from '../messaging/index.js';
import type { MessageEnvelope } from '../contracts/index.js';
import { localSolverImage, Pipeline } from '../runtime/index.js';
import type { FinishedWorkflow, RuntimeConfig } from '../runtime/index.js';
import { groupReleases } from '../solver/index.js';
import type { StepRegistry } from '../workflows/index.js';
import type { LearningTarget } from './environment.js';
import { unresolvedPackageEnvelopes } from './messages.js';

/** Why an unresolved package could not be learned. */
export type NotLearnable =
  | { kind: 'not-found'; name: string; indexUrls: readonly string[] }
  | { kind: 'no-matching-version'; name: string; specifier: string; indexUrl: string }
  | { kind: 'solve-failed'; name: string; workflows: string[] };

/** What the loop needs from a pipeline (lib/learning/loop.ts). */
export interface LearningSession {
  /** Record `document` (an adviser run that lacked `unresolved`), announce it, wait for its re-run. */
  learn(document: AdviserDocumentV2, unresolved: readonly UnresolvedEntry[]): Promise<{ reRun: boolean }>;
  /** True when nothing the session started is still being handled. */
  isIdle(): boolean;
  /** Wait until nothing the session started is still being handled. */
  settle(): Promise<void>;
  /** thoth-solve workflows this session ran. */
  solveWorkflows(): readonly FinishedWorkflow[];
  /** Why `entry` is still missing, when the index can tell. */
  explain(entry: UnresolvedEntry): Promise<NotLearnable | undefined>;
  close(): Promise<void>;
}

export interface LearningSessionOptions {
  runtime: RuntimeConfig;
  graph: GraphStore;
  /** Run records (`$THOTH_HOME/workflows`). */
  stateDir: string;
  target: LearningTarget;
  index: PackageIndex;
  indexUrl: string;
  /**
   * The steps, given the publish function of the pipeline's bus: an emit step must publish there
   * (a second embedded bus would not be seen by the investigator of this process).
   */
  steps: (publish: (envelopes: readonly MessageEnvelope[]) => Promise<void>) => StepRegistry;
  /** Newest matching versions solved per package without a pin (default 6). */
  maxVersionsPerPackage?: number;
  /** thoth-solve workflows running at once (the `solve` semaphore; default 4). */
  solveConcurrency?: number;
  analyzerVersion: string;
  logger?: Logger;
  onWorkflowFinished?: (workflow: FinishedWorkflow) => void;
}

/** Versions with at least one file that is not yanked (PEP 592: yanked ones are for `==` pins only). */
function indexVersions(index: PackageIndex): VersionSource {
  return {
    async listVersions(name) {
      const page = await index.getProject(name);
      if (page.kind === 'not-found') return [];
      return [...groupReleases(page).values()]
        .filter((r) => r.files.some((f) => !f.yanked))
        .map((r) => r.version);
    },
  };
}

export async function openLearningSession(options: LearningSessionOptions): Promise<LearningSession> {
  const { runtime, target } = options;
  const deployment = runtime.layout.deployment;
  const identity = target.target.environment.identity;
  const bus = await EmbeddedMessageBus.open({ deployment, codec: contractCodec });
  const producer = { component: 'thoth-advise', version: options.analyzerVersion };
  // The emit step publishes through the pipeline, which needs the steps to open: bind it late.
  const late: { pipeline?: Pipeline } = {};
  const steps = options.steps((envelopes) => late.pipeline!.publish(envelopes));
  const solve = steps.get('solve');
  const registry = new Map(steps);
  if (solve !== undefined)
    registry.set('solve', localSolverImage(solve, new Map([[identity.python_version, target.spec]])));
  const reRuns = new Set<string>();
  const waiters = new Set<() => void>();
  const opened = await Pipeline.open({
    runtime,
    graph: options.graph,
    bus,
    registry,
    stateDir: options.stateDir,
    runTemplates: ['thoth-solve'],
    semaphoreLimits: { 'thoth-workflow-semaphores/solve': options.solveConcurrency ?? 4 },
    messageTypes: ['UnresolvedPackage', 'SolvedPackage'],
    group: `${deployment}.advise-investigator`,
    policy: {
      environments: [identity],
      limits: {},
      backPressurePollMs: 100,
      maxJobAttempts: 3,
      maxVersionsPerPackage: options.maxVersionsPerPackage ?? 6,
      extraIndexUrls: [options.indexUrl.replace(/\/+$/, '')],
      artifactPrefix: [runtime.layout.prefix, deployment].filter((p) => p !== '').join('/'),
    },
    versions: indexVersions(options.index),
    // The index answered or the graph failed: no point in retrying a local record for long.
    deadLetterAttempts: 3,
    producer,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.onWorkflowFinished === undefined ? {} : { onWorkflowFinished: options.onWorkflowFinished }),
  });
  late.pipeline = opened;
  // Jobs of earlier runs whose workflows finished are recorded first, so a failed solve can be retried.
  await opened.investigator.reconcileOnce().catch(() => undefined);
  await opened.subscribe(`${deployment}.advise`, ['AdviserReRun'], async (envelope) => {
    const payload = envelope.payload as { original_document_id: string };
    reRuns.add(payload.original_document_id);
    for (const wake of waiters) wake();
  });
  await opened.start();

  return {
    async learn(document, unresolved) {
      const documentId = document.metadata.document_id;
      await syncDocument(options.graph, 'adviser', document);
      const reRun = new Promise<boolean>((resolve) => {
        const wake = (): void => {
          if (!reRuns.has(documentId)) return;
          waiters.delete(wake);
          resolve(true);
        };
        waiters.add(wake);
        wake();
      });
      await opened.publish(
        unresolvedPackageEnvelopes(unresolved, {
          indexUrl: options.indexUrl,
          environment: identity,
          documentId,
          correlationId: randomUUID(),
          producer,
          now: new Date(),
        }),
      );
      // Whichever comes first; the other wait is called off so no poll outlives the round.
      const stop = new AbortController();
      const settled = opened.settle({ signal: stop.signal }).then(
        () => reRuns.has(documentId),
        () => false,
      );
      try {
        return { reRun: await Promise.race([reRun, settled]) };
      } finally {
        stop.abort();
        waiters.clear();
      }
    },
    isIdle: () => opened.activity.isIdle(),
    settle: () => opened.settle(),
    solveWorkflows: () => opened.engine.finished.filter((w) => w.template === 'thoth-solve'),
    async explain(entry) {
      const page = await options.index.getProject(entry.name);
      if (page.kind === 'not-found')
        return { kind: 'not-found', name: entry.name, indexUrls: page.indexUrls };
      const listed = await indexVersions(options.index).listVersions(entry.name, page.indexUrl);
      const pinned = entry.specifier.startsWith('==') && !entry.specifier.includes('*');
      const matching = pinned ? [entry.specifier.slice(2)] : pickVersions(listed, entry.specifier, 1);
      if (matching.length === 0 || (pinned && !page.files.length))
        return {
          kind: 'no-matching-version',
          name: entry.name,
          specifier: entry.specifier,
          indexUrl: page.indexUrl,
        };
      const failed = opened.engine.finished.filter(
        (w) =>
          w.template === 'thoth-solve' &&
          w.phase !== 'Succeeded' &&
          w.parameters['package_name'] === entry.name,
      );
      return failed.length === 0
        ? undefined
        : { kind: 'solve-failed', name: entry.name, workflows: failed.map((w) => w.name) };
    },
    async close() {
      await opened.stop();
      await opened.investigator.reconcileOnce().catch(() => undefined);
      await bus.close();
    },
  };
}
