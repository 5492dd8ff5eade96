// Whether a PyPI version is affected by an OSV `affected[]` entry: the explicit `versions` list OR any
// ECOSYSTEM range, ordered by PEP 440. The original Thoth read only the explicit lists and missed
// releases inside a range that the list did not enumerate (e.g. releases published after the record).
import { compareVersions, tryParseVersion } from '../../python/index.js';
import type { Version } from '../../python/index.js';
import type { OsvAffected, OsvEvent, OsvRange } from './types.js';

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface CompiledEvent {
  kind: EventKind;
  /** undefined for `introduced: "0"`, which sorts before every version. */
  version: Version | undefined;
}

/** A range ready for repeated evaluation; events whose version does not parse are dropped. */
export interface CompiledRange {
  events: CompiledEvent[];
  limits: Version[];
  /** Events left out because their version is not PEP 440. */
  dropped: number;
}

/** A compiled `affected[]` entry. */
export interface CompiledAffected {
  ranges: CompiledRange[];
  versions: Version[];
  /** Explicit versions that are not PEP 440; matched by exact text. */
  rawVersions: Set<string>;
}

function eventKind(event: OsvEvent): [EventKind, string] {
  if ('introduced' in event) return ['introduced', event.introduced];
  if ('fixed' in event) return ['fixed', event.fixed];
  if ('last_affected' in event) return ['last_affected', event.last_affected];
  return ['limit', event.limit];
}

// At equal versions an `introduced` comes first, so "introduced X, fixed X" leaves X unaffected and
// "introduced X, last_affected X" affects exactly X.
const TIE_ORDER: Record<EventKind, number> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };

/** Parse and sort the events of one ECOSYSTEM range (OSV's evaluation sorts events by version). */
export function compileRange(range: OsvRange): CompiledRange {
  const events: CompiledEvent[] = [];
  const limits: Version[] = [];
  let dropped = 0;
  for (const event of range.events) {
    const [kind, text] = eventKind(event);
    if (kind === 'introduced' && text === '0') {
      events.push({ kind, version: undefined });
      continue;
    }
    const version = tryParseVersion(text);
    if (version === undefined) {
      dropped++;
      continue;
    }
    if (kind === 'limit') limits.push(version);
    else events.push({ kind, version });
  }
  events.sort((a, b) => {
    if (a.version === undefined || b.version === undefined) {
      return (a.version === undefined ? -1 : 0) - (b.version === undefined ? -1 : 0);
    }
    return compareVersions(a.version, b.version) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind];
  });
  return { events, limits, dropped };
}

/**
 * OSV's algorithm: walk the sorted events up to `version`; `introduced <= v` turns affected on,
 * `fixed <= v` (exclusive end) and `last_affected < v` (inclusive end) turn it off. `limit` events cap
 * the range: when present, `v` must be below one of them.
 */
export function isInRange(range: CompiledRange, version: Version): boolean {
  if (range.limits.length > 0 && !range.limits.some((limit) => compareVersions(version, limit) < 0)) {
    return false;
  }
  let affected = false;
  for (const event of range.events) {
    const order = event.version === undefined ? 1 : compareVersions(version, event.version);
    if (event.kind === 'introduced') {
      if (order >= 0) affected = true;
    } else if (event.kind === 'fixed') {
      if (order >= 0) affected = false;
    } else if (order > 0) {
      affected = false;
    }
  }
  return affected;
}

export function compileAffected(affected: Pick<OsvAffected, 'ranges' | 'versions'>): CompiledAffected {
  const versions: Version[] = [];
  const rawVersions = new Set<string>();
  for (const text of affected.versions) {
    const parsed = tryParseVersion(text);
    if (parsed === undefined) rawVersions.add(text);
    else versions.push(parsed);
  }
  return { ranges: affected.ranges.map(compileRange), versions, rawVersions };
}

/** How an entry matches a version: by its explicit list, by a range, or not at all. */
export type AffectedMatch = 'versions' | 'range' | undefined;

/** Whether `version` (as published) is affected; the explicit list is checked first. */
export function matchAffected(compiled: CompiledAffected, version: string): AffectedMatch {
  if (compiled.rawVersions.has(version)) return 'versions';
  const parsed = tryParseVersion(version);
  if (parsed === undefined) return undefined;
  // PEP 440 equality, so "2.0" in the list matches a release published as "2.0.0".
  if (compiled.versions.some((v) => compareVersions(v, parsed) === 0)) return 'versions';
  if (compiled.ranges.some((range) => isInRange(range, parsed))) return 'range';
  return undefined;
}

/** Convenience for one-off checks: compile and match. */
export function isVersionAffected(
  affected: Pick<OsvAffected, 'ranges' | 'versions'>,
  version: string,
): boolean {
  return matchAffected(compileAffected(affected), version) !== undefined;
}

/** The versions that end a range (`fixed` events), for "upgrade to" hints in findings. */
export function fixedVersions(ranges: readonly OsvRange[]): string[] {
  const out: string[] = [];
  for (const range of ranges) {
    for (const event of range.events) {
      if ('fixed' in event && !out.includes(event.fixed)) out.push(event.fixed);
    }
  }
  return out;
}

/** A range as text for people: `>=0, <2.11.3` style, one string per range. */
export function describeRange(range: OsvRange): string {
  const compiled = compileRange(range);
  const parts: string[] = [];
  for (const event of compiled.events) {
    const v = event.version?.toString() ?? '0';
    if (event.kind === 'introduced') parts.push(`>=${v}`);
    else if (event.kind === 'fixed') parts.push(`<${v}`);
    else parts.push(`<=${v}`);
  }
  for (const limit of compiled.limits) parts.push(`<${limit.toString()} (limit)`);
  return parts.join(', ');
}
