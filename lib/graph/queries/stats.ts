// Counts and a content hash of the graph's knowledge, for `thoth graph stats` and for checking that
// `rebuild` from the artifact store reproduces the same graph. The hash covers content only (no ids,
// no timestamps of our own), in a canonical order.
import type { SqlExecutor } from '../types.js';

export interface GraphStats {
  indexes: number;
  releases: number;
  files: number;
  dependencies: number;
  environments: number;
  verdicts: number;
  solverRuns: number;
  advisories: number;
  jobs: number;
  /** md5 over the canonical text of releases, files, dependencies, marker results and verdicts. */
  contentHash: string;
}

const CONTENT_HASH_SQL = `
SELECT md5(coalesce((SELECT string_agg(line, E'\\n' ORDER BY line) FROM (
  SELECT concat_ws('|', 'r', r.package_name, r.version, i.url, r.requires_python, r.yanked, r.yanked_reason,
           r.upload_time, r.is_missing, r.provides_source_distro) AS line
    FROM python_release r JOIN python_index i ON i.id = r.index_id
  UNION ALL
  SELECT concat_ws('|', 'f', r.package_name, r.version, i.url, f.filename, f.kind, array_to_string(f.tags, ' '),
           f.sha256, f.size, f.upload_time, f.url, f.present)
    FROM python_file f JOIN python_release r ON r.id = f.release_id JOIN python_index i ON i.id = r.index_id
  UNION ALL
  SELECT concat_ws('|', 'd', r.package_name, r.version, i.url, d.position, d.name, d.specifier,
           array_to_string(d.extras, ','), d.marker, d.activating_extra, d.url)
    FROM python_dependency d JOIN python_release r ON r.id = d.release_id JOIN python_index i ON i.id = r.index_id
  UNION ALL
  SELECT concat_ws('|', 'm', r.package_name, r.version, i.url, d.position, e.key, m.result)
    FROM dependency_marker_result m JOIN python_dependency d ON d.id = m.dependency_id
    JOIN python_release r ON r.id = d.release_id JOIN python_index i ON i.id = r.index_id
    JOIN runtime_environment e ON e.id = m.environment_id
  UNION ALL
  SELECT concat_ws('|', 'v', r.package_name, r.version, i.url, e.key, v.installable, v.reason, v.error)
    FROM release_verdict v JOIN python_release r ON r.id = v.release_id JOIN python_index i ON i.id = r.index_id
    JOIN runtime_environment e ON e.id = v.environment_id
) lines), '')) AS hash`;

export async function graphStats(db: SqlExecutor): Promise<GraphStats> {
  const [counts] = await db.query<Record<string, number>>(`SELECT
    (SELECT count(*)::int FROM python_index) AS indexes,
    (SELECT count(*)::int FROM python_release) AS releases,
    (SELECT count(*)::int FROM python_file) AS files,
    (SELECT count(*)::int FROM python_dependency) AS dependencies,
    (SELECT count(*)::int FROM runtime_environment) AS environments,
    (SELECT count(*)::int FROM release_verdict) AS verdicts,
    (SELECT count(*)::int FROM solver_run) AS solver_runs,
    (SELECT count(*)::int FROM advisory) AS advisories,
    (SELECT count(*)::int FROM job) AS jobs`);
  const [hash] = await db.query<{ hash: string }>(CONTENT_HASH_SQL);
  return {
    indexes: counts!.indexes!,
    releases: counts!.releases!,
    files: counts!.files!,
    dependencies: counts!.dependencies!,
    environments: counts!.environments!,
    verdicts: counts!.verdicts!,
    solverRuns: counts!.solver_runs!,
    advisories: counts!.advisories!,
    jobs: counts!.jobs!,
    contentHash: hash!.hash,
  };
}
