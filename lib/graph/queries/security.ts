// Bulk security reads for the adviser: the advisories linked to the releases of a set of packages and
// the newest security-indicator aggregate of each release, one query each for the whole set (the
// adviser loads them with the dependency closure; the original asked per release while resolving).
// Links come from advisory_affected_release, materialized by the OSV import and graph-sync, so no
// range is evaluated here.
import type { AdvisoryAffectedRecord } from './advisories.js';
import type { SqlExecutor } from '../types.js';

/** A release an advisory is linked to. */
export interface AdvisoryReleaseRef {
  /** PEP 503 normalized name. */
  packageName: string;
  /** The version as stored on the release (as the index publishes it). */
  version: string;
  indexUrl: string;
}

/** An advisory with its entries for the requested packages and the requested releases it affects. */
export interface ReleaseAdvisoryRecord {
  advisoryId: string;
  aliases: string[];
  summary: string | null;
  /** OSV `severity` entries (`{type, score}`, CVSS vectors). */
  severity: unknown[];
  /** The primary link (the ADVISORY reference, else the first, else osv.dev). */
  link: string | null;
  /** Every OSV reference (`{type, url}`). */
  references: unknown[];
  /** Affected entries of the requested packages only, in record order. */
  affected: AdvisoryAffectedRecord[];
  /** Linked releases of the requested packages, by name then version text. */
  releases: AdvisoryReleaseRef[];
}

interface AdvisoryRow {
  advisory_id: string;
  aliases: string[];
  summary: string | null;
  severity: unknown[];
  link: string | null;
  reference_links: unknown[];
  affected: AdvisoryAffectedRecord[] | null;
  releases: AdvisoryReleaseRef[] | null;
}

/**
 * Advisories linked to any release of `names` (PEP 503 normalized), withdrawn ones left out, sorted by
 * advisory id; one query whatever the number of packages, releases and advisories.
 */
export async function loadReleaseAdvisories(
  db: SqlExecutor,
  names: readonly string[],
): Promise<ReleaseAdvisoryRecord[]> {
  if (names.length === 0) return [];
  const rows = await db.query<AdvisoryRow>(
    `WITH linked AS (
       SELECT l.advisory_id, r.package_name, r.version, i.url
       FROM advisory_affected_release l
       JOIN python_release r ON r.id = l.release_id
       JOIN python_index i ON i.id = r.index_id
       WHERE r.package_name = ANY($1::text[]))
     SELECT a.advisory_id, a.aliases, a.summary, a.severity, a.link, a.reference_links,
       (SELECT jsonb_agg(jsonb_build_object('packageName', f.package_name, 'ranges', f.ranges,
                'versions', to_jsonb(f.versions)) ORDER BY f.id)
          FROM advisory_affected f WHERE f.advisory_id = a.id AND f.package_name = ANY($1::text[])) AS affected,
       (SELECT jsonb_agg(jsonb_build_object('packageName', x.package_name, 'version', x.version,
                'indexUrl', x.url) ORDER BY x.package_name, x.version, x.url)
          FROM linked x WHERE x.advisory_id = a.id) AS releases
     FROM advisory a
     WHERE a.withdrawn IS NULL AND a.id IN (SELECT advisory_id FROM linked)
     ORDER BY a.advisory_id`,
    [[...new Set(names)]],
  );
  return rows.map((r) => ({
    advisoryId: r.advisory_id,
    aliases: r.aliases,
    summary: r.summary,
    severity: r.severity,
    link: r.link,
    references: r.reference_links,
    affected: r.affected ?? [],
    releases: r.releases ?? [],
  }));
}

/** Bandit issue counts keyed by severity, then confidence (`undefined`, `low`, `medium`, `high`). */
export type SeverityConfidenceCounts = Record<string, Record<string, number>>;

/** The newest successful security-indicator run of one release. */
export interface ReleaseSecurityIndicatorRecord extends AdvisoryReleaseRef {
  documentId: string;
  datetime: string;
  /** Counts by the severity first (the original swapped the axes). */
  bySeverity: SeverityConfidenceCounts;
  filesAnalyzed: number | null;
  pythonFiles: number | null;
  pythonLinesOfCode: number | null;
  totalLinesOfCode: number | null;
}

interface IndicatorRow {
  package_name: string;
  version: string;
  url: string;
  document_id: string;
  datetime: Date | string;
  severity_confidence: SeverityConfidenceCounts;
  files_analyzed: number | null;
  python_files: number | null;
  python_lines_of_code: number | null;
  total_lines_of_code: number | null;
}

/**
 * The newest security-indicator aggregate of every release of `names` that has one, in one query.
 * Runs that recorded an error carry no counts and are left out (the release then has no data).
 */
export async function loadSecurityIndicators(
  db: SqlExecutor,
  names: readonly string[],
): Promise<ReleaseSecurityIndicatorRecord[]> {
  if (names.length === 0) return [];
  const rows = await db.query<IndicatorRow>(
    `SELECT DISTINCT ON (s.release_id) r.package_name, r.version, i.url, s.document_id, s.datetime,
       s.severity_confidence, s.files_analyzed, s.python_files, s.python_lines_of_code, s.total_lines_of_code
     FROM security_indicator_run s
     JOIN python_release r ON r.id = s.release_id
     JOIN python_index i ON i.id = r.index_id
     WHERE r.package_name = ANY($1::text[]) AND s.error IS NULL
     ORDER BY s.release_id, s.datetime DESC, s.id DESC`,
    [[...new Set(names)]],
  );
  return rows
    .map((r) => ({
      packageName: r.package_name,
      version: r.version,
      indexUrl: r.url,
      documentId: r.document_id,
      datetime: r.datetime instanceof Date ? r.datetime.toISOString() : new Date(r.datetime).toISOString(),
      bySeverity: r.severity_confidence,
      filesAnalyzed: r.files_analyzed,
      pythonFiles: r.python_files,
      pythonLinesOfCode: r.python_lines_of_code,
      totalLinesOfCode: r.total_lines_of_code,
    }))
    .sort(
      (a, b) =>
        a.packageName.localeCompare(b.packageName) ||
        a.version.localeCompare(b.version) ||
        a.indexUrl.localeCompare(b.indexUrl),
    );
}
