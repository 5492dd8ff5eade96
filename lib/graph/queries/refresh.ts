// Queries of the periodic refresh (graph-refresh): work the graph still lacks, up to a cap, excluding
// work already in flight and work that has used up its attempts (the original re-selected both and
// never converged — reference/thoth-pipeline.md §11). Job keys follow the investigator's format:
// solve `name:version:environment:index`, security-indicator `name:version:index`.
import type { SqlExecutor } from '../types.js';

export interface UnsolvedPair {
  name: string;
  version: string;
  indexUrl: string;
  environmentKey: string;
}

export interface UnanalysedRelease {
  name: string;
  version: string;
  indexUrl: string;
}

/** Job statuses that mean "leave it alone": running now, done, or out of attempts. */
const SETTLED = "('pending', 'submitted', 'succeeded', 'exhausted')";

/**
 * Known releases with no verdict yet in one of the given environments, on enabled indexes, not
 * flagged missing, oldest first (deterministic, so repeated refreshes make progress in order).
 */
export async function unsolvedPairs(
  db: SqlExecutor,
  environmentKeys: readonly string[],
  limit: number,
): Promise<UnsolvedPair[]> {
  if (environmentKeys.length === 0 || limit <= 0) return [];
  return db.query<UnsolvedPair>(
    `SELECT r.package_name AS "name", r.version, i.url AS "indexUrl", e.key AS "environmentKey"
     FROM python_release r
     JOIN python_index i ON i.id = r.index_id AND i.enabled
     CROSS JOIN (SELECT id, key FROM runtime_environment WHERE key = ANY($1::text[])) e
     WHERE NOT r.is_missing
       AND NOT EXISTS (SELECT 1 FROM release_verdict v WHERE v.release_id = r.id AND v.environment_id = e.id)
       AND NOT EXISTS (
         SELECT 1 FROM job j WHERE j.kind = 'solve'
           AND j.key = r.package_name || ':' || r.version || ':' || e.key || ':' || i.url
           AND j.status IN ${SETTLED})
     ORDER BY r.id, e.key
     LIMIT $2`,
    [environmentKeys, limit],
  );
}

/** Releases that publish an sdist and have no security-indicator run yet, oldest first. */
export async function unanalysedReleases(db: SqlExecutor, limit: number): Promise<UnanalysedRelease[]> {
  if (limit <= 0) return [];
  return db.query<UnanalysedRelease>(
    `SELECT r.package_name AS "name", r.version, i.url AS "indexUrl"
     FROM python_release r
     JOIN python_index i ON i.id = r.index_id AND i.enabled
     WHERE NOT r.is_missing AND r.provides_source_distro
       AND NOT EXISTS (SELECT 1 FROM security_indicator_run s WHERE s.release_id = r.id)
       AND NOT EXISTS (
         SELECT 1 FROM job j WHERE j.kind = 'security-indicator'
           AND j.key = r.package_name || ':' || r.version || ':' || i.url
           AND j.status IN ${SETTLED})
     ORDER BY r.id
     LIMIT $1`,
    [limit],
  );
}
