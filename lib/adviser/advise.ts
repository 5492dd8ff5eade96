// One adviser run: boots, then the complete resolver for the baseline stack (the "latest" answer,
// or the derivation that proves no stack exists), then — for types other than latest — the MDP
// search exploring and scoring alternatives within limits, then wraps on the best products.
// Deterministic for a seed: randomness and time come in as parameters.
import type {
  AdviseBaseline,
  AdviseError,
  AdviseParameters,
  AdviserProductV2,
  Justification,
  RecommendationType,
  ResolverStatistics,
  RuntimeEnvironment,
} from '../contracts/index.js';
import { InputError } from '../errors/index.js';
import { attachBaseline, scoreBaseline } from './baseline.js';
import type { BaselineLock, ScoredBaseline } from './baseline.js';
import { PREDICTORS } from './predictors/index.js';
import {
  aliasKnowledge,
  aliasRequirements,
  knowledgeWarnings,
  pseudonymVariants,
} from './prescriptions/index.js';
import type {
  LoadedPrescriptions,
  PrescriptionRunContext,
  PrescriptionWarning,
} from './prescriptions/index.js';
import { toProduct } from './product.js';
import { seededRandom } from './random.js';
import { PROFILES } from './recommendation.js';
import { missingKnowledgeMessage, renderProse, toDerivation, unsolvedLeaves } from './report/index.js';
import { activeRequirements, createCatalog, resolve } from './resolver/index.js';
import type { Catalog, KnowledgeGap, ResolveOutcome } from './resolver/index.js';
import { Expander, explore } from './search.js';
import type { State } from './state.js';
import type {
  AdviserEnvironment,
  Clock,
  KnowledgeSource,
  PrereleasePolicy,
  RootRequirement,
} from './types.js';
import { buildPipeline, EagerStopPipeline, NotAcceptable, sieveFilter } from './units/index.js';
import type { ExplicitUnit } from './units/index.js';

export interface AdviseLimitsInput {
  count?: number;
  limit?: number;
  beamWidth?: number;
  limitLatestVersions?: number;
  timeoutSeconds?: number;
  /** Iteration cap of the search (default: 2 × limit × the baseline stack's size, at least 10,000). */
  maxIterations?: number;
}

export interface AdviseInput {
  knowledge: KnowledgeSource;
  environment: AdviserEnvironment;
  requirements: readonly RootRequirement[];
  constraints?: readonly RootRequirement[];
  recommendationType: RecommendationType;
  limits?: AdviseLimitsInput;
  seed?: number;
  /** Milliseconds; only differences are used (for the time budget). Defaults to a clock that never advances. */
  clock?: Clock;
  predictor?: string;
  predictorConfiguration?: Record<string, unknown>;
  labels?: Record<string, string>;
  prereleases?: PrereleasePolicy;
  /** An explicit pipeline instead of the units' shouldInclude. */
  pipeline?: readonly ExplicitUnit[];
  /**
   * Loaded prescriptions (`loadPrescriptions`): their units join the pipeline builder, their load
   * warnings and the ranges that match no known release go to stack_info.
   */
  prescriptions?: LoadedPrescriptions;
  /** The request's full runtime environment (OS, hardware, CUDA, base image) prescriptions may match. */
  runtimeEnvironment?: RuntimeEnvironment;
  /** The user's current lock (`readLock`), scored as a baseline the products are compared with (baseline.ts). */
  baseline?: BaselineLock;
}

export interface UnresolvedEntry {
  name: string;
  specifier: string;
  index_url: string | null;
}

export interface AdviseOutcome {
  parameters: AdviseParameters;
  /** Best first; `baseline_comparison` is null unless a baseline was given (attachBaseline). */
  products: AdviserProductV2[];
  stackInfo: Justification[];
  statistics: ResolverStatistics;
  error: AdviseError | null;
  /** The failure as prose ("Because …, we can conclude that …"), when unsatisfiable. */
  explanation: string | null;
  /** Releases or packages the knowledge graph lacks for this environment (emit UnresolvedPackage). */
  unresolved: UnresolvedEntry[];
  /** The user's lock scored, when AdviseInput.baseline was given. */
  baseline?: AdviseBaseline;
}

function gapEntries(gaps: readonly KnowledgeGap[]): UnresolvedEntry[] {
  return gaps.map((g) => ({
    name: g.name,
    specifier: g.version === null ? '' : `==${g.version}`,
    index_url: g.indexUrl,
  }));
}

/**
 * One warning per package the graph lacks knowledge of: no release known, or releases newer than the
 * one considered that are not solved here yet (listed by the index, so there may be many: they are
 * counted, not listed one line each).
 */
export function gapWarnings(gaps: readonly KnowledgeGap[]): Justification[] {
  const byName = new Map<string, string[]>();
  for (const gap of gaps) {
    const versions = byName.get(gap.name) ?? [];
    if (gap.version !== null) versions.push(gap.version);
    byName.set(gap.name, versions);
  }
  return [...byName].map(([name, versions]) => ({
    type: 'warning' as const,
    message:
      versions.length === 0
        ? `${name} has no release known for this environment; it has been scheduled for solving.`
        : versions.length === 1
          ? `${name} ${versions[0]} is not solved for this environment yet; an older release was considered instead.`
          : `${name}: ${versions.length} releases (${versions[0]} … ${versions.at(-1)}) are not solved for this environment yet; an older release was considered instead.`,
    link: 'unresolved',
    package_name: name,
  }));
}

export async function advise(input: AdviseInput): Promise<AdviseOutcome> {
  const profile = PROFILES[input.recommendationType];
  const predictorId = input.predictor ?? profile.predictor;
  const predictor = PREDICTORS.get(predictorId);
  if (predictor === undefined)
    throw new InputError(`unknown predictor ${JSON.stringify(predictorId)}`, {
      context: { predictor: predictorId },
    });
  const seed = input.seed ?? 42;
  const limits = input.limits ?? {};
  const limit = limits.limit ?? profile.limit;
  const count = Math.min(limits.count ?? profile.count, limit);
  const parameters: AdviseParameters = {
    recommendation_type: input.recommendationType,
    limits: {
      count,
      limit,
      ...(limits.beamWidth === undefined ? {} : { beam_width: limits.beamWidth }),
      ...(limits.limitLatestVersions === undefined
        ? {}
        : { limit_latest_versions: limits.limitLatestVersions }),
      ...(limits.timeoutSeconds === undefined ? {} : { timeout_seconds: limits.timeoutSeconds }),
    },
    seed,
    predictor: predictorId,
    prescriptions: input.prescriptions?.sources ?? [],
  };
  const requirements = activeRequirements(input.requirements, input.environment);
  const constraints = activeRequirements(input.constraints ?? [], input.environment);
  const labels = input.labels ?? {};
  const stackInfo: Justification[] = [];
  const statistics: ResolverStatistics = {
    iterations: 0,
    accepted_final_states: 0,
    discarded_final_states: 0,
    expanded_states: 0,
    conflicts: 0,
  };
  const builder = {
    recommendationType: input.recommendationType,
    environment: input.environment,
    requirements,
    constraints,
    labels,
  };
  const prescriptions = input.prescriptions;
  const pipeline = buildPipeline(builder, {
    ...(input.pipeline === undefined ? {} : { explicit: input.pipeline }),
    ...(prescriptions === undefined ? {} : { prescriptions: prescriptions.units }),
    runtimeEnvironment: input.runtimeEnvironment ?? null,
  });
  const warn = (w: PrescriptionWarning): void => {
    stackInfo.push({ type: 'warning', message: `${w.unit}: ${w.message}.`, link: null, unit: w.unit });
  };
  for (const w of prescriptions?.warnings ?? []) warn(w);
  // A stride may ask to stop after accepting a state; the search loop only stops on a step's request
  // or its clock, so the request is kept here and the search's clock runs out when it is set.
  const stop: { reason: string | null } = { reason: null };
  pipeline.strides = pipeline.strides.map((stride) => ({
    ...stride,
    run(state, unitContext) {
      try {
        stride.run(state, unitContext);
      } catch (error) {
        if (!(error instanceof EagerStopPipeline)) throw error;
        stop.reason ??= `${stride.name}: ${error.message}`;
      }
    },
  }));
  // Units may ask for the newest versions once the catalog exists (it needs the sieves first).
  const holder: { catalog?: Catalog } = {};
  const latest = new Map<string, string[]>();
  const context: PrescriptionRunContext = {
    ...builder,
    stackInfo,
    latestVersions: (name) => {
      let versions = latest.get(name);
      if (versions === undefined && holder.catalog?.isLoaded(name) === true) {
        versions = holder.catalog
          .get(name)
          .candidates.filter((c) => c.unavailable === null)
          .map((c) => c.version)
          .reverse();
        latest.set(name, versions);
      }
      return versions ?? [];
    },
    indexOf: (name, version) => {
      if (holder.catalog?.isLoaded(name) !== true) return null;
      const info = holder.catalog.get(name);
      const i = info.universe.indexOf(version);
      return i === undefined ? null : (info.candidates[i]?.release.indexUrl ?? null);
    },
  };
  let current: ScoredBaseline | undefined;
  const fail = (code: string, message: string, extra: Partial<AdviseOutcome> = {}): AdviseOutcome =>
    attachBaseline(
      {
        parameters,
        products: [],
        stackInfo,
        statistics,
        error: { code, message, derivation: null, unresolved: [] },
        explanation: null,
        unresolved: [],
        ...extra,
      },
      current,
    );

  try {
    for (const boot of pipeline.boots) {
      if (boot.packageName !== undefined && !requirements.some((r) => r.name === boot.packageName)) continue;
      boot.run(context);
    }
  } catch (error) {
    if (error instanceof NotAcceptable) {
      stackInfo.push({ type: 'error', message: error.message, link: 'no-stack' });
      return fail('not-acceptable', error.message);
    }
    if (!(error instanceof EagerStopPipeline)) throw error;
  }

  const unitNames = new Set(pipeline.sieves.map((s) => s.name));
  const prereleases = input.prereleases ?? 'if-necessary-in-range-or-explicit';
  // Constraints are applied by ConstraintsSieve when the pipeline has it, else by the resolver.
  const resolveOptions = { constraints: unitNames.has('ConstraintsSieve') ? [] : constraints, prereleases };
  const searchStatistics = { iterations: 0, accepted: 0, discarded: 0, expanded: 0 };
  let stopped: string | null = null;

  /** Resolves one problem (the request, or a pseudonym's variant of it) and searches its stacks. */
  const solve = async (
    knowledge: AdviseInput['knowledge'],
    roots: readonly RootRequirement[],
  ): Promise<{ catalog: Catalog; baseline: ResolveOutcome; finals: State[] }> => {
    const catalog = createCatalog(knowledge, input.environment, roots, sieveFilter(pipeline, context), {
      yanked: !unitNames.has('YankedSieve'),
      solved: !unitNames.has('SolvedSieve'),
    });
    holder.catalog = catalog;
    latest.clear();
    const baseline = await resolve(catalog, roots, resolveOptions);
    if (baseline.kind === 'unsatisfiable') return { catalog, baseline, finals: [] };
    const expander = new Expander({
      catalog,
      requirements: roots,
      pipeline,
      context,
      prereleases,
      resolveOptions,
      limitLatestVersions: limits.limitLatestVersions,
    });
    const finals: State[] = [];
    const selection = new Map(baseline.packages.map((p) => [p.name, p.version]));
    // The baseline is a complete stack: replaying it (and searching near it) needs no resolution.
    expander.addWitness(selection);
    try {
      const baselineState = await expander.replay(selection);
      if (baselineState !== undefined && expander.accept(baselineState)) {
        expander.statistics.acceptedFinalStates++;
        finals.push(baselineState);
      }
      if (stop.reason === null && expander.statistics.acceptedFinalStates < limit) {
        const initial = await expander.initial();
        if (initial !== undefined) {
          const clock = input.clock ?? (() => 0);
          const start = clock();
          const result = await explore(expander, initial, predictor.create(input.predictorConfiguration), {
            limit,
            beamWidth: limits.beamWidth ?? Infinity,
            // Enough for `limit` trajectories twice over: a final state takes one iteration per
            // package, so a flat 10,000 stopped airflow (578 packages) after ~17 stacks.
            maxIterations: limits.maxIterations ?? Math.max(10_000, 2 * limit * selection.size),
            clock: () => (stop.reason === null ? clock() : Infinity),
            deadline: limits.timeoutSeconds === undefined ? Infinity : start + limits.timeoutSeconds * 1000,
            rng: seededRandom(seed),
          });
          finals.push(...result.finals);
          stopped ??= stop.reason === null ? result.stoppedEarly : 'eager-stop';
        }
      }
    } catch (error) {
      // A step asked to stop while the baseline was replayed: report what exists.
      if (!(error instanceof EagerStopPipeline)) throw error;
      stop.reason ??= error.message;
      stopped = 'eager-stop';
    }
    if (stop.reason !== null) stopped = 'eager-stop';
    const s = expander.statistics;
    searchStatistics.iterations += s.iterations + baseline.statistics.decisions;
    searchStatistics.accepted += s.acceptedFinalStates;
    searchStatistics.discarded += s.discardedFinalStates;
    searchStatistics.expanded += s.expandedStates;
    return { catalog, baseline, finals };
  };

  const main = await solve(input.knowledge, requirements);
  const { catalog, baseline } = main;
  // The user's lock, checked and scored with this run's catalog and pipeline (before pseudonym
  // variants switch the catalog the units read).
  if (input.baseline !== undefined)
    current = await scoreBaseline({
      lock: input.baseline,
      catalog,
      requirements,
      constraints,
      pipeline,
      context,
      prereleases,
      resolveOptions,
    });
  statistics.conflicts = baseline.statistics.conflicts;
  const unresolved = gapEntries(baseline.gaps);
  stackInfo.push(...gapWarnings(baseline.gaps));
  const knownVersions = (name: string): string[] | undefined =>
    catalog.isLoaded(name) ? catalog.get(name).candidates.map((c) => c.version) : undefined;
  for (const w of knowledgeWarnings(prescriptions?.ranges ?? [], knownVersions)) warn(w);
  if (baseline.kind === 'unsatisfiable') {
    const derivation = toDerivation(baseline.failure);
    const explanation = renderProse(baseline.failure, { pythonVersion: input.environment.pythonVersion });
    let missing = unsolvedLeaves(baseline.failure);
    const code = missing.length > 0 ? 'unresolved-dependencies' : 'unsatisfiable';
    if (code === 'unresolved-dependencies') {
      // The proof names the first missing package only; a learning-mode resolution (missing
      // packages assumed to exist) reaches every one, so a learning round can ask for all of them.
      const reach = await resolve(catalog, requirements, { ...resolveOptions, assumeUnknown: true });
      if (reach.kind === 'solved') {
        const named = new Set(missing.map((m) => m.name));
        missing = [...missing, ...reach.assumed.filter((a) => !named.has(a.name))];
      }
    }
    const message =
      code === 'unsatisfiable'
        ? 'No stack satisfies the requirements in this environment.'
        : missingKnowledgeMessage(missing);
    stackInfo.push({ type: 'error', message: explanation.split('\n').at(-1) ?? message, link: 'no-stack' });
    const errorUnresolved = missing.map((m) => ({ name: m.name, specifier: m.specifier, index_url: null }));
    return attachBaseline(
      {
        parameters,
        products: [],
        stackInfo,
        statistics,
        error: { code, message, derivation, unresolved: errorUnresolved },
        explanation,
        unresolved: [
          ...errorUnresolved,
          ...unresolved.filter((u) => !missing.some((m) => m.name === u.name)),
        ],
      },
      current,
    );
  }
  const finals: Array<{ state: State; catalog: Catalog }> = main.finals.map((state) => ({ state, catalog }));

  // Pseudonyms offer aliases for packages of the stack; each offer is resolved as a variant.
  if (pipeline.pseudonyms.length > 0 && stop.reason === null) {
    const aliases = (prescriptions?.specs ?? []).flatMap((s) =>
      s.data.type === 'pseudonym' ? [s.data.run.yield.package_version.name] : [],
    );
    await catalog.load(aliases);
    holder.catalog = catalog;
    latest.clear();
    const inStack = new Set(baseline.packages.map((p) => p.name));
    const variants = pseudonymVariants(
      pipeline.pseudonyms,
      (name) => (inStack.has(name) ? context.latestVersions(name) : undefined),
      context,
    );
    for (const variant of variants) {
      if (stop.reason !== null) break;
      stackInfo.push({
        type: 'info',
        message: `${variant.alias} (${variant.versions.join(', ')}) was considered as an alternative to ${variant.original}.`,
        link: null,
        package_name: variant.alias,
        unit: variant.units.join(', '),
      });
      const v = await solve(
        aliasKnowledge(input.knowledge, variant),
        aliasRequirements(requirements, variant),
      );
      finals.push(...v.finals.map((state) => ({ state, catalog: v.catalog })));
    }
  }
  Object.assign(statistics, {
    iterations: searchStatistics.iterations,
    accepted_final_states: searchStatistics.accepted,
    discarded_final_states: searchStatistics.discarded,
    expanded_states: searchStatistics.expanded,
  });
  if (stopped === 'timeout')
    stackInfo.push({
      type: 'warning',
      message: 'The time budget ran out; the best stacks found so far are reported.',
      link: 'cpu_time_exceeded',
    });
  if (stopped === 'eager-stop' && stop.reason !== null)
    stackInfo.push({ type: 'info', message: `The search was stopped early: ${stop.reason}`, link: null });
  if (finals.length === 0) {
    stackInfo.push({
      type: 'error',
      message: 'Every stack found was refused by the pipeline units.',
      link: 'no-stack',
    });
    return fail('no-stack', 'Every stack found was refused by the pipeline units.', { unresolved });
  }
  // Best score first; on ties the earlier stack (the complete resolver's baseline first) wins.
  const ranked = finals
    .map((final, order) => ({ ...final, order }))
    .sort((a, b) => b.state.score - a.state.score || a.order - b.order);
  const products: AdviserProductV2[] = [];
  for (const { state, catalog: productCatalog } of ranked.slice(0, count)) {
    holder.catalog = productCatalog;
    latest.clear();
    for (const wrap of pipeline.wraps) {
      if (wrap.packageName !== undefined && !state.resolved.has(wrap.packageName)) continue;
      wrap.run(state, context);
    }
    products.push({ ...toProduct(state, productCatalog), baseline_comparison: null });
  }
  return attachBaseline(
    { parameters, products, stackInfo, statistics, error: null, explanation: null, unresolved },
    current,
  );
}
