// The local learning loop of `thoth advise`: advise from the graph; when knowledge is missing
// (outcome.unresolved), solve what is missing and sync it into the graph, then advise again, for at
// most `maxRounds` rounds. This is the design's UnresolvedPackage → investigator → thoth-solve
// (solve + graph-sync) → re-advise cycle run in process on the graph the caller opened: PGlite
// allows one opener, so solve and sync share it instead of running as separate step processes.
import { performance } from 'node:perf_hooks';
import { advise, GraphKnowledgeSource } from '../adviser/index.js';
import type { AdviseInput, AdviseOutcome, RootRequirement, UnresolvedEntry } from '../adviser/index.js';
import type { RecommendationType } from '../contracts/index.js';
import type { GraphStore } from '../graph/index.js';
import type { PackageIndex } from '../index/index.js';
import type { DocumentStore } from '../storage/index.js';
import type { LearningTarget } from './environment.js';
import { recordSolved, solveMissing } from './learn-package.js';
import type { LearnOutcome } from './learn-package.js';

export interface LearningProgress {
  round: number;
  /** Packages solved so far in this run. */
  packagesLearned: number;
  releasesSolved: number;
  /** Releases solved per second of solver time so far. */
  releasesPerSecond: number;
  /** Resolver iterations of the last advise. */
  resolverIterations: number;
  /** Packages being solved in this round. */
  pending: number;
}

export interface LearningInput {
  graph: GraphStore;
  /** Where solver documents are kept (the artifact store); optional. */
  documents?: DocumentStore;
  target: LearningTarget;
  requirements: readonly RootRequirement[];
  constraints?: readonly RootRequirement[];
  recommendationType: RecommendationType;
  seed?: number;
  limits?: AdviseInput['limits'];
  /** The index missing packages are learned from; undefined when learning is off. */
  index?: PackageIndex;
  learn: boolean;
  maxRounds: number;
  /** Newest matching versions solved per missing package (default 6). */
  maxVersionsPerPackage?: number;
  analyzerVersion: string;
  deployment: string;
  concurrency?: number;
  onProgress?: (progress: LearningProgress) => void;
}

export interface LearningResult {
  outcome: AdviseOutcome;
  rounds: number;
  /** Solver runs done (0 when the graph answered alone). */
  solverRuns: number;
  releasesSolved: number;
  /** Packages the index does not have, or has no version matching what was asked. */
  notLearnable: Exclude<LearnOutcome, { kind: 'solved' }>[];
  /** Why the loop stopped without a stack, when it did. */
  stopped: 'answered' | 'learning-off' | 'max-rounds' | 'nothing-left-to-learn';
}

function entryKey(entry: UnresolvedEntry): string {
  return `${entry.name}\u0000${entry.specifier}`;
}

export async function adviseWithLearning(input: LearningInput): Promise<LearningResult> {
  const attempted = new Set<string>();
  const notLearnable: LearningResult['notLearnable'] = [];
  let solverRuns = 0;
  let releasesSolved = 0;
  let solverSeconds = 0;
  const learnedPackages = new Set<string>();
  const roots = input.requirements.map((r) => r.name);
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
      clock: () => performance.now(),
    });
    const done = (stopped: LearningResult['stopped']): LearningResult => ({
      outcome,
      rounds: round + 1,
      solverRuns,
      releasesSolved,
      notLearnable,
      stopped,
    });
    if (outcome.unresolved.length === 0) return done('answered');
    if (!input.learn || input.index === undefined) return done('learning-off');
    if (round >= input.maxRounds) return done('max-rounds');
    const todo = outcome.unresolved.filter((u) => !attempted.has(entryKey(u)));
    if (todo.length === 0) return done('nothing-left-to-learn');
    input.onProgress?.({
      round: round + 1,
      packagesLearned: learnedPackages.size,
      releasesSolved,
      releasesPerSecond: solverSeconds > 0 ? releasesSolved / solverSeconds : 0,
      resolverIterations: outcome.statistics.iterations,
      pending: todo.length,
    });
    for (const entry of todo) attempted.add(entryKey(entry));
    const started = performance.now();
    // Solves read the index concurrently; syncs are sequential (one graph connection).
    const outcomes = await Promise.all(
      todo.map((entry) =>
        solveMissing(
          { name: entry.name, specifier: entry.specifier, maxVersions: input.maxVersionsPerPackage ?? 6 },
          {
            index: input.index!,
            target: input.target,
            analyzerVersion: input.analyzerVersion,
            deployment: input.deployment,
            ...(input.concurrency === undefined ? {} : { concurrency: input.concurrency }),
          },
        ),
      ),
    );
    solverSeconds += (performance.now() - started) / 1000;
    for (const learned of outcomes) {
      if (learned.kind !== 'solved') {
        notLearnable.push(learned);
        continue;
      }
      solverRuns++;
      releasesSolved += learned.solved;
      learnedPackages.add(learned.name);
      await recordSolved(input.graph, input.documents, learned.document);
    }
    input.onProgress?.({
      round: round + 1,
      packagesLearned: learnedPackages.size,
      releasesSolved,
      releasesPerSecond: solverSeconds > 0 ? releasesSolved / solverSeconds : 0,
      resolverIterations: outcome.statistics.iterations,
      pending: 0,
    });
  }
}
