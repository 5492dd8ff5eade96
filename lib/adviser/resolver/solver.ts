// The complete resolver: PubGrub-style conflict-driven search (unit propagation, conflict resolution
// that learns incompatibilities, backjumping), preferring the newest usable version of each package.
// Extras are virtual packages `pkg[extra]` that depend on `pkg` at the same version, as uv models
// them. The original Thoth had no conflict learning (adviser #1857) and could miss existing stacks
// (#2329); PubGrub either finds a stack or proves none exists and says why.
import { canonicalizeName } from '../../python/index.js';
import type { PrereleasePolicy, RootRequirement } from '../types.js';
import type { ActiveDependency, Candidate, Catalog } from './catalog.js';
import { splitExtra, virtualName } from './catalog.js';
import { Incompatibility, ROOT } from './incompatibility.js';
import type { Cause } from './incompatibility.js';
import { PartialSolution } from './partial-solution.js';
import { intersect, isSubset, negate, negative, positive } from './term.js';
import type { Term } from './term.js';
import { Universe, VersionSet } from './version-set.js';

export interface SolverOptions {
  prereleases: PrereleasePolicy;
  /** Packages whose requirements name a pre-release (explicit opt-in under the default policy). */
  explicitPrereleases: ReadonlySet<string>;
  /** Constraints: restrict a package if it is selected, never add it. */
  constraints: readonly RootRequirement[];
  /** Exact pins `name -> version` applied like constraints (used by the MDP layer's look-ahead). */
  pins?: ReadonlyMap<string, string>;
  /** Conflicts after which a package is decided before the others (uv's conflict prioritization). */
  conflictThreshold?: number;
  /**
   * Versions to try first (name -> version), when allowed and usable; else the newest as usual.
   * Completeness is unchanged (only the order in which versions are tried differs). The MDP layer
   * passes a known stack, so re-proving that a slightly changed stack can be completed meets few
   * conflicts: on airflow's 570 packages a newest-first resolution made 11,600 decisions.
   */
  prefer?: ReadonlyMap<string, string>;
  /**
   * Give up (ResolutionBudgetExceeded) after this many propagation steps. Only look-aheads set it:
   * proving a slightly changed airflow stack unsatisfiable once took 9.8 million (11 s).
   */
  maxPropagations?: number;
  /**
   * Learning mode: a package with no usable release known (none at all, or only releases not solved
   * for this environment) is assumed to exist without dependencies instead of failing the
   * resolution, and listed in `assumed`. The stack is then not a lock, but the list holds every
   * missing package the resolution reaches, so one learning round can ask for all of them (a
   * normal resolution stops at the first, and `thoth advise` learned one package per round).
   */
  assumeUnknown?: boolean;
}

/** Thrown when a resolution with `maxPropagations` exhausts it; says nothing about satisfiability. */
export class ResolutionBudgetExceeded extends Error {
  constructor(readonly statistics: SolverStatistics) {
    super(`resolution gave up after ${statistics.propagations} propagations`);
    this.name = 'ResolutionBudgetExceeded';
  }
}

export interface SolverStatistics {
  decisions: number;
  conflicts: number;
  propagations: number;
  restarts: number;
}

/** A version skipped for lack of knowledge (not solved for this environment) while choosing. */
export interface KnowledgeGap {
  name: string;
  version: string | null;
  indexUrl: string | null;
}

export type SolveOutcome =
  | {
      kind: 'solved';
      /** Chosen version per real package (no root, no virtual extras), in decision order. */
      selection: Map<string, string>;
      /** Extras activated per package. */
      extras: Map<string, string[]>;
      statistics: SolverStatistics;
      gaps: KnowledgeGap[];
      /** Packages assumed to exist in learning mode (`assumeUnknown`), with the range asked for. */
      assumed: Array<{ name: string; specifier: string }>;
    }
  | { kind: 'unsatisfiable'; failure: Incompatibility; statistics: SolverStatistics; gaps: KnowledgeGap[] };

class NoSolution {
  constructor(readonly incompatibility: Incompatibility) {}
}

export class Solver {
  private readonly catalog: Catalog;
  private readonly requirements: readonly RootRequirement[];
  private readonly options: SolverOptions;
  private readonly solution = new PartialSolution();
  private readonly byPackage = new Map<string, Incompatibility[]>();
  private readonly discovery = new Map<string, number>();
  private readonly conflictCounts = new Map<string, number>();
  private readonly boosted = new Map<string, number>();
  private readonly gaps = new Map<string, KnowledgeGap>();
  /** Learning mode: packages assumed to exist, with the range asked for. */
  private readonly assumed = new Map<string, string>();
  /** Dependency incompatibilities per `package\0version index`, added once per resolution. */
  private readonly dependencyIncompatibilities = new Map<string, Incompatibility[]>();
  private readonly rootUniverse = new Universe(ROOT, ['0']);
  private nextId = 0;
  readonly statistics: SolverStatistics = { decisions: 0, conflicts: 0, propagations: 0, restarts: 0 };

  constructor(catalog: Catalog, requirements: readonly RootRequirement[], options: SolverOptions) {
    this.catalog = catalog;
    this.requirements = requirements;
    this.options = options;
  }

  async solve(): Promise<SolveOutcome> {
    const gaps = (): KnowledgeGap[] => [...this.gaps.values()];
    try {
      await this.addRestrictions();
      this.add([negative(ROOT, VersionSet.all(this.rootUniverse))], { kind: 'root' });
      let next: string[] = [ROOT];
      for (;;) {
        this.propagate(next);
        const pkg = this.pick();
        if (pkg === undefined) break;
        next = [await this.decide(pkg)];
        if (this.pendingRestart) {
          this.pendingRestart = false;
          this.statistics.restarts++;
          this.solution.backtrack(1);
          next = [...this.byPackage.keys()];
        }
      }
    } catch (error) {
      if (error instanceof NoSolution) {
        return {
          kind: 'unsatisfiable',
          failure: error.incompatibility,
          statistics: this.statistics,
          gaps: gaps(),
        };
      }
      throw error;
    }
    const selection = new Map<string, string>();
    const extras = new Map<string, string[]>();
    for (const a of this.solution.assignments) {
      if (a.cause !== null || a.term.package === ROOT) continue;
      const { base, extra } = splitExtra(a.term.package);
      const index = this.solution.decisions.get(a.term.package)!;
      const { universe, candidates } = this.catalog.get(base);
      // A decision on a release that cannot be used (or on the unknown version) is a learning-mode
      // assumption: no release to select.
      if (candidates[index]?.unavailable !== null) continue;
      const version = universe.versions[index]!;
      if (extra === null) selection.set(base, version);
      else extras.set(base, [...(extras.get(base) ?? []), extra].sort());
    }
    return {
      kind: 'solved',
      selection,
      extras,
      statistics: this.statistics,
      gaps: gaps(),
      assumed: [...this.assumed].map(([name, specifier]) => ({ name, specifier })),
    };
  }

  private pendingRestart = false;

  /** Constraints and pins: "if P is selected, it is in S" is the incompatibility {P not in S}. */
  private async addRestrictions(): Promise<void> {
    const pins = [...(this.options.pins ?? new Map<string, string>())].map(([name, version]) => ({
      name,
      specifier: `==${version}`,
    }));
    const all = [...this.options.constraints, ...pins];
    await this.catalog.load(all.map((c) => c.name));
    for (const c of all) {
      const set = this.catalog.setFor(c.name, this.catalog.parseSpecifier(c.specifier));
      this.add([positive(c.name, set.complement())], {
        kind: 'constraint',
        package: c.name,
        specifier: c.specifier,
      });
    }
  }

  private add(terms: Term[], cause: Cause): Incompatibility {
    const incompat = new Incompatibility(this.nextId++, terms, cause);
    for (const t of terms) {
      let list = this.byPackage.get(t.package);
      if (list === undefined) this.byPackage.set(t.package, (list = []));
      list.push(incompat);
      if (!this.discovery.has(t.package)) this.discovery.set(t.package, this.discovery.size);
    }
    return incompat;
  }

  private universeOf(pkg: string): Universe {
    return pkg === ROOT ? this.rootUniverse : this.catalog.get(pkg).universe;
  }

  /** Unit propagation from the changed packages; throws NoSolution when a conflict reaches the root. */
  private propagate(start: string[]): void {
    const changed = [...new Set(start)];
    const queued = new Set(changed);
    while (changed.length > 0) {
      const pkg = changed.pop()!;
      queued.delete(pkg);
      const list = this.byPackage.get(pkg) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const incompat = list[i]!;
        if (++this.statistics.propagations > (this.options.maxPropagations ?? Infinity))
          throw new ResolutionBudgetExceeded(this.statistics);
        const status = this.status(incompat);
        if (status === 'satisfied') {
          const learned = this.resolveConflict(incompat);
          const unsatisfied = learned.terms.find((t) => this.solution.relation(t) !== 'satisfied');
          if (unsatisfied === undefined) throw new NoSolution(learned);
          this.solution.derive(negate(unsatisfied), learned);
          changed.length = 0;
          queued.clear();
          changed.push(unsatisfied.package);
          queued.add(unsatisfied.package);
          break;
        }
        if (status !== undefined) {
          this.solution.derive(negate(status), incompat);
          if (!queued.has(status.package)) {
            changed.push(status.package);
            queued.add(status.package);
          }
        }
      }
    }
  }

  /** 'satisfied', the one inconclusive term when almost satisfied, or undefined. */
  private status(incompat: Incompatibility): 'satisfied' | Term | undefined {
    let open: Term | undefined;
    for (const t of incompat.terms) {
      const r = this.solution.relation(t);
      if (r === 'contradicted') return undefined;
      if (r === 'inconclusive') {
        if (open !== undefined) return undefined;
        open = t;
      }
    }
    return open ?? 'satisfied';
  }

  private resolveConflict(conflict: Incompatibility): Incompatibility {
    let incompat = conflict;
    let created = false;
    this.statistics.conflicts++;
    while (!incompat.isFailure()) {
      const { index, previousLevel } = this.solution.satisfier(incompat);
      const satisfier = this.solution.assignments[index]!;
      const term = incompat.term(satisfier.term.package)!;
      if (satisfier.cause === null || previousLevel !== satisfier.decisionLevel) {
        if (created) {
          for (const t of incompat.terms) this.byPackage.get(t.package)!.push(incompat);
        }
        this.solution.backtrack(previousLevel);
        return incompat;
      }
      const merged = new Map<string, Term>();
      const put = (t: Term): void => {
        const prev = merged.get(t.package);
        merged.set(t.package, prev === undefined ? t : intersect(prev, t));
      };
      for (const t of incompat.terms) if (t.package !== term.package) put(t);
      for (const t of satisfier.cause.terms) if (t.package !== term.package) put(t);
      if (!isSubset(satisfier.term, term)) put(negate(intersect(satisfier.term, negate(term))));
      // A negative term over nothing holds always and adds nothing to a clause.
      const terms = [...merged.values()].filter((t) => t.positive || !t.set.isEmpty());
      incompat = new Incompatibility(this.nextId++, terms, {
        kind: 'derived',
        from: [incompat, satisfier.cause],
      });
      created = true;
    }
    throw new NoSolution(incompat);
  }

  /** Root first, then exact pins, then conflict-boosted packages, then in order of discovery. */
  private pick(): string | undefined {
    let best: string | undefined;
    let bestKey: [number, number] | undefined;
    for (const [pkg, term] of this.solution.undecided()) {
      const boost = this.boosted.get(pkg);
      const key: [number, number] =
        pkg === ROOT
          ? [0, 0]
          : term.set.count(2) === 1
            ? [1, this.discovery.get(pkg) ?? 0]
            : boost !== undefined
              ? [2, boost]
              : [3, this.discovery.get(pkg) ?? 0];
      if (bestKey === undefined || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = pkg;
        bestKey = key;
      }
    }
    return best;
  }

  /** Chooses the newest usable version of `pkg` within its allowed set and adds its dependencies. */
  private async decide(pkg: string): Promise<string> {
    this.statistics.decisions++;
    const term = this.solution.accumulatedTerm(pkg)!;
    if (pkg === ROOT) {
      await this.addDependencies(ROOT, 0, this.rootDependencies());
      this.solution.decide(positive(ROOT, VersionSet.of(this.rootUniverse, [0])), 0);
      return ROOT;
    }
    const { base, extra } = splitExtra(pkg);
    const info = this.catalog.get(base);
    const chosen = this.choose(pkg, term.set);
    if (chosen === undefined) {
      const assumed = this.options.assumeUnknown === true ? this.assumable(base, term.set) : undefined;
      if (assumed !== undefined) {
        if (!this.assumed.has(base)) this.assumed.set(base, term.text ?? term.set.toSpecifier());
        this.solution.decide(positive(pkg, VersionSet.of(info.universe, [assumed])), assumed);
        return pkg;
      }
      this.explainNoChoice(pkg, term);
      return pkg;
    }
    const version = info.universe.versions[chosen]!;
    const deps: ActiveDependency[] = [...this.catalog.dependencies(base, version, extra)];
    if (extra !== null) {
      // pkg[extra]==v depends on pkg==v, so the extra's edges apply to the very release chosen.
      deps.unshift({
        name: base,
        specifierText: `==${version}`,
        specifier: this.catalog.parseSpecifier(`==${version}`),
        extras: [],
      });
    }
    const conflict = await this.addDependencies(pkg, chosen, deps);
    if (!conflict) this.solution.decide(positive(pkg, VersionSet.of(info.universe, [chosen])), chosen);
    return pkg;
  }

  private rootDependencies(): ActiveDependency[] {
    return this.requirements.map((r) => ({
      name: canonicalizeName(r.name),
      specifierText: r.specifier,
      specifier: this.catalog.parseSpecifier(r.specifier),
      extras: r.extras.map((n) => canonicalizeName(n)),
    }));
  }

  /** Adds `pkg==version depends on dep` incompatibilities; true when one is already violated. */
  private async addDependencies(
    pkg: string,
    versionIndex: number,
    deps: ActiveDependency[],
  ): Promise<boolean> {
    // A release decided again (after a backjump or a restart) states the same dependencies: its
    // incompatibilities are added once and only re-checked, or every restart would append another
    // copy to each dependency's list and propagation would walk them all (airflow: 12 restarts).
    const key = `${pkg}\u0000${versionIndex}`;
    const known = this.dependencyIncompatibilities.get(key);
    if (known !== undefined) {
      const violated = known.some((incompat) =>
        incompat.terms.every((t) => t.package === pkg || this.solution.relation(t) === 'satisfied'),
      );
      if (violated && pkg !== ROOT) this.noteConflict(pkg);
      return violated;
    }
    await this.catalog.load(deps.map((d) => d.name));
    const self = positive(pkg, VersionSet.of(this.universeOf(pkg), [versionIndex]));
    const dependerSpec = pkg === ROOT ? '' : `==${this.universeOf(pkg).versions[versionIndex]}`;
    let conflict = false;
    const targets: Array<{ name: string; dep: ActiveDependency }> = [];
    for (const dep of deps) {
      if (this.catalog.get(dep.name).skipped !== undefined) continue; // a unit dropped it (SkipPackage)
      if (dep.name !== splitExtra(pkg).base) targets.push({ name: dep.name, dep });
      for (const extra of dep.extras) targets.push({ name: virtualName(dep.name, extra), dep });
    }
    // Requirements on the same package in one release are a conjunction (`a>=1` and `a<2`).
    const combined = new Map<string, { set: VersionSet; texts: string[] }>();
    for (const { name, dep } of targets) {
      const set = this.catalog.setFor(name, dep.specifier);
      const prev = combined.get(name);
      if (prev === undefined) combined.set(name, { set, texts: [dep.specifierText] });
      else combined.set(name, { set: prev.set.intersect(set), texts: [...prev.texts, dep.specifierText] });
    }
    const added: Incompatibility[] = [];
    this.dependencyIncompatibilities.set(key, added);
    for (const [name, { set, texts }] of combined) {
      const text = texts.filter((t) => t !== '').join(',');
      const incompat = this.add([self, negative(name, set, text)], {
        kind: 'dependency',
        package: pkg,
        specifier: dependerSpec,
        dependency: name,
      });
      added.push(incompat);
      if (incompat.terms.every((t) => t.package === pkg || this.solution.relation(t) === 'satisfied')) {
        conflict = true;
      }
    }
    if (conflict && pkg !== ROOT) this.noteConflict(pkg);
    return conflict;
  }

  private noteConflict(pkg: string): void {
    const count = (this.conflictCounts.get(pkg) ?? 0) + 1;
    this.conflictCounts.set(pkg, count);
    const threshold = this.options.conflictThreshold ?? 5;
    if (count >= threshold && !this.boosted.has(pkg) && this.solution.decisionLevel > 1) {
      // Decide this package before the ones it keeps conflicting with: restart from the root
      // (learned incompatibilities are kept, so the search stays complete and terminates).
      this.boosted.set(pkg, this.boosted.size);
      this.pendingRestart = true;
    }
  }

  private isPrereleaseAllowed(pkg: string, candidates: readonly Candidate[], set: VersionSet): boolean {
    const policy = this.options.prereleases;
    if (policy === 'allow') return true;
    if (policy === 'disallow') return false;
    if (this.options.explicitPrereleases.has(splitExtra(pkg).base)) return true;
    // "If necessary": pip looks at the allowed range, uv at every known version of the package.
    const scope = policy === 'if-necessary-in-range-or-explicit' ? set : VersionSet.all(set.universe);
    for (const i of scope.descending()) {
      const c = candidates[i]!;
      if (c.unavailable === null && !c.parsed.isPrerelease) return false;
    }
    return true;
  }

  private choose(pkg: string, set: VersionSet): number | undefined {
    const { base } = splitExtra(pkg);
    const info = this.catalog.get(base);
    const candidates = info.candidates;
    const pre = this.isPrereleaseAllowed(pkg, candidates, set);
    const preferred = this.options.prefer?.get(base);
    if (preferred !== undefined) {
      const i = info.universe.indexOf(preferred);
      const c = i === undefined ? undefined : candidates[i];
      if (
        i !== undefined &&
        c !== undefined &&
        set.has(i) &&
        c.unavailable === null &&
        (pre || !c.parsed.isPrerelease)
      )
        return i;
    }
    for (const i of set.descending()) {
      const c = candidates[i]!;
      if (c.unavailable !== null) {
        if (c.unavailable.reason === 'not-solved') this.noteGap(c);
        continue;
      }
      if (c.parsed.isPrerelease && !pre) continue;
      return i;
    }
    return undefined;
  }

  /**
   * Learning mode: the version to assume for `base` when nothing usable is left in `set` — the
   * universe's unknown version when no release is known, else the newest release `set` admits that
   * is not solved here yet (assumed to exist without dependencies); undefined when knowledge is not
   * what is missing. The assumed version must lie inside `set`: deciding one outside it (the unknown
   * version of a package with known releases) contradicts the term, and the conflict it raises is
   * resolved by deciding it again, forever.
   */
  private assumable(base: string, set: VersionSet): number | undefined {
    const info = this.catalog.get(base);
    if (info.universe.size === 0) return info.universe.unknown;
    for (const i of set.descending()) if (info.candidates[i]!.unavailable?.reason === 'not-solved') return i;
    return undefined;
  }

  private noteGap(c: Candidate): void {
    const key = `${c.name}==${c.version}`;
    if (!this.gaps.has(key))
      this.gaps.set(key, { name: c.name, version: c.version, indexUrl: c.release.indexUrl });
  }

  /** No usable version in the allowed set: add incompatibilities saying why, grouped by reason. */
  private explainNoChoice(pkg: string, term: Term): void {
    const { base } = splitExtra(pkg);
    const info = this.catalog.get(base);
    if (info.universe.size === 0) {
      this.gaps.set(base, { name: base, version: null, indexUrl: null });
      this.add([positive(pkg, term.set, term.text)], {
        kind: 'unavailable',
        package: pkg,
        specifier: term.text ?? '',
        reason: 'not-solved',
        detail: 'no release known for this environment',
      });
      return;
    }
    if (!term.set.hasKnown()) {
      // Text only when a requirement's specifier matches nothing known; otherwise every known
      // version was excluded for other reasons and the leaf just says there are no others.
      const text = term.text ?? term.set.toSpecifier();
      this.add([positive(pkg, term.set, term.text)], { kind: 'no-versions', package: pkg, specifier: text });
      return;
    }
    const groups = new Map<string, { indexes: number[]; reason: Candidate['unavailable'] }>();
    for (const i of term.set.descending()) {
      const c = info.candidates[i]!;
      const why = c.unavailable ?? {
        reason: 'removed-by-unit' as const,
        detail: 'pre-releases are not allowed',
      };
      const key = `${why.reason}\u0000${why.detail ?? ''}`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { indexes: [i], reason: why });
      else g.indexes.push(i);
    }
    for (const { indexes, reason } of groups.values()) {
      const set = VersionSet.of(info.universe, indexes);
      const spec = set.equals(term.set) && term.text !== undefined ? term.text : set.toSpecifier();
      this.add([positive(pkg, set, spec)], {
        kind: 'unavailable',
        package: pkg,
        specifier: spec,
        reason: reason!.reason,
        detail: reason!.detail,
      });
    }
  }
}
