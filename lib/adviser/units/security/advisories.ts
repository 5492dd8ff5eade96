// What the security units say about an advisory: its ids ("GHSA-…/CVE-…"), the range that makes a
// version affected, its link, its severity and weight, and whether the `allow-cve` label exempts it.
// One wording for the sieve, the step and the wrap, so a derivation, a justification and stack_info
// name an advisory the same way.
// The pure range evaluation only: the lib/security barrel would load archive readers (tar, yauzl).
import { compileRange, describeRange, fixedVersions, isInRange } from '../../../security/osv/ranges.js';
import { compareVersions, tryParseVersion } from '../../../python/index.js';
import type { Candidate } from '../../resolver/index.js';
import type { ReleaseAdvisory } from '../../types.js';
import { cvssV3BaseScore, severityLevel } from './cvss.js';
import type { SeverityLevel } from './cvss.js';

/** The label listing advisory ids (OSV ids or aliases) the user accepts, comma-separated. */
export const ALLOW_CVE_LABEL = 'allow-cve';

/** Advisories affecting the candidate's release (the record the lock would use). */
export function advisoriesOf(candidate: Candidate): readonly ReleaseAdvisory[] {
  return candidate.release.advisories ?? [];
}

/** Ids the `allow-cve` label exempts, upper-cased (OSV ids are case-insensitive in practice). */
export function allowedIds(labels: Readonly<Record<string, string>>): ReadonlySet<string> {
  return new Set(
    (labels[ALLOW_CVE_LABEL] ?? '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== ''),
  );
}

/** The id or alias of `advisory` the label names, or undefined when the label does not exempt it. */
export function allowedBy(advisory: ReleaseAdvisory, allowed: ReadonlySet<string>): string | undefined {
  return [advisory.id, ...advisory.aliases].find((id) => allowed.has(id.toUpperCase()));
}

/** `GHSA-…/CVE-…`: the OSV id, then its aliases. */
export function advisoryIds(advisory: ReleaseAdvisory): string {
  return [advisory.id, ...advisory.aliases].join('/');
}

/** The advisory's page: its primary link, else its osv.dev page. */
export function advisoryLink(advisory: ReleaseAdvisory): string {
  return advisory.link ?? `https://osv.dev/vulnerability/${encodeURIComponent(advisory.id)}`;
}

/**
 * What makes `version` affected, as a specifier-like text: the OSV range containing it (`>=1.2, <1.4`),
 * else `==version` (the explicit list, or a link the ranges no longer explain).
 */
export function affectedRange(advisory: ReleaseAdvisory, version: string): string {
  const parsed = tryParseVersion(version);
  if (parsed !== undefined) {
    for (const entry of advisory.affected) {
      const range = entry.ranges.find((r) => isInRange(compileRange(r), parsed));
      if (range !== undefined) return describeRange(range);
    }
  }
  return `==${version}`;
}

/** The distinct ranges making `versions` affected, joined with "; " (see affectedRange). */
export function affectedRanges(advisory: ReleaseAdvisory, versions: readonly string[]): string {
  return [...new Set(versions.map((v) => affectedRange(advisory, v)))].join('; ');
}

/** At most `max` versions, then how many more: stack_info stays short for packages like django. */
export function listVersions(versions: readonly string[], max = 6): string {
  return versions.length <= max
    ? versions.join(', ')
    : `${versions.slice(0, max).join(', ')} and ${versions.length - max} more`;
}

/** Versions that fix the advisory (its `fixed` events), lowest first. */
export function fixedIn(advisory: ReleaseAdvisory): string[] {
  return fixedVersions(advisory.affected.flatMap((e) => [...e.ranges]))
    .filter((v) => tryParseVersion(v) !== undefined)
    .sort((a, b) => compareVersions(a, b));
}

/** The highest CVSS v3 base score among the advisory's severity entries; undefined when none. */
export function cvssScore(advisory: ReleaseAdvisory): number | undefined {
  let best: number | undefined;
  for (const entry of advisory.severity) {
    const score = cvssV3BaseScore(entry.score);
    if (score !== undefined && (best === undefined || score > best)) best = score;
  }
  return best;
}

/**
 * Multiplier of the per-advisory penalty by severity. Unknown severity weighs as medium: most PyPI
 * advisories carry no CVSS vector, and the original penalized every CVE alike.
 */
export const SEVERITY_WEIGHTS: Readonly<Record<SeverityLevel | 'unknown', number>> = {
  none: 0.25,
  low: 0.5,
  medium: 1,
  unknown: 1,
  high: 1.5,
  critical: 2,
};

export interface AdvisorySeverity {
  score: number | undefined;
  level: SeverityLevel | 'unknown';
  weight: number;
}

export function severityOf(advisory: ReleaseAdvisory): AdvisorySeverity {
  const score = cvssScore(advisory);
  const level = score === undefined ? 'unknown' : severityLevel(score);
  return { score, level, weight: SEVERITY_WEIGHTS[level] };
}

/** `GHSA-…/CVE-… (critical, CVSS 9.8)`: ids with the severity when known. */
export function advisoryLabel(advisory: ReleaseAdvisory): string {
  const severity = severityOf(advisory);
  return severity.score === undefined
    ? advisoryIds(advisory)
    : `${advisoryIds(advisory)} (${severity.level}, CVSS ${severity.score.toFixed(1)})`;
}
