// Dependency availability: for each distinct dependency, one project-page read on the dependency
// indexes (bounded concurrency), then for each specifier asked of it, whether any release satisfies
// it. Those none satisfies become `unresolved` entries, which is what lets the pipeline learn about
// missing packages (the investigator turns them into UnresolvedPackage messages).
import pLimit from 'p-limit';
import type { SolverError, UnresolvedRequirement } from '../contracts/index.js';
import { IndexHostError } from '../index/index.js';
import type { PackageIndex, ProjectLookup } from '../index/index.js';
import { ThothError } from '../errors/index.js';
import { tryParseSpecifierSet } from '../python/index.js';
import { groupReleases } from './releases.js';

/** Project pages read once per index object and name during one solve (main and dependency reads share). */
export class PageMemo {
  private readonly pages = new Map<string, Promise<ProjectLookup>>();

  constructor(readonly index: PackageIndex) {}

  /** The project page of `normalizedName`, read at most once. */
  get(normalizedName: string): Promise<ProjectLookup> {
    let page = this.pages.get(normalizedName);
    if (page === undefined) {
      page = this.index.getProject(normalizedName);
      this.pages.set(normalizedName, page);
    }
    return page;
  }

  /** Distinct pages asked for. */
  get size(): number {
    return this.pages.size;
  }
}

/** A dependency requirement to check: a normalized name and a PEP 440 specifier ('' for any). */
export interface DependencyQuery {
  readonly name: string;
  readonly specifier: string;
}

/** Unresolved dependencies and the lookups that failed (an index error is not "no versions"). */
export interface Availability {
  unresolved: UnresolvedRequirement[];
  errors: SolverError[];
}

/**
 * Check each distinct (name, specifier) against the dependency indexes. A release counts when it has
 * a non-yanked file, or a yanked one and the specifier only pins exact versions (PEP 592). Host
 * errors and malformed pages become `errors` entries ('dependency-index-unavailable',
 * 'dependency-lookup-failed') so one bad dependency index neither sinks the solve nor passes for
 * "not found"; anything that is not a ThothError is a bug and is thrown.
 */
export async function checkAvailability(
  queries: readonly DependencyQuery[],
  memo: PageMemo,
  concurrency: number,
): Promise<Availability> {
  const byName = new Map<string, Set<string>>();
  for (const { name, specifier } of queries) {
    const specifiers = byName.get(name) ?? new Set<string>();
    specifiers.add(specifier);
    byName.set(name, specifiers);
  }
  const limit = pLimit(concurrency);
  const fallbackIndex = stripSlash(memo.index.indexUrls[0] ?? '');
  const names = [...byName.keys()].sort();
  const outcomes = await Promise.all(
    names.map((name) =>
      limit(async (): Promise<Availability> => {
        const specifiers = [...byName.get(name)!].sort();
        let page: ProjectLookup;
        try {
          page = await memo.get(name);
        } catch (error) {
          if (!(error instanceof ThothError)) throw error;
          const code =
            error instanceof IndexHostError ? 'dependency-index-unavailable' : 'dependency-lookup-failed';
          return {
            unresolved: [],
            errors: [
              {
                name,
                version: null,
                index_url: fallbackIndex,
                environment_id: null,
                code,
                message: `looking up dependency ${name}: ${error.message} [${error.code}]`,
              },
            ],
          };
        }
        if (page.kind === 'not-found') {
          const indexes = page.indexUrls.map(stripSlash);
          return {
            unresolved: specifiers.map((specifier) => ({
              name,
              specifier,
              index_url: indexes[0] ?? fallbackIndex,
              reason: 'package-not-found' as const,
              message: `no project ${name} on ${indexes.join(', ')}`,
            })),
            errors: [],
          };
        }
        const releases = [...groupReleases(page).values()];
        const usable = releases.filter((r) => r.files.some((f) => !f.yanked)).map((r) => r.version);
        const any = releases.map((r) => r.version);
        const unresolved: UnresolvedRequirement[] = [];
        for (const specifier of specifiers) {
          const set = tryParseSpecifierSet(specifier);
          if (set === undefined) continue; // cannot happen: it came from a parsed requirement
          const pinsOnly =
            set.length > 0 &&
            set
              .canonicalSpecifiers()
              .every((s) => s.operator === '===' || (s.operator === '==' && !s.isWildcard));
          // filter follows packaging: pre-releases count when nothing else matches.
          if (set.filter(pinsOnly ? any : usable).length > 0) continue;
          unresolved.push({
            name,
            specifier,
            index_url: stripSlash(page.indexUrl),
            reason: 'no-matching-version',
            message:
              specifier === ''
                ? `${name} on ${stripSlash(page.indexUrl)} has no installable release`
                : `no release of ${name} on ${stripSlash(page.indexUrl)} matches ${specifier}`,
          });
        }
        return { unresolved, errors: [] };
      }),
    ),
  );
  return {
    unresolved: outcomes.flatMap((o) => o.unresolved),
    errors: outcomes.flatMap((o) => o.errors),
  };
}

/** Index URLs are recorded without the trailing slash, as elsewhere in the graph ('https://pypi.org/simple'). */
export function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
