// Flags set by the learning loop so the adviser stops using what is gone or broken: a release missing
// from its index, a release without an sdist, a file whose hash no longer matches.
import type { SqlExecutor } from '../types.js';

export interface ReleaseRef {
  name: string;
  /** Omit to flag every release of the package (MissingPackage). */
  version?: string;
  indexUrl: string;
}

function releaseFilter(ref: ReleaseRef): { sql: string; params: unknown[] } {
  const params: unknown[] = [ref.name, ref.indexUrl];
  let sql = 'package_name = $1 AND index_id = (SELECT id FROM python_index WHERE url = $2)';
  if (ref.version !== undefined) {
    params.push(ref.version);
    sql += ' AND (version = $3 OR normalized_version = $3)';
  }
  return { sql, params };
}

/** Set or clear is_missing; returns the number of releases changed. */
export async function setMissing(db: SqlExecutor, ref: ReleaseRef, missing = true): Promise<number> {
  const { sql, params } = releaseFilter(ref);
  const rows = await db.query(
    `UPDATE python_release SET is_missing = $${params.length + 1}, updated_at = now()
     WHERE ${sql} AND is_missing IS DISTINCT FROM $${params.length + 1} RETURNING id`,
    [...params, missing],
  );
  return rows.length;
}

/** Record whether a release publishes a source distribution. */
export async function setProvidesSourceDistro(
  db: SqlExecutor,
  ref: ReleaseRef,
  provides: boolean,
): Promise<number> {
  const { sql, params } = releaseFilter(ref);
  const rows = await db.query(
    `UPDATE python_release SET provides_source_distro = $${params.length + 1}, updated_at = now()
     WHERE ${sql} RETURNING id`,
    [...params, provides],
  );
  return rows.length;
}

/** Mark a file absent (removed or re-uploaded with another hash); its hash leaves generated locks. */
export async function markFileAbsent(
  db: SqlExecutor,
  ref: ReleaseRef & { version: string },
  filename: string,
): Promise<number> {
  const { sql, params } = releaseFilter(ref);
  const rows = await db.query(
    `UPDATE python_file SET present = false
     WHERE filename = $${params.length + 1} AND release_id IN (SELECT id FROM python_release WHERE ${sql})
     RETURNING id`,
    [...params, filename],
  );
  return rows.length;
}
