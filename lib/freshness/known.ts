// What the graph already knows of an index, read in bulk for the freshness checks: the packages Thoth
// cares about and their releases (with files and the flags package-update sets).
import { tryParseVersion } from '../python/index.js';
import type { SqlExecutor } from '../graph/index.js';

/** PEP 440 normalized form when the version parses, else the text as published (legacy versions). */
export const normalizeVersion = (version: string): string => tryParseVersion(version)?.toString() ?? version;

/** Enabled indexes registered in the graph, by URL as stored. */
export async function enabledIndexUrls(db: SqlExecutor): Promise<string[]> {
  const rows = await db.query<{ url: string }>('SELECT url FROM python_index WHERE enabled ORDER BY id');
  return rows.map((r) => r.url);
}

/** Names of packages with at least one release on `indexUrl`. */
export async function knownPackageNames(db: SqlExecutor, indexUrl: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT DISTINCT r.package_name AS "name" FROM python_release r
     JOIN python_index i ON i.id = r.index_id WHERE i.url = $1 ORDER BY 1`,
    [indexUrl],
  );
  return rows.map((r) => r.name);
}

export interface KnownFile {
  filename: string;
  sha256: string | null;
  present: boolean;
}

export interface KnownReleaseState {
  name: string;
  version: string;
  normalizedVersion: string;
  isMissing: boolean;
  files: KnownFile[];
}

/** Releases of `names` on `indexUrl` with their files; one query for the whole batch. */
export async function knownReleases(
  db: SqlExecutor,
  indexUrl: string,
  names: readonly string[],
): Promise<Map<string, KnownReleaseState[]>> {
  const out = new Map<string, KnownReleaseState[]>();
  if (names.length === 0) return out;
  const rows = await db.query<{
    id: string;
    name: string;
    version: string;
    normalized_version: string;
    is_missing: boolean;
    filename: string | null;
    sha256: string | null;
    present: boolean | null;
  }>(
    `SELECT r.id, r.package_name AS "name", r.version, r.normalized_version, r.is_missing,
            f.filename, f.sha256, f.present
     FROM python_release r
     JOIN python_index i ON i.id = r.index_id AND i.url = $1
     LEFT JOIN python_file f ON f.release_id = r.id
     WHERE r.package_name = ANY($2::text[])
     ORDER BY r.package_name, r.id, f.filename`,
    [indexUrl, names],
  );
  const byId = new Map<string, KnownReleaseState>();
  for (const row of rows) {
    let release = byId.get(row.id);
    if (release === undefined) {
      release = {
        name: row.name,
        version: row.version,
        normalizedVersion: row.normalized_version,
        isMissing: row.is_missing,
        files: [],
      };
      byId.set(row.id, release);
      const list = out.get(row.name) ?? [];
      list.push(release);
      out.set(row.name, list);
    }
    if (row.filename !== null) {
      release.files.push({ filename: row.filename, sha256: row.sha256, present: row.present ?? true });
    }
  }
  return out;
}
