// What an index itself serves for a release, read from its project page (PEP 503/691) through
// lib/index: the files of the version with their published sha256 and PEP 592 yank flags. One page
// per (index, project) per run. An index that cannot be reached raises IndexHostError (retriable),
// never "no such project".
import { canonicalizeName } from '../../python/index.js';
import { fileVersion, HttpPackageIndex } from '../../index/index.js';
import type { HttpPackageIndexOptions, PackageIndex, ProjectLookup } from '../../index/index.js';
import { normalizeIndexUrl } from './lock/index.js';
import type { ArtifactSource, ReleaseArtifacts } from './types.js';
import { isSameVersion } from './version.js';

export interface IndexArtifactSourceOptions {
  /** Builds the client of one index; default an HttpPackageIndex over that URL alone. */
  createIndex?: (indexUrl: string) => PackageIndex & { close?(): Promise<void> };
  /** Client settings for the default HttpPackageIndex (retries, timeouts, cache, netrc). */
  http?: Omit<HttpPackageIndexOptions, 'indexUrls'>;
}

export class IndexArtifactSource implements ArtifactSource {
  private readonly createIndex: (indexUrl: string) => PackageIndex & { close?(): Promise<void> };
  private readonly indexes = new Map<string, PackageIndex & { close?(): Promise<void> }>();
  private readonly pages = new Map<string, Promise<ProjectLookup>>();
  /** Project pages requested so far. */
  pageRequests = 0;

  constructor(options: IndexArtifactSourceOptions = {}) {
    this.createIndex =
      options.createIndex ?? ((url) => new HttpPackageIndex({ ...options.http, indexUrls: [url] }));
  }

  private page(indexUrl: string, name: string): Promise<ProjectLookup> {
    const key = `${indexUrl}\u0000${name}`;
    let page = this.pages.get(key);
    if (page === undefined) {
      let index = this.indexes.get(indexUrl);
      if (index === undefined) {
        index = this.createIndex(indexUrl);
        this.indexes.set(indexUrl, index);
      }
      this.pageRequests++;
      page = index.getProject(name);
      this.pages.set(key, page);
    }
    return page;
  }

  async artifacts(name: string, version: string, indexUrl: string): Promise<ReleaseArtifacts> {
    const url = normalizeIndexUrl(indexUrl);
    const page = await this.page(url, canonicalizeName(name));
    const base = { indexUrl: url, from: 'index' as const, yanked: false, yankedReason: null };
    if (page.kind === 'not-found') return { ...base, status: 'no-project', files: [] };
    const files = page.files.filter((f) => {
      const v = fileVersion(f.filename, page.name);
      return v !== undefined && isSameVersion(v, version);
    });
    if (files.length === 0) return { ...base, status: 'no-version', files: [] };
    // PEP 592 yanks files; a release counts as yanked when all of its files are.
    const yanked = files.every((f) => f.yanked);
    return {
      ...base,
      status: 'release',
      files: files.flatMap((f) =>
        f.hashes['sha256'] === undefined ? [] : [{ filename: f.filename, sha256: f.hashes['sha256'] }],
      ),
      yanked,
      yankedReason: yanked ? (files.find((f) => f.yankedReason !== undefined)?.yankedReason ?? null) : null,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.indexes.values()].map((i) => i.close?.()));
  }
}
