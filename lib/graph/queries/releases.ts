// Writes of solver knowledge: indexes, releases, files, dependencies, environments, verdicts.
// Every write is batched (one statement per table per release, rows passed as arrays through unnest)
// so syncing a document costs a handful of round trips, not one per row.
import type { EnvironmentRecord, ReleaseRecord } from '../records.js';
import type { SqlExecutor } from '../types.js';

/** Id of an index, created when first seen. */
export async function upsertIndex(db: SqlExecutor, url: string): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO python_index (url) VALUES ($1)
     ON CONFLICT (url) DO UPDATE SET url = EXCLUDED.url RETURNING id`,
    [url],
  );
  return Number(rows[0]!.id);
}

/** Ids of environments by key, created or updated from the records. */
export async function upsertEnvironments(
  db: SqlExecutor,
  environments: readonly EnvironmentRecord[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (environments.length === 0) return ids;
  const rows = await db.query<{ id: string; key: string }>(
    `INSERT INTO runtime_environment (key, os_name, os_version, python_version, implementation, platform, marker_environment)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
     ON CONFLICT (key) DO UPDATE SET
       os_name = EXCLUDED.os_name, os_version = EXCLUDED.os_version, python_version = EXCLUDED.python_version,
       implementation = EXCLUDED.implementation, platform = EXCLUDED.platform,
       marker_environment = EXCLUDED.marker_environment
     RETURNING id, key`,
    [
      environments.map((e) => e.key),
      environments.map((e) => e.osName ?? null),
      environments.map((e) => e.osVersion ?? null),
      environments.map((e) => e.pythonVersion),
      environments.map((e) => e.implementation ?? 'cpython'),
      environments.map((e) => e.platform ?? null),
      environments.map((e) => JSON.stringify(e.markerEnvironment ?? {})),
    ],
  );
  for (const row of rows) ids.set(row.key, Number(row.id));
  return ids;
}

/** Record a solver run; returns its id, or the existing id when the document was synced before. */
export async function upsertSolverRun(
  db: SqlExecutor,
  run: { documentId: string; solverVersion: string | null; datetime: string; durationMs: number | null },
): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO solver_run (document_id, solver_version, datetime, duration_ms) VALUES ($1, $2, $3, $4)
     ON CONFLICT (document_id) DO UPDATE SET solver_version = EXCLUDED.solver_version,
       datetime = EXCLUDED.datetime, duration_ms = EXCLUDED.duration_ms
     RETURNING id`,
    [run.documentId, run.solverVersion, run.datetime, run.durationMs],
  );
  return Number(rows[0]!.id);
}

/**
 * Write one release and everything known about it. Files and dependencies are replaced (the release's
 * metadata is immutable on an index, so a second sync writes the same rows); verdicts are upserted per
 * environment. Returns the release id. Idempotent: the same record twice leaves the same rows.
 */
export async function upsertRelease(
  db: SqlExecutor,
  release: ReleaseRecord,
  normalizedVersion: string,
  environmentIds: ReadonlyMap<string, number>,
  solverRunId: number | null,
): Promise<number> {
  const indexId = await upsertIndex(db, release.indexUrl);
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO python_release (package_name, version, normalized_version, index_id, requires_python, yanked,
       yanked_reason, upload_time, metadata_source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (package_name, normalized_version, index_id) DO UPDATE SET
       requires_python = EXCLUDED.requires_python, yanked = EXCLUDED.yanked, yanked_reason = EXCLUDED.yanked_reason,
       upload_time = COALESCE(EXCLUDED.upload_time, python_release.upload_time),
       metadata_source = COALESCE(EXCLUDED.metadata_source, python_release.metadata_source),
       updated_at = CASE WHEN (python_release.requires_python, python_release.yanked, python_release.yanked_reason)
         IS DISTINCT FROM (EXCLUDED.requires_python, EXCLUDED.yanked, EXCLUDED.yanked_reason)
         THEN now() ELSE python_release.updated_at END
     RETURNING id`,
    [
      release.name,
      release.version,
      normalizedVersion,
      indexId,
      release.requiresPython,
      release.yanked,
      release.yankedReason,
      release.uploadTime,
      release.metadataSource,
    ],
  );
  const releaseId = Number(row!.id);

  // Files: upsert by filename, keep `present` as package-update left it unless the file is listed again.
  if (release.files.length > 0) {
    await db.query(
      `INSERT INTO python_file (release_id, filename, kind, tags, sha256, size, upload_time, url)
       SELECT $1, f.filename, f.kind, string_to_array(f.tags, ' '), f.sha256, f.size, f.upload_time, f.url
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[], $8::text[])
         AS f(filename, kind, tags, sha256, size, upload_time, url)
       ON CONFLICT (release_id, filename) DO UPDATE SET kind = EXCLUDED.kind, tags = EXCLUDED.tags,
         sha256 = EXCLUDED.sha256, size = EXCLUDED.size, upload_time = EXCLUDED.upload_time, url = EXCLUDED.url,
         present = true`,
      [
        releaseId,
        release.files.map((f) => f.filename),
        release.files.map((f) => f.kind),
        release.files.map((f) => f.tags.join(' ')),
        release.files.map((f) => f.sha256),
        release.files.map((f) => f.size),
        release.files.map((f) => f.uploadTime),
        release.files.map((f) => f.url),
      ],
    );
  }

  // Dependencies: replaced as a whole, keyed by position in Requires-Dist.
  await db.query('DELETE FROM python_dependency WHERE release_id = $1', [releaseId]);
  const deps = release.dependencies;
  let depIds: number[] = [];
  if (deps.length > 0) {
    const inserted = await db.query<{ id: string; position: number }>(
      `INSERT INTO python_dependency (release_id, position, name, specifier, extras, marker, activating_extra, url)
       SELECT $1, d.position, d.name, d.specifier, CASE WHEN d.extras = '' THEN '{}'::text[] ELSE string_to_array(d.extras, ',') END,
         d.marker, d.activating_extra, d.url
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS d(position, name, specifier, extras, marker, activating_extra, url)
       RETURNING id, position`,
      [
        releaseId,
        deps.map((_d, i) => i),
        deps.map((d) => d.name),
        deps.map((d) => d.specifier),
        deps.map((d) => d.extras.join(',')),
        deps.map((d) => d.marker),
        deps.map((d) => d.activatingExtra),
        deps.map((d) => d.url),
      ],
    );
    depIds = new Array<number>(deps.length);
    for (const r of inserted) depIds[r.position] = Number(r.id);
  }

  // Marker results per (edge, environment).
  const mrDep: number[] = [];
  const mrEnv: number[] = [];
  const mrResult: boolean[] = [];
  deps.forEach((d, i) => {
    for (const [envKey, result] of Object.entries(d.markerResults ?? {})) {
      const envId = environmentIds.get(envKey);
      if (envId === undefined) continue;
      mrDep.push(depIds[i]!);
      mrEnv.push(envId);
      mrResult.push(result);
    }
  });
  if (mrDep.length > 0) {
    await db.query(
      `INSERT INTO dependency_marker_result (dependency_id, environment_id, result)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::boolean[])`,
      [mrDep, mrEnv, mrResult],
    );
  }

  // Verdicts per environment.
  const verdicts = release.verdicts.filter((v) => environmentIds.has(v.environmentKey));
  if (verdicts.length > 0) {
    await db.query(
      `INSERT INTO release_verdict (release_id, environment_id, installable, reason, error, solver_run_id)
       SELECT $1, v.env, v.installable, v.reason, v.error, $2
       FROM unnest($3::bigint[], $4::boolean[], $5::text[], $6::text[]) AS v(env, installable, reason, error)
       ON CONFLICT (release_id, environment_id) DO UPDATE SET installable = EXCLUDED.installable,
         reason = EXCLUDED.reason, error = EXCLUDED.error, solver_run_id = EXCLUDED.solver_run_id,
         solved_at = now()`,
      [
        releaseId,
        solverRunId,
        verdicts.map((v) => environmentIds.get(v.environmentKey)!),
        verdicts.map((v) => v.installable),
        verdicts.map((v) => v.reason),
        verdicts.map((v) => v.error),
      ],
    );
  }
  return releaseId;
}

/** Bump the graph version; adviser snapshots taken at an older version are stale afterwards. */
export async function bumpGraphVersion(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ version: string }>(
    'UPDATE graph_version SET version = version + 1 RETURNING version',
  );
  return Number(row!.version);
}

export async function graphVersion(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ version: string }>('SELECT version FROM graph_version');
  return Number(row!.version);
}
