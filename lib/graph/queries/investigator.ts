// Reads and writes of the investigator (lib/investigator): what is already known about a release
// (verdicts per environment, security indicators), which indexes are enabled, which adviser runs
// wait for knowledge, and the submitted jobs whose workflows the investigator follows up.
import { equalityKey, tryParseVersion } from '../../python/version/index.js';
import { upsertIndex } from './releases.js';
import type { SqlExecutor } from '../types.js';

/** Keys of the environments in which a release has a verdict (solved, installable or not). */
export async function solvedEnvironments(
  db: SqlExecutor,
  release: { name: string; version: string; indexUrl: string },
): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `SELECT e.key FROM release_verdict v
     JOIN python_release r ON r.id = v.release_id
     JOIN python_index i ON i.id = r.index_id
     JOIN runtime_environment e ON e.id = v.environment_id
     WHERE r.package_name = $1 AND (r.version = $2 OR r.normalized_version = $2) AND i.url = $3`,
    [release.name, release.version, release.indexUrl],
  );
  return new Set(rows.map((r) => r.key));
}

/** True when a security-indicator run (successful or not) exists for the release. */
export async function hasSecurityIndicators(
  db: SqlExecutor,
  release: { name: string; version: string; indexUrl: string },
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM security_indicator_run s
     JOIN python_release r ON r.id = s.release_id
     JOIN python_index i ON i.id = r.index_id
     WHERE r.package_name = $1 AND (r.version = $2 OR r.normalized_version = $2) AND i.url = $3 LIMIT 1`,
    [release.name, release.version, release.indexUrl],
  );
  return rows.length > 0;
}

/** Flags of a release that decide whether analysing its sources makes sense; undefined when unknown. */
export async function releaseFlags(
  db: SqlExecutor,
  release: { name: string; version: string; indexUrl: string },
): Promise<{ isMissing: boolean; providesSourceDistro: boolean } | undefined> {
  const [row] = await db.query<{ is_missing: boolean; provides_source_distro: boolean }>(
    `SELECT r.is_missing, r.provides_source_distro FROM python_release r
     JOIN python_index i ON i.id = r.index_id
     WHERE r.package_name = $1 AND (r.version = $2 OR r.normalized_version = $2) AND i.url = $3`,
    [release.name, release.version, release.indexUrl],
  );
  return row === undefined
    ? undefined
    : { isMissing: row.is_missing, providesSourceDistro: row.provides_source_distro };
}

/** True when the index is registered and enabled in the graph. */
export async function isIndexEnabled(db: SqlExecutor, url: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM python_index WHERE url = $1 AND enabled', [url]);
  return rows.length > 0;
}

/** One package an adviser run lacked. `specifier` '' means any version; `indexUrl` '' any index. */
export interface PendingUnresolved {
  name: string;
  specifier: string;
  indexUrl: string;
}

/** An adviser run that asked for a re-run and has not had one yet. */
export interface PendingReRun {
  runId: number;
  documentId: string;
  recommendationType: string | null;
  environmentKey: string | null;
  unresolved: PendingUnresolved[];
}

/**
 * Adviser runs waiting for a re-run (need_re_run, no re_run_document_id yet) that lacked `name`,
 * with everything each of them lacked.
 */
export async function pendingReRunsFor(db: SqlExecutor, name: string): Promise<PendingReRun[]> {
  const rows = await db.query<{
    id: string;
    document_id: string;
    recommendation_type: string | null;
    environment_key: string | null;
    unresolved: { name: string; specifier: string; index_url: string }[];
  }>(
    `SELECT a.id, a.document_id, a.recommendation_type, a.environment_key,
       (SELECT json_agg(json_build_object('name', u.package_name, 'specifier', u.version, 'index_url', u.index_url)
          ORDER BY u.package_name, u.version, u.index_url)
        FROM adviser_unresolved u WHERE u.adviser_run_id = a.id) AS unresolved
     FROM adviser_run a
     WHERE a.need_re_run AND a.re_run_document_id IS NULL
       AND EXISTS (SELECT 1 FROM adviser_unresolved u WHERE u.adviser_run_id = a.id AND u.package_name = $1)
     ORDER BY a.id`,
    [name],
  );
  return rows.map((r) => ({
    runId: Number(r.id),
    documentId: r.document_id,
    recommendationType: r.recommendation_type,
    environmentKey: r.environment_key,
    unresolved: (r.unresolved ?? []).map((u) => ({
      name: u.name,
      specifier: u.specifier,
      indexUrl: u.index_url,
    })),
  }));
}

/** Versions of the named packages that have a verdict (in `environmentKey`, or anywhere when null). */
export async function solvedVersions(
  db: SqlExecutor,
  names: readonly string[],
  environmentKey: string | null,
): Promise<{ name: string; version: string; indexUrl: string }[]> {
  if (names.length === 0) return [];
  return db.query<{ name: string; version: string; indexUrl: string }>(
    `SELECT DISTINCT r.package_name AS name, r.version, i.url AS "indexUrl"
     FROM python_release r
     JOIN python_index i ON i.id = r.index_id
     JOIN release_verdict v ON v.release_id = r.id
     JOIN runtime_environment e ON e.id = v.environment_id
     WHERE r.package_name = ANY($1::text[]) AND ($2::text IS NULL OR e.key = $2)`,
    [[...new Set(names)], environmentKey],
  );
}

/**
 * Record that a re-run of an adviser run is scheduled, once: only the first caller gets true. Call in
 * the transaction that announces the re-run, so a rollback leaves the run pending.
 */
export async function markReRunScheduled(
  db: SqlExecutor,
  runId: number,
  reRunDocumentId: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE adviser_run SET re_run_document_id = $2, need_re_run = false
     WHERE id = $1 AND re_run_document_id IS NULL RETURNING id`,
    [runId, reRunDocumentId],
  );
  return rows.length > 0;
}

/** The recommendation type of an adviser run by document id; undefined when the run is unknown. */
export async function adviserRun(
  db: SqlExecutor,
  documentId: string,
): Promise<{ recommendationType: string | null; environmentKey: string | null } | undefined> {
  const [row] = await db.query<{ recommendation_type: string | null; environment_key: string | null }>(
    'SELECT recommendation_type, environment_key FROM adviser_run WHERE document_id = $1',
    [documentId],
  );
  return row === undefined
    ? undefined
    : { recommendationType: row.recommendation_type, environmentKey: row.environment_key };
}

/** Mark every present file of a release with this sha256 absent; returns the number changed. */
export async function markFileAbsentByHash(
  db: SqlExecutor,
  release: { name: string; version: string; indexUrl: string },
  sha256: string,
): Promise<number> {
  const rows = await db.query(
    `UPDATE python_file SET present = false
     WHERE sha256 = $4 AND present AND release_id IN (
       SELECT r.id FROM python_release r JOIN python_index i ON i.id = r.index_id
       WHERE r.package_name = $1 AND (r.version = $2 OR r.normalized_version = $2) AND i.url = $3)
     RETURNING id`,
    [release.name, release.version, release.indexUrl, sha256],
  );
  return rows.length;
}

/** A job whose workflow was submitted and has not been seen finishing. */
export interface SubmittedJob {
  kind: string;
  key: string;
  workflowName: string | null;
  attempts: number;
  updatedAt: Date;
}

/** Submitted jobs, oldest first; the reconciler asks the engine how each of them ended. */
export async function submittedJobs(db: SqlExecutor, limit: number): Promise<SubmittedJob[]> {
  const rows = await db.query<{
    kind: string;
    key: string;
    workflow_name: string | null;
    attempts: number;
    updated_at: Date | string;
  }>(
    `SELECT kind, key, workflow_name, attempts, updated_at FROM job
     WHERE status = 'submitted' ORDER BY updated_at, id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    kind: r.kind,
    key: r.key,
    workflowName: r.workflow_name,
    attempts: r.attempts,
    updatedAt: new Date(r.updated_at),
  }));
}

/** Submitted jobs per kind, for the back-pressure gauge. */
export async function submittedJobCounts(db: SqlExecutor): Promise<Map<string, number>> {
  const rows = await db.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM job WHERE status = 'submitted' GROUP BY kind`,
  );
  return new Map(rows.map((r) => [r.kind, r.n]));
}

/**
 * Records the versions an index lists for a package as bare releases (no files, dependencies or
 * verdicts; what a solver learns fills them in later). The adviser then sees them as "not solved
 * here yet" rather than not existing, so a resolution that runs out of solved releases asks for
 * older ones instead of concluding that no version exists. A version equal to one the graph has
 * (1.2 against 1.2.0) and versions PEP 440 cannot parse (no resolver can use them) are left out.
 * Returns how many rows were new.
 */
export async function recordListedReleases(
  db: SqlExecutor,
  name: string,
  indexUrl: string,
  versions: readonly string[],
): Promise<number> {
  const existing = await db.query<{ version: string }>(
    `SELECT r.version FROM python_release r JOIN python_index i ON i.id = r.index_id
     WHERE r.package_name = $1 AND i.url = $2`,
    [name, indexUrl],
  );
  const seen = new Set<string>();
  for (const row of existing) {
    const parsed = tryParseVersion(row.version);
    if (parsed !== undefined) seen.add(equalityKey(parsed));
  }
  const fresh: Array<{ version: string; normalized: string }> = [];
  for (const version of versions) {
    const parsed = tryParseVersion(version);
    if (parsed === undefined) continue;
    const key = equalityKey(parsed);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push({ version, normalized: parsed.toString() });
  }
  if (fresh.length === 0) return 0;
  const indexId = await upsertIndex(db, indexUrl);
  const rows = await db.query(
    `INSERT INTO python_release (package_name, version, normalized_version, index_id)
     SELECT $1, l.version, l.normalized, $2 FROM unnest($3::text[], $4::text[]) AS l(version, normalized)
     ON CONFLICT (package_name, normalized_version, index_id) DO NOTHING
     RETURNING id`,
    [name, indexId, fresh.map((f) => f.version), fresh.map((f) => f.normalized)],
  );
  return rows.length;
}

/**
 * Versions of `name` on `indexUrl` that have a verdict in every one of `environmentKeys` (as
 * published and normalized, so either spelling can be looked up).
 */
export async function versionsSolvedInAll(
  db: SqlExecutor,
  name: string,
  indexUrl: string,
  environmentKeys: readonly string[],
): Promise<Set<string>> {
  const keys = [...new Set(environmentKeys)];
  if (keys.length === 0) return new Set();
  const rows = await db.query<{ version: string; normalized_version: string }>(
    `SELECT r.version, r.normalized_version FROM python_release r
     JOIN python_index i ON i.id = r.index_id
     JOIN release_verdict v ON v.release_id = r.id
     JOIN runtime_environment e ON e.id = v.environment_id
     WHERE r.package_name = $1 AND i.url = $2 AND e.key = ANY($3::text[])
     GROUP BY r.id, r.version, r.normalized_version
     HAVING count(DISTINCT e.key) = $4`,
    [name, indexUrl, keys, keys.length],
  );
  return new Set(rows.flatMap((r) => [r.version, r.normalized_version]));
}
