// Import OSV advisories into the knowledge graph: upsert each advisory with its ranges, remove withdrawn
// ones, and materialize advisory_affected_release for the releases the graph knows, returning the links
// that are new so cve-update can announce CVEProvided for exactly those. Incremental by `modified`: the
// newest timestamp imported is kept in watch_position and older records are skipped next time.
import type { GraphStore, SqlExecutor } from '../../graph/index.js';
import {
  deleteAdvisory,
  getAdvisory,
  getWatchPosition,
  linkAffectedRelease,
  listReleasesByName,
  loadAdvisoriesForPackages,
  replaceAffectedReleases,
  setWatchPosition,
  upsertAdvisory,
} from '../../graph/index.js';
import type { AdvisoryRecord, AdvisoryReleaseRow } from '../../graph/index.js';
import { canonicalizeName } from '../../python/index.js';
import { compileAffected, matchAffected } from './ranges.js';
import type { PypiVulnerability } from './sources.js';
import type { OsvReadResult, OsvRecord } from './types.js';

/** PyPI's simple index: advisories in the PyPI ecosystem apply to releases from there. */
export const PYPI_INDEX_URL = 'https://pypi.org/simple';

export interface OsvImportOptions {
  /** Index URLs whose releases PyPI advisories apply to (default PyPI's simple index). */
  indexUrls?: readonly string[];
  /**
   * Name of the watch_position row holding the newest `modified` imported from this source, e.g.
   * `osv:pypa-advisory-database`. Without it every record is imported and no position is kept.
   */
  positionName?: string;
  /** Import records modified at or after this instant, whatever the stored position says. */
  since?: string;
}

/** A release newly found affected: one CVEProvided message. */
export interface NewlyAffectedRelease {
  advisoryId: string;
  aliases: string[];
  packageName: string;
  version: string;
  indexUrl: string;
  /** How the advisory matched: its explicit version list or one of its ranges. */
  matchedBy: 'versions' | 'range';
}

export interface OsvImportResult {
  /** Records read (including skipped and older ones). */
  read: number;
  /** Advisories written (new or updated). */
  imported: number;
  /** Withdrawn records whose advisory was removed (or never stored). */
  withdrawn: number;
  /** Records not newer than the stored position. */
  unchanged: number;
  /** Unreadable records, with their reason. */
  skipped: { source: string; reason: string }[];
  /** GIT/SEMVER ranges ignored over all records. */
  ignoredRanges: number;
  /** Links created in advisory_affected_release. */
  newlyAffected: NewlyAffectedRelease[];
  /** The position after the import (the newest `modified` seen), undefined when none. */
  position: string | undefined;
}

function primaryLink(record: OsvRecord): string | null {
  return (
    record.references.find((r) => r.type === 'ADVISORY')?.url ??
    record.references[0]?.url ??
    `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`
  );
}

/** The graph record of an OSV record. */
export function advisoryRecordOf(record: OsvRecord): AdvisoryRecord {
  return {
    advisoryId: record.id,
    aliases: record.aliases,
    summary: record.summary ?? null,
    details: record.details ?? null,
    severity: record.severity,
    link: primaryLink(record),
    references: record.references,
    published: record.published ?? null,
    modified: record.modified,
    withdrawn: record.withdrawn ?? null,
    affected: record.affected.map((a) => ({
      packageName: a.name,
      ranges: a.ranges,
      versions: a.versions,
    })),
  };
}

/** Which of `releases` an advisory affects, and how. */
export function matchReleases(
  record: Pick<OsvRecord, 'affected'>,
  releases: readonly AdvisoryReleaseRow[],
): Map<number, { release: AdvisoryReleaseRow; matchedBy: 'versions' | 'range' }> {
  const out = new Map<number, { release: AdvisoryReleaseRow; matchedBy: 'versions' | 'range' }>();
  for (const affected of record.affected) {
    const compiled = compileAffected(affected);
    for (const release of releases) {
      if (release.packageName !== affected.name || out.has(release.releaseId)) continue;
      const matchedBy = matchAffected(compiled, release.version);
      if (matchedBy !== undefined) out.set(release.releaseId, { release, matchedBy });
    }
  }
  return out;
}

const later = (a: string | undefined, b: string): string =>
  a === undefined || Date.parse(b) > Date.parse(a) ? b : a;

/**
 * Import records into the graph in one transaction, so a failed import leaves no half-linked state and
 * the new links it reports are exactly those committed.
 */
export async function importOsvRecords(
  graph: GraphStore,
  records: AsyncIterable<OsvReadResult> | Iterable<OsvReadResult>,
  options: OsvImportOptions = {},
): Promise<OsvImportResult> {
  const indexUrls = options.indexUrls ?? [PYPI_INDEX_URL];
  // Read first (sources may be slow), then write in one transaction.
  const wanted: OsvRecord[] = [];
  const result: OsvImportResult = {
    read: 0,
    imported: 0,
    withdrawn: 0,
    unchanged: 0,
    skipped: [],
    ignoredRanges: 0,
    newlyAffected: [],
    position: undefined,
  };
  const stored =
    options.since ??
    (options.positionName === undefined ? undefined : await getWatchPosition(graph, options.positionName));
  const threshold = stored === undefined ? undefined : Date.parse(stored);
  result.position = stored;
  for await (const read of records) {
    result.read++;
    if (read.kind === 'skipped') {
      result.skipped.push({ source: read.source, reason: read.reason });
      continue;
    }
    result.ignoredRanges += read.notes.ignoredRanges;
    // Strictly older records are skipped; one at the position itself is imported again (idempotent),
    // since several records can share a timestamp and some may not have been seen yet.
    if (threshold !== undefined && Date.parse(read.record.modified) < threshold) {
      result.unchanged++;
      continue;
    }
    wanted.push(read.record);
    result.position = later(result.position, read.record.modified);
  }
  await graph.transaction(async (tx) => {
    const names = [...new Set(wanted.flatMap((r) => r.affected.map((a) => a.name)))];
    const releases = await listReleasesByName(tx, names, indexUrls);
    for (const record of wanted) {
      if (record.withdrawn !== undefined) {
        // Withdrawn records are removed with their links; the adviser must not act on them.
        await deleteAdvisory(tx, record.id);
        result.withdrawn++;
        continue;
      }
      const rowId = await upsertAdvisory(tx, advisoryRecordOf(record));
      result.imported++;
      const matches = matchReleases(record, releases);
      const fresh = new Set(await replaceAffectedReleases(tx, rowId, [...matches.keys()]));
      for (const [releaseId, { release, matchedBy }] of matches) {
        if (!fresh.has(releaseId)) continue;
        result.newlyAffected.push({
          advisoryId: record.id,
          aliases: record.aliases,
          packageName: release.packageName,
          version: release.version,
          indexUrl: release.indexUrl,
          matchedBy,
        });
      }
    }
    if (options.positionName !== undefined && result.position !== undefined) {
      await setWatchPosition(tx, options.positionName, result.position);
    }
  });
  return result;
}

/**
 * Re-evaluate the advisories of some packages against their releases (after new releases were synced):
 * returns the newly affected releases. Graph-sync can call this with the names of a solver document.
 */
export async function materializeAdvisoriesFor(
  db: SqlExecutor,
  names: readonly string[],
  indexUrls: readonly string[] = [PYPI_INDEX_URL],
): Promise<NewlyAffectedRelease[]> {
  const normalized = [...new Set(names.map((n) => canonicalizeName(n)))];
  const advisories = await loadAdvisoriesForPackages(db, normalized);
  const releases = await listReleasesByName(db, normalized, indexUrls);
  const out: NewlyAffectedRelease[] = [];
  for (const advisory of advisories) {
    const record = {
      affected: advisory.affected.map((a) => ({
        name: a.packageName,
        ranges: a.ranges as OsvRecord['affected'][number]['ranges'],
        versions: a.versions,
      })),
    };
    const matches = matchReleases(record, releases);
    for (const [releaseId, { release, matchedBy }] of matches) {
      if (!(await linkAffectedRelease(db, advisory.rowId, releaseId))) continue;
      out.push({
        advisoryId: advisory.advisoryId,
        aliases: advisory.aliases,
        packageName: release.packageName,
        version: release.version,
        indexUrl: release.indexUrl,
        matchedBy,
      });
    }
  }
  return out;
}

/**
 * Record what PyPI's release JSON says about one release (the per-release source pip-audit uses). An
 * advisory already known with its ranges only gains the link; an unknown one is stored with this
 * version in its explicit list (PyPI's JSON carries no ranges). Withdrawn items are ignored.
 */
export async function importPypiVulnerabilities(
  graph: GraphStore,
  release: { name: string; version: string; indexUrl?: string },
  vulnerabilities: readonly PypiVulnerability[],
  now: () => Date,
): Promise<NewlyAffectedRelease[]> {
  const name = canonicalizeName(release.name);
  const indexUrl = release.indexUrl ?? PYPI_INDEX_URL;
  return graph.transaction(async (tx) => {
    const [row] = (await listReleasesByName(tx, [name], [indexUrl])).filter(
      (r) => r.version === release.version,
    );
    const out: NewlyAffectedRelease[] = [];
    for (const vulnerability of vulnerabilities) {
      if (vulnerability.withdrawn !== undefined) continue;
      const existing = await getAdvisory(tx, vulnerability.id);
      let rowId: number;
      if (existing === undefined) {
        rowId = await upsertAdvisory(tx, {
          advisoryId: vulnerability.id,
          aliases: vulnerability.aliases,
          summary: vulnerability.summary ?? null,
          details: vulnerability.details ?? null,
          severity: [],
          link: vulnerability.link ?? `https://osv.dev/vulnerability/${encodeURIComponent(vulnerability.id)}`,
          references: vulnerability.link === undefined ? [] : [{ type: 'ADVISORY', url: vulnerability.link }],
          published: null,
          modified: now().toISOString(),
          withdrawn: null,
          affected: [{ packageName: name, ranges: [], versions: [release.version] }],
        });
      } else {
        rowId = existing.rowId;
        const entry = existing.affected.find((a) => a.packageName === name);
        const covered =
          entry !== undefined &&
          matchAffected(
            compileAffected({ ranges: entry.ranges as never, versions: entry.versions }),
            release.version,
          ) !== undefined;
        if (!covered) {
          // PyPI knows better than our copy (e.g. an explicit list not yet refreshed): add the version.
          const affected =
            entry === undefined
              ? [...existing.affected, { packageName: name, ranges: [], versions: [release.version] }]
              : existing.affected.map((a) =>
                  a === entry ? { ...a, versions: [...a.versions, release.version] } : a,
                );
          await upsertAdvisory(tx, { ...existing, affected });
        }
      }
      if (row !== undefined && (await linkAffectedRelease(tx, rowId, row.releaseId))) {
        out.push({
          advisoryId: vulnerability.id,
          aliases: vulnerability.aliases,
          packageName: name,
          version: row.version,
          indexUrl: row.indexUrl,
          matchedBy: 'versions',
        });
      }
    }
    return out;
  });
}
