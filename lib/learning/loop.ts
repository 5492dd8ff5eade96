// The local learning loop of `thoth advise`: advise from the graph; when knowledge is missing
// (outcome.unresolved), hand the run to the pipeline (UnresolvedPackage → investigator → thoth-solve
// workflows → graph-sync → SolvedPackage → AdviserReRun, lib/learning/session.ts) and advise again
// when the re-run is announced, until a stack, a clear failure, or `maxRounds`. The session is opened
// only when the graph lacks something, so a warm run never loads the engine or the bus.
import { performance } from 'node:perf_hooks';
// Modules, not the lib/adviser barrel: that one also loads provenance (the index client, undici).
import { advise } from '../adviser/advise.js';
import { GraphKnowledgeSource } from '../adviser/knowledge/index.js';
import type { AdviseInput, AdviseOutcome, RootRequirement, UnresolvedEntry } from '../adviser/index.js';
import type { RecommendationType } from '../contracts/index.js';
import type { SqlExecutor } from '../graph/index.js';
import { adviserDocument, adviserDocumentId } from './document.js';
import type { LearningTarget } from './environment.js';
import type { LearningSession, NotLearnable } from './session.js';

export interface LearningProgress {
  round: number;
  /** Packages with at least one release solved so far in this run. */
  packagesLearned: number;
  /** thoth-solve workflows that succeeded so far (one release each). */
  releasesSolved: number;
  /** Releases solved per second of learning so far. */
  releasesPerSecond: number;
  /** Resolver iterations of the last advise. */
  resolverIterations: number;
  /** Packages announced in this round. */
  pending: number;
}

export interface LearningInput {
  /** Reads of the knowledge graph (lib/runtime openAdviseGraph's reader on the CLI's warm path). */
  graph: SqlExecutor;
  target: LearningTarget;
  requirements: readonly RootRequirement[];
  constraints?: readonly RootRequirement[];
  recommendationType: RecommendationType;
  seed?: number;
  limits?: AdviseInput['limits'];
  /** Labels of the request (e.g. allow-cve=GHSA-…), matched by units and prescriptions. */
  labels?: AdviseInput['labels'];
  /** Loaded prescriptions whose units join the pipeline. */
  prescriptions?: AdviseInput['prescriptions'];
  /** The request's full runtime environment, for prescriptions' should_include. */
  runtimeEnvironment?: AdviseInput['runtimeEnvironment'];
  /** The user's current lock, scored as the baseline every round (its unknown pins are learned too). */
  baseline?: AdviseInput['baseline'];
  /** Learning is on when true and `session` is given. */
  learn: boolean;
  /** Opens the pipeline the first time the graph lacks something; `onActivity` repaints progress. */
  session?: (onActivity: () => void) => Promise<LearningSession>;
  maxRounds: number;
  analyzerVersion: string;
  deployment: string;
  onProgress?: (progress: LearningProgress) => void;
}

export interface LearningResult {
  outcome: AdviseOutcome;
  rounds: number;
  /** Packages learned (0 when the graph answered alone). */
  solverRuns: number;
  /** thoth-solve workflows that succeeded. */
  releasesSolved: number;
  /** thoth-solve workflows run, whatever their outcome. */
  solveWorkflows: number;
  /** Rounds started by an AdviserReRun announcement (the others by the pipeline running out of work). */
  reRuns: number;
  /** Packages the index does not have, has no matching version of, or whose solving failed. */
  notLearnable: NotLearnable[];
  /** Why the loop stopped. */
  stopped: 'answered' | 'learning-off' | 'max-rounds' | 'nothing-left-to-learn';
}

function entryKey(entry: UnresolvedEntry): string {
  return `${entry.name}\u0000${entry.specifier}`;
}

export async function adviseWithLearning(input: LearningInput): Promise<LearningResult> {
  const attempted = new Set<string>();
  const roots = input.requirements.map((r) => r.name);
  const startedAt = new Date();
  let session: LearningSession | undefined;
  let learningStarted = 0;
  let reRuns = 0;
  let current: { round: number; outcome: AdviseOutcome } | undefined;
  const progress = (round: number, outcome: AdviseOutcome, pending: number): LearningProgress => {
    const solved = session?.solveWorkflows() ?? [];
    const succeeded = solved.filter((w) => w.phase === 'Succeeded');
    const seconds = (performance.now() - learningStarted) / 1000;
    return {
      round,
      packagesLearned: new Set(succeeded.map((w) => w.parameters['package_name'])).size,
      releasesSolved: succeeded.length,
      releasesPerSecond: seconds > 0 ? succeeded.length / seconds : 0,
      resolverIterations: outcome.statistics.iterations,
      pending,
    };
  };
  try {
    for (let round = 0; ; round++) {
      const knowledge = new GraphKnowledgeSource(input.graph, input.target.key);
      await knowledge.warm(roots);
      const outcome = await advise({
        knowledge,
        environment: input.target.adviser,
        requirements: input.requirements,
        ...(input.constraints === undefined ? {} : { constraints: input.constraints }),
        recommendationType: input.recommendationType,
        ...(input.seed === undefined ? {} : { seed: input.seed }),
        ...(input.limits === undefined ? {} : { limits: input.limits }),
        ...(input.labels === undefined ? {} : { labels: input.labels }),
        ...(input.prescriptions === undefined ? {} : { prescriptions: input.prescriptions }),
        ...(input.runtimeEnvironment === undefined ? {} : { runtimeEnvironment: input.runtimeEnvironment }),
        ...(input.baseline === undefined ? {} : { baseline: input.baseline }),
        clock: () => performance.now(),
      });
      const done = async (stopped: LearningResult['stopped']): Promise<LearningResult> => {
        const notLearnable: NotLearnable[] = [];
        if (session !== undefined && stopped !== 'answered') {
          for (const entry of outcome.unresolved) {
            const reason = await session.explain(entry);
            if (reason !== undefined) notLearnable.push(reason);
          }
        }
        const last = progress(round + 1, outcome, 0);
        return {
          outcome,
          rounds: round + 1,
          solverRuns: last.packagesLearned,
          releasesSolved: last.releasesSolved,
          solveWorkflows: session?.solveWorkflows().length ?? 0,
          reRuns,
          notLearnable,
          stopped,
        };
      };
      if (outcome.unresolved.length === 0) return await done('answered');
      if (!input.learn || input.session === undefined) return await done('learning-off');
      if (round >= input.maxRounds) return await done('max-rounds');
      const todo = outcome.unresolved.filter((u) => !attempted.has(entryKey(u)));
      if (todo.length === 0) {
        // Everything missing was asked for already: wait for work still under way, else stop.
        if (session === undefined || session.isIdle()) return await done('nothing-left-to-learn');
        await session.settle();
        continue;
      }
      if (session === undefined) {
        learningStarted = performance.now();
        session = await input.session(() => {
          if (current !== undefined) input.onProgress?.(progress(current.round, current.outcome, 0));
        });
      }
      current = { round: round + 1, outcome };
      for (const entry of todo) attempted.add(entryKey(entry));
      input.onProgress?.(progress(round + 1, outcome, todo.length));
      // Each round is its own adviser run: a run is re-run once, so the id carries the round and
      // this invocation's start time.
      const args = {
        requirements: input.requirements,
        constraints: input.constraints ?? [],
        environment: input.target.key,
        recommendation_type: input.recommendationType,
        seed: input.seed ?? null,
      };
      const document = adviserDocument(outcome, {
        documentId: adviserDocumentId({ ...args, round, started: startedAt.toISOString() }),
        analyzerVersion: input.analyzerVersion,
        deployment: input.deployment,
        startedAt,
        durationSeconds: (performance.now() - learningStarted) / 1000,
        arguments: { ...args, round },
      });
      const { reRun } = await session.learn(document, todo);
      if (reRun) reRuns++;
      input.onProgress?.(progress(round + 1, outcome, 0));
    }
  } finally {
    await session?.close();
  }
}
