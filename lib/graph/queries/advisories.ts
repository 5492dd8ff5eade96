// Storage of security advisories in OSV form: the advisory, its affected entries (ECOSYSTEM ranges and
// explicit versions, kept as published), the materialized advisory ↔ release links, and the import
// position of periodic advisory readers. Range evaluation is policy and lives in lib/security; these
// functions only read and write rows.
import type { SqlExecutor } from '../types.js';

/** One `affected[]` entry as stored. */
export interface AdvisoryAffectedRecord {
  /** PEP 503 normalized package name. */
  packageName: string;
  /** OSV ECOSYSTEM ranges (`{type, events}`), stored as jsonb. */
  ranges: unknown[];
  /** The explicit affected versions, as written. */
  versions: string[];
}

/** An advisory as stored. */
export interface AdvisoryRecord {
  advisoryId: string;
  aliases: string[];
  summary: string | null;
  details: string | null;
  /** OSV `severity` entries (`{type, score}`). */
  severity: unknown[];
  /** The primary link (the ADVISORY reference, else the first). */
  link: string | null;
  /** Every OSV reference (`{type, url}`). */
  references: unknown[];
  published: string | null;
  modified: string;
  withdrawn: string | null;
  affected: AdvisoryAffectedRecord[];
}

/** A release known to the graph, as advisory matching needs it. */
export interface AdvisoryReleaseRow {
  releaseId: number;
  packageName: string;
  version: string;
  indexUrl: string;
}

/**
 * Insert or replace an advisory and its affected entries; returns the advisory's row id. Materialized
 * release links are left alone (replaceAffectedReleases updates them).
 */
export async function upsertAdvisory(db: SqlExecutor, advisory: AdvisoryRecord): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO advisory (advisory_id, aliases, summary, details, severity, link, reference_links, published,
       modified, withdrawn)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8, $9, $10)
     ON CONFLICT (advisory_id) DO UPDATE SET aliases = EXCLUDED.aliases, summary = EXCLUDED.summary,
       details = EXCLUDED.details, severity = EXCLUDED.severity, link = EXCLUDED.link,
       reference_links = EXCLUDED.reference_links, published = EXCLUDED.published,
       modified = EXCLUDED.modified, withdrawn = EXCLUDED.withdrawn
     RETURNING id`,
    [
      advisory.advisoryId,
      advisory.aliases,
      advisory.summary,
      advisory.details,
      JSON.stringify(advisory.severity),
      advisory.link,
      JSON.stringify(advisory.references),
      advisory.published,
      advisory.modified,
      advisory.withdrawn,
    ],
  );
  const id = Number(row!.id);
  await db.query('DELETE FROM advisory_affected WHERE advisory_id = $1', [id]);
  if (advisory.affected.length > 0) {
    // Versions travel as one JSON array per entry: unnest cannot take a ragged text[][].
    await db.query(
      `INSERT INTO advisory_affected (advisory_id, package_name, ranges, versions)
       SELECT $1::bigint, a.name, a.ranges, ARRAY(SELECT jsonb_array_elements_text(a.versions))
       FROM unnest($2::text[], $3::jsonb[], $4::jsonb[]) AS a(name, ranges, versions)`,
      [
        id,
        advisory.affected.map((a) => a.packageName),
        advisory.affected.map((a) => JSON.stringify(a.ranges)),
        advisory.affected.map((a) => JSON.stringify(a.versions)),
      ],
    );
  }
  return id;
}

/** Remove an advisory (a withdrawn record) with its entries and links; true when it existed. */
export async function deleteAdvisory(db: SqlExecutor, advisoryId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM advisory WHERE advisory_id = $1 RETURNING id', [advisoryId]);
  return rows.length > 0;
}

/**
 * Releases of the named packages on the given indexes (trailing slashes ignored); every index when
 * `indexUrls` is undefined.
 */
export async function listReleasesByName(
  db: SqlExecutor,
  names: readonly string[],
  indexUrls?: readonly string[],
): Promise<AdvisoryReleaseRow[]> {
  if (names.length === 0) return [];
  const rows = await db.query<{ id: string; package_name: string; version: string; url: string }>(
    `SELECT r.id, r.package_name, r.version, i.url FROM python_release r JOIN python_index i ON i.id = r.index_id
     WHERE r.package_name = ANY($1::text[])
       AND ($2::text[] IS NULL OR rtrim(i.url, '/') = ANY($2::text[]))
     ORDER BY r.package_name, r.id`,
    [names, indexUrls === undefined ? null : indexUrls.map((u) => u.replace(/\/+$/, ''))],
  );
  return rows.map((r) => ({
    releaseId: Number(r.id),
    packageName: r.package_name,
    version: r.version,
    indexUrl: r.url,
  }));
}

/**
 * Make `releaseIds` the releases linked to an advisory: stale links are removed, new ones inserted.
 * Returns the ids that were not linked before (the releases newly known to be affected).
 */
export async function replaceAffectedReleases(
  db: SqlExecutor,
  advisoryRowId: number,
  releaseIds: readonly number[],
): Promise<number[]> {
  await db.query(
    'DELETE FROM advisory_affected_release WHERE advisory_id = $1 AND NOT (release_id = ANY($2::bigint[]))',
    [advisoryRowId, releaseIds],
  );
  if (releaseIds.length === 0) return [];
  const inserted = await db.query<{ release_id: string }>(
    `INSERT INTO advisory_affected_release (advisory_id, release_id)
     SELECT $1::bigint, unnest($2::bigint[])
     ON CONFLICT DO NOTHING RETURNING release_id`,
    [advisoryRowId, releaseIds],
  );
  return inserted.map((r) => Number(r.release_id));
}

/** Link one release to an advisory; true when the link is new. */
export async function linkAffectedRelease(
  db: SqlExecutor,
  advisoryRowId: number,
  releaseId: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO advisory_affected_release (advisory_id, release_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING release_id`,
    [advisoryRowId, releaseId],
  );
  return rows.length > 0;
}

interface AdvisoryRow {
  id: string;
  advisory_id: string;
  aliases: string[];
  summary: string | null;
  details: string | null;
  severity: unknown[];
  link: string | null;
  reference_links: unknown[];
  published: Date | string | null;
  modified: Date | string;
  withdrawn: Date | string | null;
  affected: AdvisoryAffectedRecord[] | null;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

/** A stored advisory with its row id. */
export interface StoredAdvisory extends AdvisoryRecord {
  rowId: number;
}

/**
 * Advisories with an affected entry for any of `names` (each with all of its affected entries), in one
 * query; withdrawn advisories are left out.
 */
export async function loadAdvisoriesForPackages(
  db: SqlExecutor,
  names: readonly string[],
): Promise<StoredAdvisory[]> {
  if (names.length === 0) return [];
  return readAdvisories(
    db,
    `WHERE a.withdrawn IS NULL AND a.id IN (SELECT advisory_id FROM advisory_affected WHERE package_name = ANY($1::text[]))`,
    [names],
  );
}

/** One advisory by its OSV id, or undefined. */
export async function getAdvisory(db: SqlExecutor, advisoryId: string): Promise<StoredAdvisory | undefined> {
  const [found] = await readAdvisories(db, 'WHERE a.advisory_id = $1', [advisoryId]);
  return found;
}

async function readAdvisories(db: SqlExecutor, where: string, params: unknown[]): Promise<StoredAdvisory[]> {
  const rows = await db.query<AdvisoryRow>(
    `SELECT a.id, a.advisory_id, a.aliases, a.summary, a.details, a.severity, a.link, a.reference_links,
       a.published, a.modified, a.withdrawn,
       (SELECT jsonb_agg(jsonb_build_object('packageName', f.package_name, 'ranges', f.ranges,
                'versions', to_jsonb(f.versions)) ORDER BY f.id)
          FROM advisory_affected f WHERE f.advisory_id = a.id) AS affected
     FROM advisory a ${where} ORDER BY a.advisory_id`,
    params,
  );
  return rows.map((r) => ({
    rowId: Number(r.id),
    advisoryId: r.advisory_id,
    aliases: r.aliases,
    summary: r.summary,
    details: r.details,
    severity: r.severity,
    link: r.link,
    references: r.reference_links,
    published: r.published === null ? null : iso(r.published),
    modified: iso(r.modified),
    withdrawn: r.withdrawn === null ? null : iso(r.withdrawn),
    affected: r.affected ?? [],
  }));
}

/** Releases linked to an advisory, as `name==version` rows with their index. */
export async function affectedReleasesOf(db: SqlExecutor, advisoryId: string): Promise<AdvisoryReleaseRow[]> {
  const rows = await db.query<{ id: string; package_name: string; version: string; url: string }>(
    `SELECT r.id, r.package_name, r.version, i.url FROM advisory_affected_release l
       JOIN advisory a ON a.id = l.advisory_id JOIN python_release r ON r.id = l.release_id
       JOIN python_index i ON i.id = r.index_id
     WHERE a.advisory_id = $1 ORDER BY r.package_name, r.id`,
    [advisoryId],
  );
  return rows.map((r) => ({
    releaseId: Number(r.id),
    packageName: r.package_name,
    version: r.version,
    indexUrl: r.url,
  }));
}

/** The stored position of a periodic reader (e.g. the newest `modified` imported from a source). */
export async function getWatchPosition(db: SqlExecutor, name: string): Promise<string | undefined> {
  const [row] = await db.query<{ position: string }>('SELECT position FROM watch_position WHERE name = $1', [
    name,
  ]);
  return row?.position;
}

export async function setWatchPosition(db: SqlExecutor, name: string, position: string): Promise<void> {
  await db.query(
    `INSERT INTO watch_position (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [name, position],
  );
}
