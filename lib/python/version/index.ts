// PEP 440 versions, behaving exactly as Python's `packaging.version` (checked differentially in
// test/unit/packaging-diff/): parse, normalize, compare, sort. Parses are memoized in a bounded
// cache because resolvers see the same few thousand version strings over and over.
import { InvalidVersionError } from './errors.js';
import { parseVersionParts } from './parse.js';
import { compareParsedVersions, Version } from './version.js';

export { InvalidVersionError } from './errors.js';
export {
  Version,
  compareLocal,
  compareParsedVersions,
  comparePublic,
  compareSuffix,
  equalityKey,
  sameRelease,
} from './version.js';
export type { LocalSegment, PreReleaseLetter, VersionNumber, VersionParts } from './version.js';
export { isPythonWhitespace, stripPythonWhitespace } from './chars.js';
export { digitsToNumber } from './parse.js';

export const id = 'pep440-version';
export const description = 'PEP 440 versions: parsing, normalization and ordering as packaging does them';

const CACHE_LIMIT = 16_384;
const cache = new Map<string, Version | InvalidReason>();

interface InvalidReason {
  reason: string;
  index: number;
}

function lookup(input: string): Version | InvalidReason {
  let hit = cache.get(input);
  if (hit === undefined) {
    hit = parseVersionParts(input);
    // First-in, first-out eviction keeps memory bounded; Map iteration order is insertion order.
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(input, hit);
  }
  return hit;
}

/** Parses a PEP 440 version; throws InvalidVersionError (code `invalid-version`) otherwise. */
export function parseVersion(input: string): Version {
  const result = lookup(input);
  if (result instanceof Version) return result;
  throw new InvalidVersionError(input, result.reason, result.index + 1);
}

/** Parses a PEP 440 version, or returns undefined when `input` is not one. */
export function tryParseVersion(input: string): Version | undefined {
  const result = lookup(input);
  return result instanceof Version ? result : undefined;
}

/** Parses (memoized), returning the Version or why and where (0-based index) parsing stopped. */
export function parseVersionDetailed(input: string): Version | { reason: string; index: number } {
  return lookup(input);
}

/** Parses without the memo (for benchmarks that must not measure cache hits). */
export function parseVersionUncached(input: string): Version | undefined {
  const result = parseVersionParts(input);
  return result instanceof Version ? result : undefined;
}

/** Empties the parse memo. */
export function clearVersionCache(): void {
  cache.clear();
}

/** Builds a version from its parts (packaging's `Version.from_parts`). */
export function versionFromParts(parts: ConstructorParameters<typeof Version>[0]): Version {
  return new Version(parts);
}

function toVersion(v: string | Version): Version {
  return typeof v === 'string' ? parseVersion(v) : v;
}

/** -1, 0 or 1 as `a` sorts before, equal to or after `b`; strings are parsed (and may throw). */
export function compareVersions(a: string | Version, b: string | Version): -1 | 0 | 1 {
  return compareParsedVersions(toVersion(a), toVersion(b));
}

/** A new array sorted ascending by PEP 440 order; stable for equal versions (`1.0` and `1.0.0`). */
export function sortVersions<T extends string | Version>(versions: readonly T[]): T[] {
  const keyed = versions.map((v) => [toVersion(v), v] as const);
  keyed.sort((x, y) => compareParsedVersions(x[0], y[0]));
  return keyed.map((k) => k[1]);
}
