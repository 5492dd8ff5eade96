// Products: a final state turned into the advise-result's lock (pins with index, hashes, extras),
// score, justification (never empty) and dependency graph.
import type { AdviserProduct, Justification, LockedPackage } from '../contracts/index.js';
import type { Catalog } from './resolver/index.js';
import type { State } from './state.js';

/** A fixed message when nothing else explains a stack (the original's default). */
export const NO_ISSUES: Justification = {
  type: 'info',
  message: "No issues spotted for this stack based on Thoth's knowledge.",
  link: null,
};

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toProduct(state: State, catalog: Catalog): AdviserProduct {
  const names = [...state.resolved.keys()].sort(byName);
  const packages: LockedPackage[] = names.map((name) => {
    const version = state.resolved.get(name)!;
    const info = catalog.get(name);
    const release = info.candidates[info.universe.indexOf(version)!]!.release;
    const files =
      release.files !== undefined
        ? release.files.map((f) => ({ filename: f.filename, url: f.url, hashes: { sha256: f.sha256 } }))
        : // lib/graph's KnownRelease has digests but no file names yet: name the artifact by its digest.
          release.hashes.map((sha256) => ({
            filename: `${name}-${version}.sha256-${sha256.slice(0, 16)}`,
            url: null,
            hashes: { sha256 },
          }));
    return {
      name,
      version,
      index_url: release.indexUrl,
      // Locks are for one environment: markers were evaluated while resolving.
      marker: null,
      extras: [...(state.extras.get(name) ?? [])].sort(byName),
      develop: false,
      files,
    };
  });
  // The dependency graph is derived from the catalog rather than kept in every search state:
  // copying a growing edge set on each expansion was a large share of the search's time.
  const index = new Map(names.map((n, i) => [n, i]));
  const pairs = new Set<string>();
  const edges: Array<{ from: number; to: number }> = [];
  for (const [from, name] of names.entries()) {
    const version = state.resolved.get(name)!;
    for (const extra of [null, ...(state.extras.get(name) ?? [])]) {
      for (const dep of catalog.dependencies(name, version, extra)) {
        const to = index.get(dep.name);
        if (to === undefined || to === from || pairs.has(`${from} ${to}`)) continue;
        pairs.add(`${from} ${to}`);
        edges.push({ from, to });
      }
    }
  }
  const unique = edges.sort((a, b) => a.from - b.from || a.to - b.to);
  return {
    score: state.score,
    lock: { requires_python: null, packages },
    justification: state.justification.length > 0 ? state.justification : [NO_ISSUES],
    dependency_graph: { edges: unique },
    advised_runtime_environment: null,
  };
}
