// Dependency Monkey (reference §5 and thoth-pipeline §10): generate up to `count` distinct, valid,
// fully pinned stacks for one set of requirements, to build and test them later (inspections).
// The same machinery as advise() — catalog with the pipeline's sieves, the complete resolver as a
// feasibility check on every expansion, steps, strides, wraps — driven by the decision type:
// `all` enumerates stacks systematically in a stable order, `random` samples them with a seeded
// predictor (RandomWalk by default, as in the original). The same seed gives the same stacks, and
// when fewer than `count` stacks exist the run says so and why it stopped.
import type {
  AdviserProduct,
  DependencyMonkeyParameters,
  ErrorInfo,
  Justification,
} from '../../contracts/index.js';
import { InputError } from '../../errors/index.js';
import { PREDICTORS } from '../predictors/index.js';
import type { PredictorRun } from '../predictors/index.js';
import { toProduct } from '../product.js';
import { seededRandom } from '../random.js';
import { missingKnowledgeMessage, renderProse, unsolvedLeaves } from '../report/index.js';
import { activeRequirements, createCatalog, resolve } from '../resolver/index.js';
import type { Catalog } from '../resolver/index.js';
import { Expander, explore } from '../search.js';
import type {
  AdviserEnvironment,
  Clock,
  KnowledgeSource,
  PrereleasePolicy,
  RootRequirement,
} from '../types.js';
import { buildPipeline, EagerStopPipeline, NotAcceptable, sieveFilter } from '../units/index.js';
import type { ExplicitUnit, UnitContext } from '../units/index.js';
import { createEnumeration, ENUMERATION_PREDICTOR } from './enumeration.js';

export type DecisionType = 'all' | 'random';

/** The predictor each decision type uses unless the request names one. */
export const DEFAULT_PREDICTORS: Readonly<Record<DecisionType, string>> = {
  all: ENUMERATION_PREDICTOR,
  random: 'random-walk',
};

export interface DependencyMonkeyInput {
  knowledge: KnowledgeSource;
  environment: AdviserEnvironment;
  requirements: readonly RootRequirement[];
  constraints?: readonly RootRequirement[];
  /** Stacks wanted (the original forced limit = count). */
  count: number;
  decisionType: DecisionType;
  seed?: number;
  /** Only the newest N usable versions of each package are considered. */
  limitLatestVersions?: number;
  /** A predictor id from lib/adviser/predictors (only with decision type `random`). */
  predictor?: string;
  predictorConfiguration?: Record<string, unknown>;
  labels?: Record<string, string>;
  prereleases?: PrereleasePolicy;
  pipeline?: readonly ExplicitUnit[];
  /** Iteration cap of the search (default: 100 per stack wanted, at least 10,000). */
  maxIterations?: number;
  timeoutSeconds?: number;
  clock?: Clock;
}

/** Why a run produced fewer stacks than asked (null when it produced them all). */
export interface DependencyMonkeyStop {
  code: 'search-space-exhausted' | 'iteration-limit' | 'time-limit' | 'eager-stop';
  message: string;
}

export interface DependencyMonkeyOutcome {
  parameters: Omit<DependencyMonkeyParameters, 'dry_run'>;
  /** The stacks in the order generated. */
  products: AdviserProduct[];
  stackInfo: Justification[];
  stopped: DependencyMonkeyStop | null;
  /** Why the run failed or fell short: unsatisfiable, knowledge missing, or fewer than `count` stacks. */
  error: ErrorInfo | null;
  /** The failure as prose ("Because …"), when the requirements cannot be satisfied. */
  explanation: string | null;
  /** Packages or releases the knowledge graph lacks (emit UnresolvedPackage for them). */
  unresolved: Array<{ name: string; specifier: string; index_url: string | null }>;
  /** Search iterations used. */
  iterations: number;
}

function predictorFor(input: DependencyMonkeyInput): { id: string; run: PredictorRun } {
  const id = input.predictor ?? DEFAULT_PREDICTORS[input.decisionType];
  if (id === ENUMERATION_PREDICTOR) return { id, run: createEnumeration() };
  if (input.decisionType === 'all')
    throw new InputError(
      `decision type "all" enumerates stacks itself; predictor "${id}" applies to "random" only`,
      {
        context: { predictor: id },
      },
    );
  const predictor = PREDICTORS.get(id);
  if (predictor === undefined)
    throw new InputError(
      `unknown predictor ${JSON.stringify(id)}; known: ${[ENUMERATION_PREDICTOR, ...PREDICTORS.keys()].join(', ')}`,
      { context: { predictor: id } },
    );
  return { id, run: predictor.create(input.predictorConfiguration) };
}

export async function dependencyMonkey(input: DependencyMonkeyInput): Promise<DependencyMonkeyOutcome> {
  if (!Number.isInteger(input.count) || input.count < 1)
    throw new InputError(`count ${input.count} must be an integer ≥ 1`, { context: { count: input.count } });
  const seed = input.seed ?? 42;
  const predictor = predictorFor(input);
  const parameters = {
    seed,
    decision_type: input.decisionType,
    count: input.count,
    limit_latest_versions: input.limitLatestVersions ?? null,
    predictor: predictor.id,
  };
  const requirements = activeRequirements(input.requirements, input.environment);
  const constraints = activeRequirements(input.constraints ?? [], input.environment);
  const stackInfo: Justification[] = [];
  const builder = {
    // Units choose by recommendation type; Dependency Monkey scores nothing against a user's stack,
    // so the units of the plainest type apply (the original gated prescriptions on decision_types).
    recommendationType: 'latest' as const,
    environment: input.environment,
    requirements,
    constraints,
    labels: input.labels ?? {},
  };
  const pipeline = buildPipeline(builder, input.pipeline === undefined ? {} : { explicit: input.pipeline });
  const holder: { catalog?: Catalog } = {};
  const context: UnitContext = {
    ...builder,
    stackInfo,
    latestVersions: (name) =>
      holder.catalog === undefined
        ? []
        : holder.catalog
            .get(name)
            .candidates.filter((c) => c.unavailable === null)
            .map((c) => c.version)
            .reverse(),
  };
  const outcome = (extra: Partial<DependencyMonkeyOutcome>): DependencyMonkeyOutcome => ({
    parameters,
    products: [],
    stackInfo,
    stopped: null,
    error: null,
    explanation: null,
    unresolved: [],
    iterations: 0,
    ...extra,
  });
  try {
    for (const boot of pipeline.boots) {
      if (boot.packageName !== undefined && !requirements.some((r) => r.name === boot.packageName)) continue;
      boot.run(context);
    }
  } catch (error) {
    if (error instanceof NotAcceptable)
      return outcome({ error: { code: 'not-acceptable', message: error.message } });
    if (!(error instanceof EagerStopPipeline)) throw error;
  }

  const unitNames = new Set(pipeline.sieves.map((s) => s.name));
  const catalog = createCatalog(
    input.knowledge,
    input.environment,
    requirements,
    sieveFilter(pipeline, context),
    {
      yanked: !unitNames.has('YankedSieve'),
      solved: !unitNames.has('SolvedSieve'),
    },
  );
  holder.catalog = catalog;
  const prereleases = input.prereleases ?? 'if-necessary-in-range-or-explicit';
  const resolveOptions = { constraints: unitNames.has('ConstraintsSieve') ? [] : constraints, prereleases };
  // The complete resolver first: it proves unsatisfiability (with a derivation) and finds the gaps
  // in knowledge, which no amount of sampling would explain.
  const baseline = await resolve(catalog, requirements, resolveOptions);
  const unresolved = baseline.gaps.map((g) => ({
    name: g.name,
    specifier: g.version === null ? '' : `==${g.version}`,
    index_url: g.indexUrl,
  }));
  if (baseline.kind === 'unsatisfiable') {
    const explanation = renderProse(baseline.failure, { pythonVersion: input.environment.pythonVersion });
    const missing = unsolvedLeaves(baseline.failure);
    return outcome({
      error:
        missing.length > 0
          ? {
              code: 'unresolved-dependencies',
              message: missingKnowledgeMessage(missing),
            }
          : {
              code: 'unsatisfiable',
              message: explanation.split('\n').at(-1) ?? 'No stack satisfies the requirements.',
            },
      explanation,
      unresolved: [
        ...missing.map((m) => ({ name: m.name, specifier: m.specifier, index_url: null })),
        ...unresolved.filter((u) => !missing.some((m) => m.name === u.name)),
      ],
    });
  }

  const expander = new Expander({
    catalog,
    requirements,
    pipeline,
    context,
    prereleases,
    resolveOptions,
    limitLatestVersions: input.limitLatestVersions,
  });
  const initial = await expander.initial();
  const maxIterations = input.maxIterations ?? Math.max(10_000, input.count * 100);
  const clock = input.clock ?? (() => 0);
  const result =
    initial === undefined
      ? { finals: [], stoppedEarly: null }
      : await explore(expander, initial, predictor.run, {
          limit: input.count,
          beamWidth: Infinity,
          maxIterations,
          clock,
          deadline: input.timeoutSeconds === undefined ? Infinity : clock() + input.timeoutSeconds * 1000,
          rng: seededRandom(seed),
        });
  const products = result.finals.map((state) => {
    for (const wrap of pipeline.wraps) {
      if (wrap.packageName !== undefined && !state.resolved.has(wrap.packageName)) continue;
      wrap.run(state, context);
    }
    return toProduct(state, catalog);
  });
  const iterations = expander.statistics.iterations;
  let stopped: DependencyMonkeyStop | null = null;
  if (products.length < input.count) {
    const found = `${products.length} of the ${input.count} stacks asked for`;
    stopped =
      result.stoppedEarly === 'iterations'
        ? {
            code: 'iteration-limit',
            message: `The search stopped after ${iterations} iterations with ${found}.`,
          }
        : result.stoppedEarly === 'timeout'
          ? { code: 'time-limit', message: `The time budget ran out with ${found}.` }
          : result.stoppedEarly === 'eager-stop'
            ? { code: 'eager-stop', message: `A pipeline unit stopped the search with ${found}.` }
            : {
                code: 'search-space-exhausted',
                message: `Only ${products.length} distinct valid stack${products.length === 1 ? '' : 's'} exist${
                  products.length === 1 ? 's' : ''
                } for these requirements in this environment; ${input.count} were asked for.`,
              };
    stackInfo.push({ type: 'warning', message: stopped.message, link: null });
  }
  return outcome({
    products,
    stopped,
    error: stopped === null ? null : { code: 'fewer-stacks-than-requested', message: stopped.message },
    unresolved,
    iterations,
  });
}
