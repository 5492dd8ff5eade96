// Release artifacts as an index lists them: per release of the named packages (every index), the yank
// and missing flags and the present files with name and sha256. One query for a whole lock; provenance
// checks need the file names, which the adviser's reads (loadPackages) leave out.
import type { SqlExecutor } from '../types.js';

export interface ReleaseArtifactRow {
  package_name: string;
  version: string;
  /** python_index.url as stored. */
  url: string;
  yanked: boolean;
  yanked_reason: string | null;
  is_missing: boolean;
  /** Null for a release without a present, hashed file (one row per release then). */
  filename: string | null;
  sha256: string | null;
}

/** Rows ordered by package, index, version and file name; `names` are PEP 503 normalized. */
export function loadReleaseArtifacts(
  db: SqlExecutor,
  names: readonly string[],
): Promise<ReleaseArtifactRow[]> {
  return db.query<ReleaseArtifactRow>(
    `SELECT r.package_name, r.version, i.url, r.yanked, r.yanked_reason, r.is_missing, f.filename, f.sha256
       FROM python_release r
       JOIN python_index i ON i.id = r.index_id
       LEFT JOIN python_file f ON f.release_id = r.id AND f.present AND f.sha256 IS NOT NULL
      WHERE r.package_name = ANY($1::text[])
      ORDER BY r.package_name, i.url, r.version, f.filename`,
    [names],
  );
}
