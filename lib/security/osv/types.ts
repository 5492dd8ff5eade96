// The OSV advisory as Thoth keeps it (ossf/osv-schema, the subset PyPI advisories use): typed after a
// lenient read, so the importer and the range evaluator never see raw YAML or JSON.

/** One event of an OSV range; exactly one of the four kinds (OSV schema, `affected[].ranges[].events`). */
export type OsvEvent =
  /** The first affected version; `"0"` means "from the beginning" (before every version). */
  | { introduced: string }
  /** The first version no longer affected (exclusive end). */
  | { fixed: string }
  /** The last affected version (inclusive end). */
  | { last_affected: string }
  /** An upper bound on the range (exclusive); a missing limit is an implicit "*". */
  | { limit: string };

/** An ECOSYSTEM range: PyPI versions ordered by PEP 440. GIT and SEMVER ranges are not kept. */
export interface OsvRange {
  type: 'ECOSYSTEM';
  /** Events in the order the record gives them (the evaluator sorts them by version). */
  events: OsvEvent[];
}

/** A reference of an advisory: a typed link (ADVISORY, WEB, FIX, REPORT, PACKAGE, ARTICLE, …). */
export interface OsvReference {
  type: string;
  url: string;
}

/** A severity score of an advisory (CVSS vector strings; only a few PyPI advisories carry one). */
export interface OsvSeverity {
  type: string;
  score: string;
}

/** What one advisory says about one PyPI package. */
export interface OsvAffected {
  /** The package, PEP 503 normalized. */
  name: string;
  /** ECOSYSTEM ranges, evaluated with PEP 440 ordering. */
  ranges: OsvRange[];
  /** The explicit list of affected versions, as written in the record. */
  versions: string[];
}

/** An advisory after the lenient read. Wire names stay snake_case where they are OSV's own. */
export interface OsvRecord {
  /** PYSEC-…, GHSA-…, OSV ids. */
  id: string;
  aliases: string[];
  summary: string | undefined;
  details: string | undefined;
  severity: OsvSeverity[];
  /** RFC 3339 timestamps as written (the record's own clock). */
  published: string | undefined;
  modified: string;
  withdrawn: string | undefined;
  /** Only the PyPI entries; entries of other ecosystems are dropped. */
  affected: OsvAffected[];
  references: OsvReference[];
}

/** What the lenient read dropped from one record, counted for the import summary. */
export interface OsvReadNotes {
  /** GIT (and SEMVER) ranges ignored: commit ranges cannot be mapped to PyPI versions. */
  ignoredRanges: number;
  /** `affected[]` entries of another ecosystem, or without a package name. */
  ignoredAffected: number;
  /** Events that were malformed (not exactly one known key, or a non-string value). */
  droppedEvents: number;
}

/** The result of reading one record: the record, or why it was skipped (a value, not an error). */
export type OsvReadResult =
  | { kind: 'record'; record: OsvRecord; notes: OsvReadNotes }
  | { kind: 'skipped'; source: string; reason: string };
