// Bulk reads for the adviser: everything needed to expand a set of packages in one environment in one
// round trip (releases, their verdict there, their dependency edges with marker results, flags), and a
// whole dependency closure in one query per level. The original issued one query per edge.
import type { SqlExecutor } from '../types.js';

/** A dependency edge as the adviser sees it in one environment. */
export interface KnownDependency {
  name: string;
  specifier: string;
  extras: string[];
  marker: string | null;
  activatingExtra: string | null;
  /** Marker evaluated in this environment by the solver; null when the edge has no marker or was not evaluated. */
  markerResult: boolean | null;
}

/** A release as the adviser sees it in one environment. */
export interface KnownRelease {
  name: string;
  version: string;
  indexUrl: string;
  requiresPython: string | null;
  yanked: boolean;
  isMissing: boolean;
  providesSourceDistro: boolean;
  uploadTime: string | null;
  /** null: not solved for this environment yet (knowledge is missing). */
  installable: boolean | null;
  reason: string | null;
  /** sha256 of present files, for lock hashes. */
  hashes: string[];
  dependencies: KnownDependency[];
}

interface Row {
  name: string;
  version: string;
  index_url: string;
  requires_python: string | null;
  yanked: boolean;
  is_missing: boolean;
  provides_source_distro: boolean;
  upload_time: Date | string | null;
  installable: boolean | null;
  reason: string | null;
  hashes: string[] | null;
  dependencies: Array<{
    name: string;
    specifier: string;
    extras: string[];
    marker: string | null;
    activating_extra: string | null;
    marker_result: boolean | null;
  }> | null;
}

const PACKAGES_SQL = `
WITH env AS (SELECT id FROM runtime_environment WHERE key = $2)
SELECT r.package_name AS name, r.version, i.url AS index_url, r.requires_python, r.yanked, r.is_missing,
  r.provides_source_distro, r.upload_time, v.installable, v.reason,
  (SELECT array_agg(f.sha256 ORDER BY f.filename) FROM python_file f
     WHERE f.release_id = r.id AND f.present AND f.sha256 IS NOT NULL) AS hashes,
  (SELECT json_agg(json_build_object('name', d.name, 'specifier', d.specifier, 'extras', d.extras,
       'marker', d.marker, 'activating_extra', d.activating_extra, 'marker_result', mr.result) ORDER BY d.position)
     FROM python_dependency d
     LEFT JOIN dependency_marker_result mr ON mr.dependency_id = d.id AND mr.environment_id = (SELECT id FROM env)
     WHERE d.release_id = r.id) AS dependencies
FROM python_release r
JOIN python_index i ON i.id = r.index_id
LEFT JOIN release_verdict v ON v.release_id = r.id AND v.environment_id = (SELECT id FROM env)
WHERE r.package_name = ANY($1::text[])
ORDER BY r.package_name, r.id`;

function toRelease(row: Row): KnownRelease {
  return {
    name: row.name,
    version: row.version,
    indexUrl: row.index_url,
    requiresPython: row.requires_python,
    yanked: row.yanked,
    isMissing: row.is_missing,
    providesSourceDistro: row.provides_source_distro,
    uploadTime: row.upload_time === null ? null : new Date(row.upload_time).toISOString(),
    installable: row.installable,
    reason: row.reason,
    hashes: row.hashes ?? [],
    dependencies: (row.dependencies ?? []).map((d) => ({
      name: d.name,
      specifier: d.specifier,
      extras: d.extras,
      marker: d.marker,
      activatingExtra: d.activating_extra,
      markerResult: d.marker_result,
    })),
  };
}

/**
 * Everything known about the named packages (PEP 503 normalized names) for one environment, in one
 * round trip. A name with no releases maps to an empty list: the adviser reports it as unresolved.
 */
export async function loadPackages(
  db: SqlExecutor,
  names: readonly string[],
  environmentKey: string,
): Promise<Map<string, KnownRelease[]>> {
  const out = new Map<string, KnownRelease[]>(names.map((n) => [n, []]));
  if (names.length === 0) return out;
  const rows = await db.query<Row>(PACKAGES_SQL, [[...new Set(names)], environmentKey]);
  for (const row of rows) {
    const list = out.get(row.name) ?? [];
    list.push(toRelease(row));
    out.set(row.name, list);
  }
  return out;
}

/**
 * The dependency closure of `roots` in one environment: one query per breadth-first level. Edges whose
 * marker is known to be false in the environment are not followed; edges activated by extras are
 * followed (the adviser decides which extras apply), so the closure is a superset of any resolution.
 */
export async function loadClosure(
  db: SqlExecutor,
  roots: readonly string[],
  environmentKey: string,
  options: { maxPackages?: number } = {},
): Promise<{ packages: Map<string, KnownRelease[]>; queries: number }> {
  const maxPackages = options.maxPackages ?? 10_000;
  const packages = new Map<string, KnownRelease[]>();
  let frontier = [...new Set(roots)];
  let queries = 0;
  while (frontier.length > 0 && packages.size < maxPackages) {
    const level = await loadPackages(db, frontier, environmentKey);
    queries++;
    const next = new Set<string>();
    for (const [name, releases] of level) {
      packages.set(name, releases);
      for (const release of releases) {
        for (const dep of release.dependencies) {
          if (dep.markerResult === false) continue;
          if (!packages.has(dep.name) && !level.has(dep.name)) next.add(dep.name);
        }
      }
    }
    frontier = [...next].slice(0, Math.max(0, maxPackages - packages.size));
  }
  return { packages, queries };
}
