// What the knowledge graph knows about the artifacts of releases: for each (name, version, index) the
// present files with their sha256 and the yank flag, read for every package of a lock in one query
// (lib/graph loadReleaseArtifacts).
import { loadReleaseArtifacts } from '../../graph/index.js';
import type { SqlExecutor } from '../../graph/index.js';
import { normalizeIndexUrl } from './lock/index.js';
import type { ArtifactSource, ReleaseArtifacts } from './types.js';
import { isSameVersion } from './version.js';

interface KnownRelease {
  name: string;
  version: string;
  indexUrl: string;
  yanked: boolean;
  yankedReason: string | null;
  isMissing: boolean;
  files: Array<{ filename: string; sha256: string }>;
}

export class GraphArtifactSource implements ArtifactSource {
  private readonly db: SqlExecutor;
  private readonly byName = new Map<string, KnownRelease[]>();
  /** Queries issued so far (one per prefetch of new names). */
  queries = 0;

  constructor(db: SqlExecutor) {
    this.db = db;
  }

  /** Reads every release of `names` (PEP 503 normalized) in one query. */
  async prefetch(names: readonly string[]): Promise<void> {
    const missing = [...new Set(names)].filter((n) => !this.byName.has(n));
    if (missing.length === 0) return;
    const rows = await loadReleaseArtifacts(this.db, missing);
    this.queries++;
    for (const name of missing) this.byName.set(name, []);
    for (const row of rows) {
      const releases = this.byName.get(row.package_name)!;
      const indexUrl = normalizeIndexUrl(row.url);
      let release = releases.find((r) => r.version === row.version && r.indexUrl === indexUrl);
      if (release === undefined) {
        release = {
          name: row.package_name,
          version: row.version,
          indexUrl,
          yanked: row.yanked,
          yankedReason: row.yanked_reason,
          isMissing: row.is_missing,
          files: [],
        };
        releases.push(release);
      }
      if (row.filename !== null && row.sha256 !== null)
        release.files.push({ filename: row.filename, sha256: row.sha256.toLowerCase() });
    }
  }

  private async known(name: string, version: string): Promise<KnownRelease[]> {
    await this.prefetch([name]);
    // A release the package-update job found gone (is_missing) says nothing about today's files.
    return (this.byName.get(name) ?? []).filter(
      (r) => isSameVersion(r.version, version) && !r.isMissing && r.files.length > 0,
    );
  }

  /** The graph's record of the release on `indexUrl`; undefined when it has no files for it. */
  async artifacts(name: string, version: string, indexUrl: string): Promise<ReleaseArtifacts | undefined> {
    const url = normalizeIndexUrl(indexUrl);
    const release = (await this.known(name, version)).find((r) => r.indexUrl === url);
    if (release === undefined) return undefined;
    return {
      indexUrl: url,
      status: 'release',
      files: release.files,
      yanked: release.yanked,
      yankedReason: release.yankedReason,
      from: 'graph',
    };
  }

  async otherIndexes(name: string, version: string): Promise<string[]> {
    return [...new Set((await this.known(name, version)).map((r) => r.indexUrl))];
  }
}
