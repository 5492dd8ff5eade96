// A comma-separated PEP 440 specifier set (`>=1.0,!=1.3,<2`) with packaging's exact pre-release
// rules for contains and filter, its canonical string, the conjunction of two sets and an emptiness
// check built on version ranges (./range.ts).
import { isPythonWhitespace, tryParseVersion } from '../version/index.js';
import type { Version } from '../version/index.js';
import { FULL_RANGE, intersectRanges, rangesArePrereleaseOnly, rangesContain } from './range.js';
import type { Interval } from './range.js';
import { parseSpecifierAt } from './specifier.js';
import type { Specifier } from './specifier.js';

export interface PrereleaseOptions {
  /**
   * true admits pre-releases, false refuses them; unset follows PEP 440 (and packaging): a set
   * that names a pre-release admits them, otherwise they are kept only when nothing else matches.
   */
  prereleases?: boolean;
}

type Candidate = string | Version;

function parsedOf(item: Candidate): Version | undefined {
  return typeof item === 'string' ? tryParseVersion(item) : item;
}

/** Compares strings by code point, as Python sorts `str` (JavaScript's `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800–0xDFFF) encode code points above every BMP unit that follows them.
    if (x >= 0xd800 && y >= 0xd800) return (a.codePointAt(i) ?? x) - (b.codePointAt(i) ?? y);
    return x - y;
  }
  return a.length - b.length;
}

export class SpecifierSet {
  /** The specifiers in the order written. */
  readonly specifiers: readonly Specifier[];
  /** The pre-release policy given explicitly when the set was made, if any. */
  readonly explicitPrereleases: boolean | undefined;
  private readonly hasArbitrary: boolean;
  private rangeCache: readonly Interval[] | undefined;
  private emptyCache: boolean | undefined;

  /** @internal use parseSpecifierSet */
  constructor(specifiers: readonly Specifier[], prereleases: boolean | undefined) {
    this.specifiers = specifiers;
    this.explicitPrereleases = prereleases;
    this.hasArbitrary = specifiers.some((s) => s.operator === '===');
  }

  get length(): number {
    return this.specifiers.length;
  }

  /**
   * packaging's `SpecifierSet.prereleases`: the explicit policy if given, else true when any
   * specifier names a pre-release, else undefined (PEP 440 default).
   */
  get prereleases(): boolean | undefined {
    if (this.explicitPrereleases !== undefined) return this.explicitPrereleases;
    return this.specifiers.some((s) => s.prereleases === true) ? true : undefined;
  }

  /** Sorted by text and without duplicates (equal by canonical version), as packaging prints it. */
  canonicalSpecifiers(): Specifier[] {
    const sorted = [...this.specifiers].sort((a, b) => compareCodePoints(a.toString(), b.toString()));
    const seen = new Set<string>();
    return sorted.filter((s) => {
      const key = s.canonicalKey;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** The canonical text: `!=1.3,<2,>=1.0`. */
  toString(): string {
    return this.canonicalSpecifiers()
      .map((s) => s.toString())
      .join(',');
  }

  /** The versions every specifier admits, before pre-release policy; `===` counts as the full line. */
  ranges(): readonly Interval[] {
    if (this.rangeCache === undefined) {
      let result: readonly Interval[] = FULL_RANGE;
      for (const spec of this.specifiers) {
        result = result === FULL_RANGE ? spec.ranges() : intersectRanges(result, spec.ranges());
        if (result.length === 0) break;
      }
      this.rangeCache = result;
    }
    return this.rangeCache;
  }

  /** packaging's `SpecifierSet.contains(item, prereleases)`. */
  contains(item: Candidate, options: PrereleaseOptions & { installed?: boolean } = {}): boolean {
    let prereleases = options.prereleases;
    const version = parsedOf(item);
    if (version !== undefined && options.installed === true && version.isPrerelease) prereleases = true;
    if (
      version !== undefined &&
      !this.hasArbitrary &&
      version.local === undefined &&
      this.specifiers.length > 0
    ) {
      if (
        version.isPrerelease &&
        (prereleases === false || (prereleases === undefined && this.explicitPrereleases === false))
      ) {
        return false;
      }
      return rangesContain(this.ranges(), version);
    }
    // With `===` a string is checked as written, not normalized.
    const check = version === undefined || (this.hasArbitrary && typeof item === 'string') ? item : version;
    return this.filter([check], { prereleases }).length > 0;
  }

  /**
   * packaging's `SpecifierSet.filter`: the items (strings or Versions) the set admits, in input
   * order. With the default policy pre-releases are dropped unless the set names one, or unless no
   * final release matches, in which case the matching pre-releases are returned. Unparsable strings
   * are dropped, except by an empty set or one using `===`, which keep them.
   */
  filter<T extends Candidate>(items: Iterable<T>, options: PrereleaseOptions = {}): T[] {
    let prereleases = options.prereleases;
    if (prereleases === undefined) prereleases = this.prereleases;
    if (this.specifiers.length === 0) return applyPrereleasePolicy(items, prereleases);
    if (this.hasArbitrary) {
      const matches: T[] = [];
      for (const item of items) {
        if (this.specifiers.every((s) => s.contains(item, { prereleases: true }))) matches.push(item);
      }
      return applyPrereleasePolicy(matches, prereleases);
    }
    return filterByRanges(this.ranges(), items, prereleases);
  }

  /**
   * The conjunction of two sets (packaging's `&`): all specifiers of both. Throws when one set
   * explicitly admits pre-releases and the other explicitly refuses them.
   */
  intersect(other: SpecifierSet): SpecifierSet {
    const a = this.explicitPrereleases;
    const b = other.explicitPrereleases;
    let prereleases: boolean | undefined;
    if (a === undefined || a === b) prereleases = b;
    else if (b === undefined) prereleases = a;
    else throw new RangeError('cannot combine specifier sets with opposite explicit pre-release policies');
    return new SpecifierSet([...this.specifiers, ...other.specifiers], prereleases);
  }

  /**
   * True when no version can satisfy the set (packaging's `is_unsatisfiable`): the ranges are empty,
   * the `===` strings disagree or fail the other specifiers, or pre-releases are refused and only
   * pre-releases remain. An empty set is satisfiable.
   */
  isEmpty(): boolean {
    if (this.emptyCache === undefined) {
      let empty = false;
      if (this.specifiers.length > 0) {
        const ranges = this.ranges();
        empty = ranges.length === 0 || this.arbitraryIsUnsatisfiable();
        if (!empty && this.prereleases === false) empty = rangesArePrereleaseOnly(ranges);
      }
      this.emptyCache = empty;
    }
    return this.emptyCache;
  }

  private arbitraryIsUnsatisfiable(): boolean {
    const arbitrary = this.specifiers.filter((s) => s.operator === '===');
    if (arbitrary.length === 0) return false;
    // `===` compares case-insensitively, so the only candidate is that one string.
    const first = arbitrary[0]!.version.toLowerCase();
    if (arbitrary.some((s) => s.version.toLowerCase() !== first)) return true;
    const candidate = tryParseVersion(arbitrary[0]!.version);
    if (this.prereleases === false && candidate !== undefined && candidate.isPrerelease) return true;
    const standard = this.specifiers.filter((s) => s.operator !== '===');
    if (standard.length === 0) return false;
    if (candidate === undefined) return true;
    return !standard.every((s) => s.contains(candidate));
  }
}

/**
 * PEP 440's default for pre-releases over already-matched items: `true` keeps all; `false` drops
 * parsed pre-releases; unset keeps finals and unparsable strings, and the pre-releases only when no
 * final release is among the items.
 */
function applyPrereleasePolicy<T extends Candidate>(
  items: Iterable<T>,
  prereleases: boolean | undefined,
): T[] {
  const out: T[] = [];
  if (prereleases === true) {
    for (const item of items) out.push(item);
    return out;
  }
  if (prereleases === false) {
    for (const item of items) {
      const v = parsedOf(item);
      if (v === undefined || !v.isPrerelease) out.push(item);
    }
    return out;
  }
  const pending: T[] = [];
  let foundFinal = false;
  for (const item of items) {
    const v = parsedOf(item);
    if (v === undefined) {
      // An arbitrary string is neither final nor pre-release: kept in place either way.
      if (foundFinal) out.push(item);
      else pending.push(item);
    } else if (!v.isPrerelease) {
      if (!foundFinal) {
        for (const p of pending) if (parsedOf(p) === undefined) out.push(p);
        foundFinal = true;
      }
      out.push(item);
    } else if (!foundFinal) {
      pending.push(item);
    }
  }
  return foundFinal ? out : pending;
}

/** Filters items by ranges with a pre-release policy (packaging's `filter_by_ranges`). */
function filterByRanges<T extends Candidate>(
  ranges: readonly Interval[],
  items: Iterable<T>,
  prereleases: boolean | undefined,
): T[] {
  const out: T[] = [];
  if (prereleases === undefined) {
    const buffered: T[] = [];
    let foundFinal = false;
    for (const item of items) {
      const v = parsedOf(item);
      if (v === undefined || !rangesContain(ranges, v)) continue;
      if (!v.isPrerelease) {
        foundFinal = true;
        out.push(item);
      } else if (!foundFinal) {
        buffered.push(item);
      }
    }
    return foundFinal ? out : buffered;
  }
  for (const item of items) {
    const v = parsedOf(item);
    if (v === undefined) continue;
    if (prereleases === false && v.isPrerelease) continue;
    if (rangesContain(ranges, v)) out.push(item);
  }
  return out;
}

/** Parses a comma-separated specifier set; empty or blank input is the set that admits everything. */
export function parseSpecifierSetAt(input: string, options: PrereleaseOptions = {}): SpecifierSet {
  const specs: Specifier[] = [];
  let from = 0;
  for (;;) {
    const comma = input.indexOf(',', from);
    const end = comma < 0 ? input.length : comma;
    const piece = input.slice(from, end);
    if (!isBlank(piece)) specs.push(parseSpecifierAt(piece, input, from));
    if (comma < 0) break;
    from = comma + 1;
  }
  return new SpecifierSet(specs, options.prereleases);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isPythonWhitespace(s.charCodeAt(i))) return false;
  return true;
}
