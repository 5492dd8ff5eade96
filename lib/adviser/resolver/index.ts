// Public face of the complete resolver: resolve(requirements) over a Catalog of knowledge, giving the
// newest-preferring stack (with the chosen records, extras and dependency edges) or a derivation.
import { canonicalizeName, parseMarker, tryParseSpecifierSet } from '../../python/index.js';
import type { AdviserEnvironment, KnowledgeSource, PrereleasePolicy, RootRequirement } from '../types.js';
import { Catalog } from './catalog.js';
import type { Candidate, CandidateFilter } from './catalog.js';
import type { Incompatibility } from './incompatibility.js';
import { Solver } from './solver.js';
import type { KnowledgeGap, SolverStatistics } from './solver.js';

export { Catalog, splitExtra, virtualName } from './catalog.js';
export type { ActiveDependency, Candidate, CandidateFilter, PackageInfo, SieveOutcome } from './catalog.js';
export { Incompatibility, ROOT } from './incompatibility.js';
export type { Cause } from './incompatibility.js';
export { ResolutionBudgetExceeded } from './solver.js';
export type { KnowledgeGap, SolverStatistics } from './solver.js';
export { Universe, VersionSet } from './version-set.js';
export type { Term } from './term.js';

export const id = 'pubgrub';
export const description =
  'Complete resolver: PubGrub-style conflict-driven search preferring the newest usable versions';

export interface ResolvedPackage {
  name: string;
  version: string;
  candidate: Candidate;
  /** Extras of the package the stack activates. */
  extras: string[];
  /** Names of the packages it depends on in this stack. */
  dependencies: string[];
}

export interface ResolveOptions {
  constraints?: readonly RootRequirement[];
  prereleases?: PrereleasePolicy;
  /** Exact pins (name -> version) the result must agree with where the package is selected. */
  pins?: ReadonlyMap<string, string>;
  conflictThreshold?: number;
  /** Versions to try first where allowed (see SolverOptions.prefer); the result need not be newest. */
  prefer?: ReadonlyMap<string, string>;
  /** Throw ResolutionBudgetExceeded after this many propagation steps (look-aheads only). */
  maxPropagations?: number;
  /** Learning mode (SolverOptions.assumeUnknown): list every missing package the resolution reaches. */
  assumeUnknown?: boolean;
}

export type ResolveOutcome =
  | {
      kind: 'solved';
      packages: ResolvedPackage[];
      statistics: SolverStatistics;
      gaps: KnowledgeGap[];
      /** Learning mode only: packages assumed to exist (not in `packages`), with the range asked for. */
      assumed: Array<{ name: string; specifier: string }>;
    }
  | { kind: 'unsatisfiable'; failure: Incompatibility; statistics: SolverStatistics; gaps: KnowledgeGap[] };

/** Requirements whose marker holds in the environment, with normalized names. */
export function activeRequirements(
  requirements: readonly RootRequirement[],
  environment: AdviserEnvironment,
): RootRequirement[] {
  return requirements
    .filter(
      (r) =>
        r.marker === null ||
        r.marker === '' ||
        parseMarker(r.marker).evaluate({ ...environment.markers, extra: '' }),
    )
    .map((r) => ({ ...r, name: canonicalizeName(r.name), extras: r.extras.map((n) => canonicalizeName(n)) }));
}

/** `name==version` of every exact pin among the requirements (PEP 592 lets those select a yanked release). */
export function exactPins(requirements: readonly RootRequirement[]): Set<string> {
  const out = new Set<string>();
  for (const r of requirements) {
    const spec = tryParseSpecifierSet(r.specifier);
    if (spec === undefined) continue;
    for (const s of spec.specifiers) {
      if ((s.operator === '==' || s.operator === '===') && !s.version.endsWith('*')) {
        out.add(`${canonicalizeName(r.name)}==${s.version}`);
      }
    }
  }
  return out;
}

/** A per-run catalog over `knowledge`; share it between resolutions of one run to reuse reads. */
export function createCatalog(
  knowledge: KnowledgeSource,
  environment: AdviserEnvironment,
  requirements: readonly RootRequirement[],
  filter?: CandidateFilter,
  checks?: { yanked?: boolean; solved?: boolean },
): Catalog {
  return new Catalog(knowledge, environment, { allowYanked: exactPins(requirements), filter, checks });
}

function explicitPrereleases(requirements: readonly RootRequirement[]): Set<string> {
  const out = new Set<string>();
  for (const r of requirements) {
    if (tryParseSpecifierSet(r.specifier)?.prereleases === true) out.add(canonicalizeName(r.name));
  }
  return out;
}

/**
 * Resolves `requirements` (already filtered by marker, see activeRequirements) preferring the newest
 * usable version of every package; complete: if a stack exists it is found, else the outcome carries
 * the incompatibility that proves none does.
 */
export async function resolve(
  catalog: Catalog,
  requirements: readonly RootRequirement[],
  options: ResolveOptions = {},
): Promise<ResolveOutcome> {
  const constraints = options.constraints ?? [];
  const solver = new Solver(catalog, requirements, {
    prereleases: options.prereleases ?? 'if-necessary-in-range-or-explicit',
    explicitPrereleases: explicitPrereleases([...requirements, ...constraints]),
    constraints,
    pins: options.pins,
    conflictThreshold: options.conflictThreshold,
    prefer: options.prefer,
    maxPropagations: options.maxPropagations,
    assumeUnknown: options.assumeUnknown,
  });
  const outcome = await solver.solve();
  if (outcome.kind === 'unsatisfiable') return outcome;
  const packages: ResolvedPackage[] = [];
  for (const [name, version] of outcome.selection) {
    const info = catalog.get(name);
    const candidate = info.candidates[info.universe.indexOf(version)!]!;
    const extras = outcome.extras.get(name) ?? [];
    const deps = new Set<string>();
    for (const extra of [null, ...extras]) {
      for (const d of catalog.dependencies(name, version, extra)) {
        if (outcome.selection.has(d.name)) deps.add(d.name);
      }
    }
    packages.push({ name, version, candidate, extras, dependencies: [...deps].sort() });
  }
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    kind: 'solved',
    packages,
    statistics: outcome.statistics,
    gaps: outcome.gaps,
    assumed: outcome.assumed,
  };
}
