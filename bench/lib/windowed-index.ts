// A PackageIndex that shows only a window of each project's history, for capturing the corpora of
// large workloads (airflow[all], transformers with extras, jupyter): without it their closures keep
// every historical release of hundreds of projects (tens of thousands of metadata reads and corpora
// far over the repository's size budget). The window is applied to what the inner index returns,
// after the upload-time cutoff, so the capture machinery (lib/index captureCorpus) is unchanged:
// every tool then resolves the same smaller index, as if older releases had never been published.
import type { MetadataLookup, PackageIndex, ProjectFile, ProjectLookup } from '../../lib/index/index.js';
import { fileVersion } from '../../lib/index/index.js';
import { canonicalizeName, compareVersions, tryParseVersion } from '../../lib/python/index.js';
import type { Version } from '../../lib/python/index.js';

export interface VersionWindow {
  /** Keep the newest N versions of each project (PEP 440 order, pre-releases included). */
  newest: number;
  /**
   * Also keep the newest final release of every `minor` (major.minor) or `major` series, so an
   * upper bound such as `foo<2` (or, with `minor`, `foo~=1.3`) still finds the release resolvers
   * would pick; `none` keeps only the newest N.
   */
  series: 'minor' | 'major' | 'none';
}

/** The versions of `versions` the window keeps (normalized strings). */
export function windowVersions(versions: readonly Version[], window: VersionWindow): Set<string> {
  const sorted = [...versions].sort((a, b) => compareVersions(b, a));
  const kept = new Set(sorted.slice(0, window.newest).map((v) => v.toString()));
  if (window.series !== 'none') {
    const seen = new Set<string>();
    for (const v of sorted) {
      if (v.isPrerelease) continue;
      const series =
        window.series === 'major'
          ? `${v.epoch}!${v.release[0] ?? 0}`
          : `${v.epoch}!${v.release[0] ?? 0}.${v.release[1] ?? 0}`;
      if (seen.has(series)) continue;
      seen.add(series);
      kept.add(v.toString());
    }
  }
  return kept;
}

export class WindowedPackageIndex implements PackageIndex {
  readonly indexUrls: readonly string[];
  private readonly cutoff: number;
  /** Releases kept whatever the window says (`name==version`, e.g. an old exact pin). */
  private readonly keep = new Map<string, Set<string>>();

  constructor(
    private readonly inner: PackageIndex,
    private readonly window: VersionWindow,
    cutoff: string,
    keep: readonly string[] = [],
  ) {
    this.indexUrls = inner.indexUrls;
    this.cutoff = Date.parse(cutoff);
    for (const pin of keep) {
      const [name, version] = pin.split('==');
      if (name === undefined || version === undefined) continue;
      const key = canonicalizeName(name);
      this.keep.set(
        key,
        new Set([...(this.keep.get(key) ?? []), tryParseVersion(version)?.toString() ?? version]),
      );
    }
  }

  async getProject(name: string): Promise<ProjectLookup> {
    const page = await this.inner.getProject(name);
    if (page.kind === 'not-found') return page;
    const versionOf = (file: ProjectFile): Version | undefined => {
      const raw = fileVersion(file.filename, page.name);
      return raw === undefined ? undefined : tryParseVersion(raw);
    };
    // The cutoff first (as captureCorpus applies it), then the window over what is left.
    const early = page.files.filter(
      (f) => f.uploadTime === undefined || Date.parse(f.uploadTime) <= this.cutoff,
    );
    const versions = new Map<string, Version>();
    for (const file of early) {
      const v = versionOf(file);
      if (v !== undefined) versions.set(v.toString(), v);
    }
    const kept = windowVersions([...versions.values()], this.window);
    for (const v of this.keep.get(page.normalizedName) ?? []) kept.add(v);
    const files = early.filter((f) => {
      const v = versionOf(f);
      return v !== undefined && kept.has(v.toString());
    });
    const listed = page.versions?.filter((v) => kept.has(tryParseVersion(v)?.toString() ?? v));
    return { ...page, files, versions: listed };
  }

  getCoreMetadata(file: ProjectFile): Promise<MetadataLookup> {
    return this.inner.getCoreMetadata(file);
  }
}
