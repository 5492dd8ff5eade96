// Shared interfaces of the provenance check: a lock file read into one shape whatever its format,
// and the port through which the check learns which artifacts an index serves for a release (the
// knowledge graph first, the index itself when the graph does not know the release).
import type { ProvenanceFindingV2 } from '../../contracts/index.js';
import type { SourcePosition } from '../../python/readers/index.js';

/** A finding of the provenance document (schemas/documents/provenance.v2.json). */
export type ProvenanceFinding = ProvenanceFindingV2;

/** The lock formats the check reads. */
export type LockFormat = 'pipfile-lock' | 'requirements-txt' | 'pylock-toml';

/** An index the lock declares (Pipfile.lock `_meta.sources`, requirements.txt `-i`/`--extra-index-url`, pylock `index`). */
export interface LockSource {
  /** The source's name (Pipfile.lock only; entries' `index` refers to it). */
  name?: string;
  /** The index URL as written, trailing slashes removed. */
  url: string;
  /** False when the lock turns TLS verification off (Pipfile.lock `verify_ssl = false`, `--trusted-host`). */
  verifySsl: boolean;
  /** Where the lock declares it. */
  origin: SourcePosition;
}

/** One artifact file the lock names (pylock.toml names its files; the other formats list digests only). */
export interface LockedFileEntry {
  filename: string;
  /** Lowercase hex sha256 the lock records for the file; null when it records none. */
  sha256: string | null;
}

/** One package pinned by the lock and installed from an index. */
export interface LockedRelease {
  /** PEP 503 normalized name. */
  name: string;
  /** The pinned version as the lock writes it. */
  version: string;
  /**
   * The index the lock pins the package to (Pipfile.lock `index`, pylock.toml `index`), trailing
   * slashes removed; null when the lock leaves the choice to the installer (requirements.txt, or a
   * Pipfile.lock entry without `index`), which then looks at every declared index.
   */
  indexUrl: string | null;
  /** The source name a Pipfile.lock entry refers to that `_meta.sources` does not declare. */
  undeclaredIndex?: string;
  /** Lowercase hex sha256 digests the lock allows, in lock order, duplicates removed. */
  hashes: string[];
  /** Files the lock names (pylock.toml), so a changed hash can be tied to its file; [] otherwise. */
  files: LockedFileEntry[];
  /** Where the package is written. */
  origin: SourcePosition;
  /**
   * PEP 508 marker under which the lock installs it (requirements.txt after `;`, Pipfile.lock
   * `markers`, pylock.toml `marker`); absent when unconditional. The provenance check ignores it;
   * the adviser's baseline keeps only the pins whose marker holds in its environment.
   */
  marker?: string;
  /** The Pipfile.lock category when it is not `default` (`develop`, `docs`, …): not installed by default. */
  category?: string;
}

/** A lock file read for a provenance check. */
export interface ProvenanceLock {
  format: LockFormat;
  file: string;
  /** Declared indexes in priority order (the first is the primary one). */
  sources: LockSource[];
  /** Packages from indexes, in lock order. */
  packages: LockedRelease[];
  /** Entries not installed from an index (VCS, paths, URLs): nothing to check against an index. */
  directReferences: Array<{
    name: string | null;
    origin: SourcePosition;
    /** As LockedRelease's: the entry's marker and its Pipfile.lock category other than `default`. */
    marker?: string;
    category?: string;
  }>;
  /** Pipfile.lock `_meta.hash.sha256`: the hash of the Pipfile the lock was made from. */
  pipfileHash?: string;
}

/** The files one index serves for one release, as the graph or the index itself reports them. */
export interface ReleaseArtifacts {
  /** The index, trailing slashes removed. */
  indexUrl: string;
  /**
   * 'release': the index serves the version; 'no-version': the project exists without that version;
   * 'no-project': the index does not know the project.
   */
  status: 'release' | 'no-version' | 'no-project';
  /** Files of the release with their sha256 (files the index publishes no digest for are left out). */
  files: Array<{ filename: string; sha256: string }>;
  /** PEP 592: true when every file of the release is yanked. */
  yanked: boolean;
  yankedReason: string | null;
  /** Where the answer came from. */
  from: 'graph' | 'index';
}

/**
 * Where the check learns what indexes serve. Implementations answer for one index at a time and
 * report an index that cannot be asked as a host error (never as "no such project", STYLE.md §8).
 */
export interface ArtifactSource {
  /** What `indexUrl` serves for `name` (PEP 503 normalized) at `version`; undefined when it cannot tell. */
  artifacts(name: string, version: string, indexUrl: string): Promise<ReleaseArtifacts | undefined>;
  /** Optional hint: these packages will be asked about, so an implementation can read them in one go. */
  prefetch?(names: readonly string[]): Promise<void>;
  /** Other indexes known to host `name` at `version` (the graph's records), trailing slashes removed. */
  otherIndexes?(name: string, version: string): Promise<string[]>;
}
