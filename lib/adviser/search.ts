// The MDP layer: expands states one action at a time (reference §2.4) — sieved candidate sets
// intersected per package, steps scoring each addition, NaN for an invalid transition, +Infinity
// for a final one — and lets a predictor drive a bounded beam. Unlike the original, every expansion
// is checked with the complete resolver ("can these pins still be completed?"), so the search
// never wanders into dead sub-graphs (adviser #1857) and every kept state leads to a stack.
import type { Justification } from '../contracts/index.js';
import { Beam } from './beam.js';
import type { Action, PredictorContext, PredictorRun } from './predictors/index.js';
import { ResolutionBudgetExceeded, resolve } from './resolver/index.js';
import type { Catalog, ResolveOptions, ResolveOutcome } from './resolver/index.js';
import { State } from './state.js';
import type { Clock, PrereleasePolicy, Random, RootRequirement } from './types.js';
import { EagerStopPipeline, NotAcceptable, SkipPackage } from './units/index.js';
import type { Pipeline, UnitContext } from './units/index.js';

export interface SearchSettings {
  catalog: Catalog;
  requirements: readonly RootRequirement[];
  pipeline: Pipeline;
  context: UnitContext;
  prereleases: PrereleasePolicy;
  resolveOptions: ResolveOptions;
  limitLatestVersions?: number | undefined;
}

export interface SearchLimits {
  /** Stop after this many accepted final states. */
  limit: number;
  beamWidth: number;
  /** Hard cap on iterations (the original relied on a liveness probe). */
  maxIterations: number;
  clock: Clock;
  /** Clock value after which the search stops and reports what it has. */
  deadline: number;
  rng: Random;
}

export interface SearchStatistics {
  iterations: number;
  expandedStates: number;
  acceptedFinalStates: number;
  discardedFinalStates: number;
  /** Expansions the complete resolver proved could not lead to a stack. */
  prunedStates: number;
  /** Complete resolutions run to check expansions. */
  resolutions: number;
  /** Expansions a known stack proved completable without a resolution. */
  witnessHits: number;
  /** Look-ahead resolutions that gave up (LOOK_AHEAD_PROPAGATIONS); their states were dropped. */
  abandonedLookAheads: number;
}

/**
 * Propagation steps a look-ahead may take. A look-ahead near a witness that succeeds takes a few
 * thousand on airflow (570 packages), a typical refutation about 100,000; rare ones took millions.
 */
const LOOK_AHEAD_PROPAGATIONS = 300_000;

/** Witnesses kept; each is one Map of the stack's size. */
const MAX_WITNESSES = 256;

/** Every pin of `pins` is selected at the same version in `stack`. */
function agrees(stack: ReadonlyMap<string, string>, pins: ReadonlyMap<string, string>): boolean {
  if (stack.size < pins.size) return false;
  for (const [name, version] of pins) if (stack.get(name) !== version) return false;
  return true;
}

/** Expands states and checks them; shared by the search loop and by scoring a given stack. */
export class Expander {
  private readonly s: SearchSettings;
  private nextId = 0;
  /** Stack keys the complete resolver proved cannot be completed. */
  private readonly refuted = new Set<string>();
  /** Known complete stacks, most recently useful first. */
  private readonly witnesses: Array<ReadonlyMap<string, string>> = [];
  readonly statistics: SearchStatistics = {
    iterations: 0,
    expandedStates: 0,
    acceptedFinalStates: 0,
    discardedFinalStates: 0,
    prunedStates: 0,
    resolutions: 0,
    witnessHits: 0,
    abandonedLookAheads: 0,
  };

  constructor(settings: SearchSettings) {
    this.s = settings;
  }

  /** Usable versions of `name` that `allowed` admits, newest first, pre-release policy applied. */
  private usable(name: string, allowed: (version: string) => boolean): string[] {
    const all = this.s.catalog
      .get(name)
      .candidates.filter((c) => c.unavailable === null)
      .reverse();
    const inRange = all.filter((c) => allowed(c.version));
    const policy = this.s.prereleases;
    let kept = inRange;
    if (policy === 'disallow') kept = inRange.filter((c) => !c.parsed.isPrerelease);
    else if (policy !== 'allow') {
      const explicit = this.s.requirements.some(
        (r) => r.name === name && this.s.catalog.parseSpecifier(r.specifier)?.prereleases === true,
      );
      // pip looks for a final release in the allowed range, uv among all versions of the package.
      const scope = policy === 'if-necessary-or-explicit' ? all : inRange;
      if (!explicit && scope.some((c) => !c.parsed.isPrerelease))
        kept = inRange.filter((c) => !c.parsed.isPrerelease);
    }
    const versions = kept.map((c) => c.version);
    const n = this.s.limitLatestVersions;
    return n === undefined ? versions : versions.slice(0, n);
  }

  /** The initial state: every direct requirement with its candidates. Undefined when one has none. */
  async initial(): Promise<State | undefined> {
    const { catalog, requirements } = this.s;
    await catalog.load(requirements.map((r) => r.name));
    const state = new State(this.nextId++);
    for (const r of requirements) {
      if (catalog.get(r.name).skipped !== undefined) continue;
      const set = catalog.setFor(r.name, catalog.parseSpecifier(r.specifier));
      const previous = state.unresolved.get(r.name);
      const versions = (previous ?? this.usable(r.name, (v) => set.hasVersion(v))).filter((v) =>
        set.hasVersion(v),
      );
      if (versions.length === 0) return undefined;
      state.unresolved.set(r.name, versions);
      state.extras.set(r.name, new Set([...(state.extras.get(r.name) ?? []), ...r.extras]));
    }
    return state;
  }

  /** Makes `stack` (a complete, valid selection) available as a witness for states that agree with it. */
  addWitness(stack: ReadonlyMap<string, string>): void {
    this.witnesses.unshift(stack);
    if (this.witnesses.length > MAX_WITNESSES) this.witnesses.pop();
  }

  /**
   * "Can the state's pins still be completed?" A complete resolution per expansion made the search
   * quadratic (a 570-package replay ran 570 resolutions), so the answer comes, in order, from: the
   * parent's witness when the new pin agrees with it; a recent witness agreeing with every pin; the
   * memo of refuted stacks; and only then the complete resolver, whose stack becomes a witness.
   * A witness must contain every pin (stronger than the resolver's "agrees where selected"), so an
   * answer from a witness is one the resolver would give.
   */
  private async isFeasible(state: State, name: string, version: string): Promise<boolean> {
    const inherited = state.witness;
    if (inherited !== undefined && inherited.get(name) === version) {
      this.statistics.witnessHits++;
      return true;
    }
    for (let i = 0; i < this.witnesses.length; i++) {
      const witness = this.witnesses[i]!;
      if (witness.get(name) !== version || !agrees(witness, state.resolved)) continue;
      // Most recently useful first: a search works around one neighbourhood for a while.
      if (i > 0) this.witnesses.splice(0, 0, ...this.witnesses.splice(i, 1));
      state.witness = witness;
      this.statistics.witnessHits++;
      return true;
    }
    const key = state.stackKey();
    if (this.refuted.has(key)) return false;
    this.statistics.resolutions++;
    let outcome: ResolveOutcome;
    try {
      outcome = await resolve(this.s.catalog, this.s.requirements, {
        ...this.s.resolveOptions,
        prereleases: this.s.prereleases,
        pins: state.resolved,
        // Try the nearest known stack's versions first: few conflicts, and a witness close to it.
        prefer: inherited ?? this.witnesses[0],
        maxPropagations: LOOK_AHEAD_PROPAGATIONS,
      });
    } catch (error) {
      if (!(error instanceof ResolutionBudgetExceeded)) throw error;
      // Undecided within the budget: the state is dropped like a dead end. The search only
      // explores; completeness is the baseline resolution's, which has no budget.
      this.statistics.abandonedLookAheads++;
      this.refuted.add(key);
      return false;
    }
    if (outcome.kind !== 'solved') {
      this.refuted.add(key);
      return false;
    }
    const witness = new Map(outcome.packages.map((p) => [p.name, p.version]));
    if (agrees(witness, state.resolved)) {
      state.witness = witness;
      this.addWitness(witness);
    } else state.witness = undefined;
    return true;
  }

  /**
   * Applies an action. The parent keeps its other candidates for the package (it stays a backtrack
   * point in the beam). Returns the child and the reward: step scores, NaN when invalid, +Infinity
   * when the child is final. EagerStopPipeline propagates.
   */
  async expand(action: Action, iteration: number): Promise<{ child: State | undefined; reward: number }> {
    const { catalog, pipeline, context } = this.s;
    const { state, package: name, version } = action;
    this.statistics.expandedStates++;
    const remaining = (state.unresolved.get(name) ?? []).filter((v) => v !== version);
    if (remaining.length > 0) state.unresolved.set(name, remaining);
    else state.unresolved.delete(name);
    const child = new State(this.nextId++, state);
    child.iteration = iteration;
    child.unresolved.delete(name);
    child.resolved.set(name, version);
    const info = catalog.get(name);
    const candidate = info.candidates[info.universe.indexOf(version)!]!;
    let reward = 0;
    const justification: Justification[] = [];
    for (const step of pipeline.steps) {
      if (step.packageName !== undefined && step.packageName !== name) continue;
      try {
        const result = step.run(child, candidate, context);
        if (result === null) continue;
        if (!Number.isFinite(result.score)) throw new Error(`${step.name} returned a non-finite score`);
        reward += Math.max(-1, Math.min(1, result.score));
        justification.push(...result.justification);
      } catch (error) {
        if (error instanceof NotAcceptable) return { child: undefined, reward: NaN };
        if (error instanceof SkipPackage) {
          child.resolved.delete(name);
          return this.finish(child, reward, justification);
        }
        throw error;
      }
    }
    // Add the package's dependencies (for its base and every requested extra), then any extras
    // newly requested of packages already resolved.
    const queue: Array<[string, string, Array<string | null>]> = [
      [name, version, [null, ...(child.extras.get(name) ?? [])]],
    ];
    while (queue.length > 0) {
      const [pkg, pkgVersion, extras] = queue.shift()!;
      for (const extra of extras) {
        const deps = catalog.dependencies(pkg, pkgVersion, extra);
        await catalog.load(deps.map((d) => d.name));
        for (const dep of deps) {
          if (catalog.get(dep.name).skipped !== undefined) continue;
          const set = catalog.setFor(dep.name, dep.specifier);
          const known = child.extras.get(dep.name);
          const added = dep.extras.filter((e) => known?.has(e) !== true);
          // Sets are shared with the parent state: replace, never add in place.
          if (known === undefined || added.length > 0)
            child.extras.set(dep.name, new Set([...(known ?? []), ...added]));
          const resolvedVersion = child.resolved.get(dep.name);
          if (resolvedVersion !== undefined) {
            if (!set.hasVersion(resolvedVersion)) return { child: undefined, reward: NaN };
            if (added.length > 0) queue.push([dep.name, resolvedVersion, added]);
            continue;
          }
          const current = child.unresolved.get(dep.name);
          const versions = (current ?? this.usable(dep.name, (v) => set.hasVersion(v))).filter((v) =>
            set.hasVersion(v),
          );
          if (versions.length === 0) return { child: undefined, reward: NaN };
          child.unresolved.set(dep.name, versions);
        }
      }
    }
    if (!(await this.isFeasible(child, name, version))) {
      this.statistics.prunedStates++;
      return { child: undefined, reward: NaN };
    }
    return this.finish(child, reward, justification);
  }

  private finish(
    child: State,
    reward: number,
    justification: Justification[],
  ): { child: State; reward: number } {
    child.score += reward;
    child.justification.push(...justification);
    return { child, reward: child.isFinal() ? Infinity : reward };
  }

  /** Runs strides on a final state; false when one refuses it. */
  accept(state: State): boolean {
    for (const stride of this.s.pipeline.strides) {
      try {
        stride.run(state, this.s.context);
      } catch (error) {
        if (error instanceof NotAcceptable) return false;
        throw error;
      }
    }
    return true;
  }

  /** Replays a known stack (e.g. the complete resolver's) through the steps to score it. */
  async replay(selection: ReadonlyMap<string, string>): Promise<State | undefined> {
    let state = await this.initial();
    let iteration = 0;
    while (state !== undefined && !state.isFinal()) {
      const name = state.firstUnresolved()!;
      const version = selection.get(name);
      if (version === undefined || !state.unresolved.get(name)!.includes(version)) return undefined;
      const { child } = await this.expand({ state, package: name, version }, ++iteration);
      state = child;
    }
    return state;
  }
}

export interface SearchResult {
  finals: State[];
  stoppedEarly: 'eager-stop' | 'timeout' | 'iterations' | null;
}

/** Drives `predictor` over a beam from `initial` until limit, exhaustion, time or iteration cap. */
export async function explore(
  expander: Expander,
  initial: State,
  predictor: PredictorRun,
  limits: SearchLimits,
): Promise<SearchResult> {
  const beam = new Beam(limits.beamWidth);
  beam.add(initial);
  const finals: State[] = [];
  const stats = expander.statistics;
  let stoppedEarly: SearchResult['stoppedEarly'] = null;
  const context = (): PredictorContext => ({
    beam,
    rng: limits.rng,
    iteration: stats.iterations,
    limit: limits.limit,
    acceptedFinalStates: stats.acceptedFinalStates,
  });
  while (stats.acceptedFinalStates < limits.limit && beam.size > 0) {
    if (limits.clock() >= limits.deadline) {
      stoppedEarly = 'timeout';
      break;
    }
    if (stats.iterations >= limits.maxIterations) {
      stoppedEarly = 'iterations';
      break;
    }
    stats.iterations++;
    const action = predictor.run(context());
    if (action === undefined) break;
    let outcome: { child: State | undefined; reward: number };
    try {
      outcome = await expander.expand(action, stats.iterations);
    } catch (error) {
      if (error instanceof EagerStopPipeline) {
        stoppedEarly = 'eager-stop';
        break;
      }
      throw error;
    }
    if (!action.state.unresolved.has(action.package)) beam.remove(action.state);
    predictor.setRewardSignal?.(context(), action, outcome.reward, outcome.child);
    const { child } = outcome;
    if (child === undefined) continue;
    if (child.isFinal()) {
      if (expander.accept(child)) {
        stats.acceptedFinalStates++;
        finals.push(child);
      } else stats.discardedFinalStates++;
    } else beam.add(child);
  }
  return { finals, stoppedEarly };
}
