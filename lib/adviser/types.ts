// Shared interfaces of the adviser: the knowledge it reads (KnowledgeSource), the environment it
// resolves for, the typed reasons a release cannot be used, and the random and clock ports that keep
// the core deterministic (STYLE.md: no Date.now/Math.random in the resolver core).
import type { KnownDependency, KnownRelease } from '../graph/index.js';
import type { MarkerEnvironment } from '../python/index.js';
import type { OsvRange } from '../security/index.js';

export type { KnownDependency, KnownRelease };

/** One artifact of a release, when the knowledge source knows file names (lib/graph does not yet). */
export interface KnownFile {
  filename: string;
  url: string | null;
  sha256: string;
}

/**
 * One advisory affecting a release, as the security units read it (OSV fields). The source links it to
 * the release (lib/graph's materialized advisory_affected_release, or a fixture's ranges); units only
 * explain it, they do not evaluate ranges again.
 */
export interface ReleaseAdvisory {
  /** OSV id (PYSEC-…, GHSA-…). */
  id: string;
  /** Other ids of the same advisory (CVE-…, GHSA-…); the `allow-cve` label may name any of them. */
  aliases: readonly string[];
  summary: string | null;
  /** OSV severity entries: `{type: 'CVSS_V3', score: <vector>}`; [] when the advisory gives none. */
  severity: readonly { type: string; score: string }[];
  /** The primary link (the ADVISORY reference, else osv.dev); null when none is known. */
  link: string | null;
  /** What the advisory says about this package: OSV ECOSYSTEM ranges and the explicit versions. */
  affected: readonly { ranges: readonly OsvRange[]; versions: readonly string[] }[];
}

/** Bandit × cloc aggregates of a release's sources (the newest successful security-indicator run). */
export interface ReleaseSecurityIndicators {
  /** The security-indicator document they come from. */
  documentId: string;
  /**
   * Bandit issue counts by the severity first, then its confidence; levels `undefined`, `low`,
   * `medium`, `high` (missing levels count 0).
   */
  bySeverity: Readonly<Record<string, Readonly<Record<string, number>>>>;
  filesAnalyzed: number | null;
  /** Lines of Python code (cloc), what findings are normalized by; null when cloc found none. */
  pythonLinesOfCode: number | null;
}

/**
 * A release as the adviser reads it: the graph's KnownRelease, optionally with file names, the
 * advisories affecting it and its security indicators. `advisories` undefined means the source does
 * not know (treated as none); `securityIndicators` undefined means the release was not analysed.
 */
export type AdviserRelease = KnownRelease & {
  files?: readonly KnownFile[];
  advisories?: readonly ReleaseAdvisory[];
  securityIndicators?: ReleaseSecurityIndicators;
};

/**
 * Where the adviser learns which releases exist and what they depend on, in one environment.
 * Knowledge is "missing" for a package with no releases, and for a release whose `installable` is
 * null (not solved for this environment yet); the resolver reports both instead of failing silently.
 */
export interface KnowledgeSource {
  /**
   * Every known release of `name` (PEP 503 normalized), on every index; [] when none is known. Releases
   * carry the advisories affecting them and their security indicators when the source has them.
   */
  releases(name: string): Promise<readonly AdviserRelease[]>;
  /** Optional hint that these packages will be needed soon, so an implementation can batch reads. */
  prefetch?(names: readonly string[]): Promise<void>;
}

/** The target interpreter and platform of a resolution. */
export interface AdviserEnvironment {
  /** Full Python version (python_full_version), e.g. "3.12.4"; checked against Requires-Python. */
  pythonVersion: string;
  /** PEP 508 marker environment (lib/python's defaultEnvironment) dependency markers are evaluated in. */
  markers: MarkerEnvironment;
}

/**
 * Why a release cannot be used here. The values are the advise-result schema's `unavailable` reasons:
 * 'not-solved' is missing knowledge (installable === null), 'no-compatible-file' covers releases
 * marked missing from their index, 'removed-by-unit' a sieve's decision.
 */
export type UnavailableReason =
  | 'requires-python'
  | 'yanked'
  | 'not-installable'
  | 'not-solved'
  | 'no-compatible-file'
  | 'removed-by-unit'
  | 'security';

/** A reason plus its evidence (the Requires-Python value, the solver's message, the unit name). */
export interface Unavailability {
  reason: UnavailableReason;
  detail: string | null;
}

/**
 * Pre-release policy. 'if-necessary-in-range-or-explicit' is pip's (PEP 440): a pre-release is used
 * when a project requirement names one or when nothing else in the allowed range is usable.
 * 'if-necessary-or-explicit' is uv's stricter default (packse's expectations): only when the project
 * names one or when every known version of the package is a pre-release.
 */
export type PrereleasePolicy =
  'allow' | 'disallow' | 'if-necessary-in-range-or-explicit' | 'if-necessary-or-explicit';

/** A deterministic random source: a float in [0, 1). Built by `seededRandom(seed)`. */
export type Random = () => number;

/** A clock in milliseconds, injected so time budgets never make the core read the system clock. */
export type Clock = () => number;

/** A requirement of the project (or a constraint), already parsed. */
export interface RootRequirement {
  name: string;
  /** PEP 440 specifier set text; '' for any version. */
  specifier: string;
  extras: readonly string[];
  /** PEP 508 marker text; null when unconditional. */
  marker: string | null;
}
