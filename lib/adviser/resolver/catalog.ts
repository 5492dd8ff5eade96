// What the resolver knows about each package in one run: its universe of versions, one candidate per
// version (the first usable record across indexes), whether and why each candidate is unavailable,
// and which dependencies of a release are active in the environment for a given extra. Loads
// lazily through the KnowledgeSource and answers synchronously once loaded.
import {
  canonicalizeName,
  compareVersions,
  isPythonCompatible,
  parseMarker,
  tryParseSpecifierSet,
  tryParseVersion,
} from '../../python/index.js';
import type { Marker, SpecifierSet, Version } from '../../python/index.js';
import type {
  AdviserEnvironment,
  AdviserRelease,
  KnowledgeSource,
  KnownDependency,
  Unavailability,
} from '../types.js';
import { Universe, VersionSet } from './version-set.js';

/** One version of a package, as the resolver chooses among them. */
export interface Candidate {
  name: string;
  version: string;
  parsed: Version;
  /** The record used (first usable index); `records` holds every index's record of the version. */
  release: AdviserRelease;
  records: readonly AdviserRelease[];
  /** Why it cannot be used, or null when it can. */
  unavailable: Unavailability | null;
}

/** What sieves decided about one package's candidates. */
export interface SieveOutcome {
  /** Versions removed, with the reason shown in explanations. */
  removed: ReadonlyMap<string, Unavailability>;
  /** Set when a unit asked to drop the package and its sub-graph (SkipPackage); the message. */
  skip?: string | undefined;
}

/** Hook through which pipeline sieves see each package's available candidates once per run. */
export type CandidateFilter = (name: string, candidates: readonly Candidate[]) => SieveOutcome;

export interface PackageInfo {
  name: string;
  universe: Universe;
  /** Aligned with `universe.versions` (ascending). */
  candidates: readonly Candidate[];
  /** Set when a unit dropped the package (SkipPackage). */
  skipped: string | undefined;
}

/** A dependency of a release, active in the environment, with its parsed specifier. */
export interface ActiveDependency {
  name: string;
  specifierText: string;
  specifier: SpecifierSet | undefined;
  extras: readonly string[];
}

export interface CatalogOptions {
  /** `name==version` keys of yanked releases the project pins exactly (PEP 592 allows them). */
  allowYanked?: ReadonlySet<string>;
  filter?: CandidateFilter | undefined;
  /**
   * Checks the catalog applies itself (default all). The advise pipeline turns off those its
   * YankedSieve and SolvedSieve perform, so explanations name the unit; a bare resolve keeps them.
   */
  checks?: { yanked?: boolean; solved?: boolean };
}

const BASE_EXTRA = /^(.*)\[(.+)\]$/;

/** Splits a virtual `pkg[extra]` name into its base package and extra. */
export function splitExtra(name: string): { base: string; extra: string | null } {
  const m = BASE_EXTRA.exec(name);
  return m === null ? { base: name, extra: null } : { base: m[1]!, extra: m[2]! };
}

export function virtualName(base: string, extra: string): string {
  return `${base}[${extra}]`;
}

export class Catalog {
  private readonly knowledge: KnowledgeSource;
  private readonly environment: AdviserEnvironment;
  private readonly options: CatalogOptions;
  private readonly packages = new Map<string, PackageInfo>();
  private readonly markers = new Map<string, Marker | null>();
  private readonly specifiers = new Map<string, SpecifierSet | undefined>();
  private readonly pythonChecks = new Map<string, boolean>();
  /** Active dependencies per `name\0version\0extra` (the solver and the search ask again and again). */
  private readonly activeDependencies = new Map<string, readonly ActiveDependency[]>();
  /** Version sets per package and parsed specifier (parseSpecifier returns one object per text). */
  private readonly sets = new Map<string, Map<SpecifierSet, VersionSet>>();

  constructor(knowledge: KnowledgeSource, environment: AdviserEnvironment, options: CatalogOptions = {}) {
    this.knowledge = knowledge;
    this.environment = environment;
    this.options = options;
  }

  /** Loads every named package not loaded yet (virtual `pkg[extra]` names load their base). */
  async load(names: Iterable<string>): Promise<void> {
    const missing = [...new Set([...names].map((n) => splitExtra(n).base))].filter(
      (n) => !this.packages.has(n),
    );
    if (missing.length === 0) return;
    if (this.knowledge.prefetch !== undefined) await this.knowledge.prefetch(missing);
    for (const name of missing) {
      const releases = await this.knowledge.releases(name);
      this.packages.set(name, this.build(name, releases));
    }
  }

  isLoaded(name: string): boolean {
    return this.packages.has(splitExtra(name).base);
  }

  /** The loaded package (for a virtual name, its base package). Throws if not loaded. */
  get(name: string): PackageInfo {
    const info = this.packages.get(splitExtra(name).base);
    if (info === undefined) throw new Error(`package ${name} was not loaded`);
    return info;
  }

  /** Versions of `name` matching `specifier` (pre-releases included: policy applies at choice time). */
  setFor(name: string, specifier: SpecifierSet | undefined): VersionSet {
    const info = this.get(name);
    if (specifier === undefined) return VersionSet.unknownOnly(info.universe);
    if (specifier.length === 0) return VersionSet.all(info.universe);
    let byName = this.sets.get(name);
    if (byName === undefined) this.sets.set(name, (byName = new Map()));
    let set = byName.get(specifier);
    if (set === undefined) {
      set = VersionSet.where(info.universe, (_, i) =>
        specifier.contains(info.candidates[i]!.parsed, { prereleases: true }),
      );
      byName.set(specifier, set);
    }
    return set;
  }

  parseSpecifier(text: string): SpecifierSet | undefined {
    if (!this.specifiers.has(text)) this.specifiers.set(text, tryParseSpecifierSet(text));
    return this.specifiers.get(text);
  }

  /**
   * Dependencies of `name==version` active here: for `extra` null the unconditional ones whose
   * marker holds, for an extra those its activation adds. A marker that cannot be evaluated (an
   * unknown variable) makes the edge inactive, as the solver's verdict would be unknown too.
   */
  dependencies(name: string, version: string, extra: string | null): readonly ActiveDependency[] {
    const key = `${name}\u0000${version}\u0000${extra ?? ''}`;
    let deps = this.activeDependencies.get(key);
    if (deps === undefined)
      this.activeDependencies.set(key, (deps = this.computeDependencies(name, version, extra)));
    return deps;
  }

  private computeDependencies(name: string, version: string, extra: string | null): ActiveDependency[] {
    const info = this.get(name);
    const i = info.universe.indexOf(version);
    if (i === undefined) return [];
    const release = info.candidates[i]!.release;
    const out: ActiveDependency[] = [];
    for (const dep of release.dependencies) {
      if (!this.isActive(dep, extra)) continue;
      const depName = canonicalizeName(dep.name);
      // A release depending on itself adds nothing, unless it asks for its own extras (`a[all]`
      // requiring `a[extra_b]`), which then apply to this very release.
      if (depName === info.name && dep.extras.length === 0) continue;
      out.push({
        name: depName,
        specifierText: dep.specifier,
        specifier: this.parseSpecifier(dep.specifier),
        extras: [...new Set(dep.extras.map((n) => canonicalizeName(n)))].sort(),
      });
    }
    return out;
  }

  /** Extras of `name==version` that gate at least one dependency. */
  extrasOf(name: string, version: string): string[] {
    const info = this.get(name);
    const i = info.universe.indexOf(version);
    if (i === undefined) return [];
    const extras = new Set<string>();
    for (const d of info.candidates[i]!.release.dependencies) {
      if (d.activatingExtra !== null) extras.add(canonicalizeName(d.activatingExtra));
    }
    return [...extras].sort();
  }

  private isActive(dep: KnownDependency, extra: string | null): boolean {
    const gate = dep.activatingExtra === null ? null : canonicalizeName(dep.activatingExtra);
    if (gate !== extra) return false;
    if (dep.marker === null || dep.marker === '') return true;
    // The solver's verdict is per environment and known for unconditional edges only.
    if (extra === null && dep.markerResult !== null) return dep.markerResult;
    let marker = this.markers.get(dep.marker);
    if (marker === undefined) {
      try {
        marker = parseMarker(dep.marker);
      } catch {
        marker = null;
      }
      this.markers.set(dep.marker, marker);
    }
    if (marker === null) return false;
    try {
      return marker.evaluate({ ...this.environment.markers, extra: extra ?? '' }, 'metadata');
    } catch {
      return false;
    }
  }

  /** Does this environment's interpreter satisfy `requiresPython`? Malformed values are ignored, as pip does. */
  private pythonAccepts(requiresPython: string | null): boolean {
    if (requiresPython === null || requiresPython.trim() === '') return true;
    let ok = this.pythonChecks.get(requiresPython);
    if (ok === undefined) {
      const spec = tryParseSpecifierSet(requiresPython);
      ok = spec === undefined ? true : isPythonCompatible(spec, this.environment.pythonVersion);
      this.pythonChecks.set(requiresPython, ok);
    }
    return ok;
  }

  private intrinsic(name: string, r: AdviserRelease): Unavailability | null {
    if (r.isMissing) return { reason: 'no-compatible-file', detail: 'missing from its index' };
    const checks = this.options.checks ?? {};
    if (
      checks.yanked !== false &&
      r.yanked &&
      !(this.options.allowYanked?.has(`${name}==${r.version}`) ?? false)
    ) {
      return { reason: 'yanked', detail: null };
    }
    if (!this.pythonAccepts(r.requiresPython)) {
      return { reason: 'requires-python', detail: `Requires-Python ${r.requiresPython}` };
    }
    if (checks.solved === false) return null;
    if (r.installable === false) return { reason: 'not-installable', detail: r.reason };
    if (r.installable === null) return { reason: 'not-solved', detail: 'not solved for this environment' };
    return null;
  }

  private build(name: string, releases: readonly AdviserRelease[]): PackageInfo {
    // Group the records of each version (one per index); unparsable (legacy) versions are dropped,
    // as LegacyVersionSieve did in the original.
    const byVersion = new Map<string, { parsed: Version; records: AdviserRelease[] }>();
    for (const r of releases) {
      const parsed = tryParseVersion(r.version);
      if (parsed === undefined) continue;
      const entry = byVersion.get(r.version);
      if (entry === undefined) byVersion.set(r.version, { parsed, records: [r] });
      else entry.records.push(r);
    }
    const versions = [...byVersion.keys()].sort(compareVersions);
    const universe = new Universe(name, versions);
    let candidates: Candidate[] = versions.map((version) => {
      const { parsed, records } = byVersion.get(version)!;
      const verdicts = records.map((r) => this.intrinsic(name, r));
      // Prefer the first index whose record is usable, installable and not yanked.
      const good = verdicts.findIndex(
        (v, k) => v === null && records[k]!.installable === true && !records[k]!.yanked,
      );
      const usable = good >= 0 ? good : verdicts.findIndex((v) => v === null);
      const pick = usable >= 0 ? usable : 0;
      return { name, version, parsed, release: records[pick]!, records, unavailable: verdicts[pick] ?? null };
    });
    let skipped: string | undefined;
    if (this.options.filter !== undefined) {
      const outcome = this.options.filter(name, candidates.filter((c) => c.unavailable === null).reverse());
      skipped = outcome.skip;
      candidates = candidates.map((c) => {
        const removal = c.unavailable === null ? outcome.removed.get(c.version) : undefined;
        return removal === undefined ? c : { ...c, unavailable: removal };
      });
    }
    return { name, universe, candidates, skipped };
  }
}
