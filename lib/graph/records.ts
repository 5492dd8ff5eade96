// Domain records the graph reads and writes. graph-sync maps documents onto these; the adviser reads
// them back. Field names are camelCase; the SQL columns and document fields stay snake_case.

/** A runtime environment solved for, identified by a stable `key`. */
export interface EnvironmentRecord {
  /** Stable identity, e.g. `cp311-manylinux_2_17_x86_64`; the same key always means the same target. */
  key: string;
  osName?: string | null;
  osVersion?: string | null;
  pythonVersion: string;
  implementation?: string;
  platform?: string | null;
  /** The full PEP 508 marker environment used to evaluate markers. */
  markerEnvironment?: Record<string, string>;
}

/** A file of a release. */
export interface FileRecord {
  filename: string;
  kind: 'wheel' | 'sdist';
  /** Expanded PEP 425 tags (wheels only). */
  tags: string[];
  sha256: string | null;
  size: number | null;
  uploadTime: string | null;
  url: string | null;
}

/** One Requires-Dist entry of a release, environment-independent. */
export interface DependencyRecord {
  /** PEP 503 normalized name. */
  name: string;
  /** Canonical PEP 440 specifier set, '' for any version. */
  specifier: string;
  /** Extras requested of the dependency, normalized and sorted. */
  extras: string[];
  /** Canonical marker string without the `extra == …` clause that activates it, or null. */
  marker: string | null;
  /** The extra of the depending release that activates this edge, or null when always active. */
  activatingExtra: string | null;
  /** Direct URL requirement, if any. */
  url: string | null;
  /** Marker evaluation per environment key (only for edges with a marker). */
  markerResults?: Record<string, boolean>;
}

/** Verdict of a release in one environment. */
export interface VerdictRecord {
  environmentKey: string;
  installable: boolean;
  /** Kebab-case reason when not installable (`no-compatible-wheel`, `requires-python`, …). */
  reason: string | null;
  /** Solver error text, when the solve itself failed. */
  error: string | null;
}

/** An environment-independent release with everything a solver learned about it. */
export interface ReleaseRecord {
  name: string;
  version: string;
  indexUrl: string;
  requiresPython: string | null;
  yanked: boolean;
  yankedReason: string | null;
  uploadTime: string | null;
  metadataSource: string | null;
  files: FileRecord[];
  dependencies: DependencyRecord[];
  verdicts: VerdictRecord[];
}
