// Transitive solving: after the requested releases of one package, solve the releases of its
// dependencies that their specifiers select (newest N per requirement, or all), then theirs, breadth
// first, each release at most once, until nothing new is asked for or a package cap is reached. The
// whole run is one solver result (one document): the schema's releases carry their own names, and
// graph-sync stores each release by (name, version, index). The original solver could do this
// (`--no-transitive` off) but the investigator always turned it off and relied on UnresolvedPackage
// round trips instead (reference/thoth-pipeline.md §3.4); here one run can fill a closure at once.
import pLimit from 'p-limit';
import type { SolvedRelease, SolverResult } from '../contracts/index.js';
import { InputError, ThothError } from '../errors/index.js';
import { IndexHostError } from '../index/index.js';
import type { MetadataLookup, PackageIndex, ProjectFile, ProjectLookup } from '../index/index.js';
import { silentLogger } from '../log/index.js';
import { canonicalizeName, tryParseSpecifierSet } from '../python/index.js';
import { groupReleases, selectReleases, versionKey } from './releases.js';
import type { PageRelease } from './releases.js';
import { solvePackage } from './solver.js';
import type { SolveRequest, SolverPorts, SolveStats } from './types.js';

/** Default cap on distinct packages solved in one transitive run (the requested one included). */
export const DEFAULT_MAX_PACKAGES = 200;
/** Default packages solved at once within one breadth-first level. */
export const DEFAULT_PACKAGE_CONCURRENCY = 4;

/** How far a transitive run goes. */
export interface TransitiveOptions {
  /**
   * Releases solved per dependency requirement: the newest `count` releases its specifier admits
   * (non-yanked ones first, as an installer would pick), or every release it admits.
   */
  readonly dependencyReleases: { readonly kind: 'newest'; readonly count: number } | { readonly kind: 'all' };
  /** Most distinct packages solved, the requested one included; the rest is listed in `skipped`. */
  readonly maxPackages?: number;
  /** Packages solved at once within a level (each solves its releases with the ports' concurrency). */
  readonly packageConcurrency?: number;
  /** Extras of the requested package whose dependencies are followed too (normalized or not). */
  readonly extras?: readonly string[];
}

/** Counters of a transitive run. */
export interface TransitiveStats extends SolveStats {
  /** Distinct packages solved (the requested one included). */
  packages: number;
  /** Breadth-first levels run (1 = the requested package alone). */
  levels: number;
  /** Dependencies not followed because `maxPackages` was reached, sorted. */
  skipped: string[];
}

export interface TransitiveOutcome {
  readonly result: SolverResult;
  readonly stats: TransitiveStats;
}

/**
 * Solve `request` and then, breadth first, the releases its dependencies select. Dependencies behind
 * an extra are followed only when something asks for that extra (as installers do), markers are not
 * evaluated (the document serves every environment). Dependencies are solved from the dependency
 * index. Errors and unresolved entries of all packages are merged and deduplicated; the first
 * package's document order comes first, then each level's packages by name, so the result does not
 * depend on timing. Throws what `solvePackage` throws (InputError, IndexHostError).
 */
export async function solveTransitive(
  request: SolveRequest,
  options: TransitiveOptions,
  ports: SolverPorts,
): Promise<TransitiveOutcome> {
  checkOptions(options);
  const maxPackages = options.maxPackages ?? DEFAULT_MAX_PACKAGES;
  const logger = (ports.logger ?? silentLogger).child({ component: 'solver-transitive' });
  // Pages are read once for the whole run, not once per package solved.
  const index = new MemoIndex(ports.index);
  const dependencyIndex =
    ports.dependencyIndex === ports.index ? index : new MemoIndex(ports.dependencyIndex);
  const root = canonicalizeName(request.packageName);

  const first = await solvePackage(request, { ...ports, index, dependencyIndex });
  const result: SolverResult = {
    environments: first.result.environments,
    releases: [],
    errors: [],
    unresolved: [],
    unparsed: [],
  };
  const stats: TransitiveStats = { ...first.stats, packages: 1, levels: 1, skipped: [] };
  const merger = new ResultMerger(result);
  merger.add(first.result);

  /** Versions solved (or attempted) per package, by version key. */
  const solved = new Map<string, Set<string>>([[root, versionKeys(root, first.result)]]);
  /** Extras asked for per package; a new extra on a solved package re-opens its dependencies. */
  const extras = new Map<string, Set<string>>([
    [root, new Set((options.extras ?? []).map((e) => canonicalizeName(e)))],
  ]);
  /** (name, specifier) requirements already expanded into releases. */
  const expanded = new Set<string>();
  const skipped = new Set<string>();
  const limit = pLimit(options.packageConcurrency ?? DEFAULT_PACKAGE_CONCURRENCY);

  for (;;) {
    const wanted = collectRequirements(result.releases, extras);
    // Sorted by name, so which dependencies a package cap leaves out does not depend on metadata order.
    const fresh = [...wanted.entries()]
      .filter(([key]) => !expanded.has(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key] of fresh) expanded.add(key);
    const byName = new Map<string, string[]>();
    for (const [, { name, specifier }] of fresh) {
      if (!solved.has(name) && solved.size + byName.size >= maxPackages && !byName.has(name)) {
        skipped.add(name);
        continue;
      }
      byName.set(name, [...(byName.get(name) ?? []), specifier]);
    }
    if (byName.size === 0) break;

    const names = [...byName.keys()].sort();
    const plans = await Promise.all(
      names.map((name) =>
        limit(() => planReleases(dependencyIndex, name, byName.get(name)!, options, solved.get(name))),
      ),
    );
    const work = names.map((name, i) => ({ name, versions: plans[i]! })).filter((w) => w.versions.length > 0);
    if (work.length === 0) continue;
    stats.levels++;
    const outcomes = await Promise.all(
      work.map((w) =>
        limit(() =>
          solvePackage(
            {
              packageName: w.name,
              selection: { kind: 'versions', versions: w.versions },
              environments: request.environments,
            },
            { ...ports, index: dependencyIndex, dependencyIndex },
          ),
        ),
      ),
    );
    work.forEach((w, i) => {
      const outcome = outcomes[i]!;
      const seen = solved.get(w.name) ?? new Set<string>();
      if (!solved.has(w.name)) stats.packages++;
      for (const version of w.versions) seen.add(versionKey(version));
      solved.set(w.name, seen);
      merger.add(outcome.result);
      stats.selected += outcome.stats.selected;
      stats.solved += outcome.stats.solved;
      stats.metadataReads += outcome.stats.metadataReads;
      stats.dependencyLookups += outcome.stats.dependencyLookups;
      if (outcome.stats.metadataBuilds !== undefined)
        stats.metadataBuilds = (stats.metadataBuilds ?? 0) + outcome.stats.metadataBuilds;
    });
    logger.debug(
      { level: stats.levels, packages: work.length, releases: result.releases.length },
      'level solved',
    );
  }
  stats.skipped = [...skipped].filter((name) => !solved.has(name)).sort();
  if (stats.skipped.length > 0) {
    logger.info({ maxPackages, skipped: stats.skipped.length }, 'package cap reached; dependencies left out');
  }
  return { result, stats };
}

function checkOptions(options: TransitiveOptions): void {
  const positive = (value: number | undefined, what: string): void => {
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new InputError(`${what} must be a positive integer (got ${value})`);
    }
  };
  if (options.dependencyReleases.kind === 'newest')
    positive(options.dependencyReleases.count, 'releases per dependency');
  positive(options.maxPackages, 'the package cap');
  positive(options.packageConcurrency, 'the package concurrency');
}

function versionKeys(name: string, result: SolverResult): Set<string> {
  const keys = new Set(result.releases.map((r) => versionKey(r.version)));
  // Releases that failed are attempted too: asking again would only repeat the same error entry.
  for (const error of result.errors)
    if (error.name === name && error.version !== null) keys.add(versionKey(error.version));
  return keys;
}

/**
 * Every (name, specifier) the solved releases require, keyed `name|specifier`: dependencies without
 * an extra, and those behind an extra some edge (or the caller) asked for.
 */
function collectRequirements(
  releases: readonly SolvedRelease[],
  extras: Map<string, Set<string>>,
): Map<string, { name: string; specifier: string }> {
  // Extras requested on edges first, so one pass sees them all.
  for (const release of releases) {
    for (const dependency of release.dependencies) {
      if (dependency.extras.length === 0) continue;
      const asked = extras.get(dependency.name) ?? new Set<string>();
      for (const extra of dependency.extras) asked.add(extra);
      extras.set(dependency.name, asked);
    }
  }
  const wanted = new Map<string, { name: string; specifier: string }>();
  for (const release of releases) {
    const asked = extras.get(release.name);
    for (const dependency of release.dependencies) {
      if (dependency.extra !== null && asked?.has(dependency.extra) !== true) continue;
      wanted.set(`${dependency.name}|${dependency.specifier}`, {
        name: dependency.name,
        specifier: dependency.specifier,
      });
    }
  }
  return wanted;
}

/**
 * The versions of `name` to solve for these specifiers that are not solved yet. A page that cannot be
 * read or does not exist gives nothing: the requiring package's solve already recorded it as an
 * `unresolved` or `errors` entry.
 */
async function planReleases(
  index: PackageIndex,
  name: string,
  specifiers: readonly string[],
  options: TransitiveOptions,
  done: ReadonlySet<string> | undefined,
): Promise<string[]> {
  let page: ProjectLookup;
  try {
    page = await index.getProject(name);
  } catch (error) {
    if (error instanceof IndexHostError || !(error instanceof ThothError)) throw error;
    return [];
  }
  if (page.kind === 'not-found') return [];
  const releases = groupReleases(page);
  const chosen = new Map<string, PageRelease>();
  for (const specifier of specifiers) {
    if (tryParseSpecifierSet(specifier) === undefined) continue;
    const admitted = selectReleases(releases, { kind: 'specifier', specifier }).releases;
    let picked: PageRelease[];
    if (options.dependencyReleases.kind === 'all') picked = admitted;
    else {
      // An installer skips yanked releases unless pinned (PEP 592): prefer what it would install.
      const usable = admitted.filter((r) => r.files.some((f) => !f.yanked));
      picked = (usable.length > 0 ? usable : admitted).slice(-options.dependencyReleases.count);
    }
    for (const release of picked) chosen.set(versionKey(release.version), release);
  }
  return [...chosen.entries()].filter(([key]) => done?.has(key) !== true).map(([, r]) => r.version);
}

/** Merges package results into one, dropping repeated error, unresolved and unparsed entries. */
class ResultMerger {
  private readonly seen = new Set<string>();

  constructor(private readonly into: SolverResult) {}

  add(part: SolverResult): void {
    this.into.releases.push(...part.releases);
    this.push(this.into.errors, part.errors);
    this.push(this.into.unresolved, part.unresolved);
    this.push(this.into.unparsed, part.unparsed);
  }

  private push<T>(target: T[], entries: readonly T[]): void {
    for (const entry of entries) {
      const key = JSON.stringify(entry);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      target.push(entry);
    }
  }
}

/**
 * A PackageIndex whose project pages are read once per run (solvePackage memoizes pages only within
 * one call). Metadata reads pass through: each release is solved once.
 */
class MemoIndex implements PackageIndex {
  private readonly pages = new Map<string, Promise<ProjectLookup>>();

  constructor(private readonly inner: PackageIndex) {}

  get indexUrls(): readonly string[] {
    return this.inner.indexUrls;
  }

  getProject(name: string): Promise<ProjectLookup> {
    const key = canonicalizeName(name);
    let page = this.pages.get(key);
    if (page === undefined) {
      page = this.inner.getProject(key);
      // A failed read is not kept: the next asker tries again (after lib/index's own retries).
      page.catch(() => this.pages.delete(key));
      this.pages.set(key, page);
    }
    return page;
  }

  getCoreMetadata(file: ProjectFile): Promise<MetadataLookup> {
    return this.inner.getCoreMetadata(file);
  }
}
