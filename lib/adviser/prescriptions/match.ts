// Matching a package version against a unit's `package_version` (reference §6.4): name, PEP 440
// specifier (pre-releases match, as the original's sieves allowed), index URL or `{not: url}`, and
// `develop` (no development dependencies are resolved here, so `develop: true` never matches).
import type { PrescriptionPackageVersion } from '../../contracts/index.js';
import { tryParseSpecifierSet } from '../../python/index.js';
import type { SpecifierSet, Version } from '../../python/index.js';
import type { State } from '../state.js';

/** What a matcher needs to know about a package version. */
export interface MatchedVersion {
  name: string;
  version: string;
  parsed?: Version | undefined;
  indexUrl?: string | null | undefined;
}

export type VersionMatcher = (candidate: MatchedVersion) => boolean;

function sameIndex(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export function compilePackageVersion(pv: PrescriptionPackageVersion): VersionMatcher {
  const specifier: SpecifierSet | undefined =
    pv.version === undefined ? undefined : tryParseSpecifierSet(pv.version);
  const index = pv.index_url;
  return (c) => {
    if (pv.name !== undefined && c.name !== pv.name) return false;
    if (pv.develop === true) return false;
    if (pv.version !== undefined) {
      if (specifier === undefined) return false;
      if (!specifier.contains(c.parsed ?? c.version, { prereleases: true })) return false;
    }
    if (index !== undefined) {
      const actual = c.indexUrl ?? null;
      if (typeof index === 'string') {
        if (actual === null || !sameIndex(actual, index)) return false;
      } else if (actual !== null && sameIndex(actual, index.not)) return false;
    }
    return true;
  };
}

/** `state.resolved_dependencies`: every entry must be resolved in the state and match. */
export function compileResolvedDependencies(
  deps: readonly PrescriptionPackageVersion[] | undefined,
  indexOf: (name: string, version: string) => string | null,
): (state: State) => boolean {
  if (deps === undefined || deps.length === 0) return () => true;
  const matchers = deps.map((d) => ({ name: d.name!, test: compilePackageVersion(d) }));
  return (state) =>
    matchers.every(({ name, test }) => {
      const version = state.resolved.get(name);
      return version !== undefined && test({ name, version, indexUrl: indexOf(name, version) });
    });
}
