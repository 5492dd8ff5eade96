// Version ranges: the set of versions a specifier accepts, as a sorted list of disjoint intervals on
// the PEP 440 line. This is the model packaging 26 uses internally, reproduced so that membership,
// intersection and emptiness agree with it exactly.
//
// The line holds real versions and two kinds of points between them, which PEP 440's exclusions
// need (relative to a version V without a local segment):
//
//     V  <  V+local…  <  after-locals(V)  <  V.post0…  <  after-posts(V)  <  next release
//
// `<=V`, `==V` and `!=V` end at after-locals(V), because a specifier without a local segment
// ignores candidates' local segments; `>V` starts after after-posts(V), because `>V` excludes V's
// post-releases unless V is one (PEP 440 §Exclusive ordered comparison).
//
// Limits, as in packaging: an interval counts as empty only when its bounds cross, or when its lower
// bound is a boundary point whose least successor (V.dev(N+1), V.post(N+1).dev0, the next pre-release's
// .dev0) lies at or past the upper bound; the release line is otherwise treated as dense, so an
// interval such as `(1.0+a, 1.0+a.0)` counts as non-empty. `===` accepts one literal string and has no
// interval form: its ranges are the full line and its check happens on the string.
import { compareParsedVersions, comparePublic, sameRelease, versionFromParts } from '../version/index.js';
import type { Version, VersionNumber } from '../version/index.js';

/** A point that is a real version (`exact`) or sits just above a family of versions. */
export type PointKind = 'exact' | 'after-locals' | 'after-posts';

export interface Point {
  readonly kind: PointKind;
  readonly version: Version;
}

/** Lower bound; `point` undefined means unbounded below. */
export interface LowerBound {
  readonly point: Point | undefined;
  readonly inclusive: boolean;
  /** True when `v` lies at or above this bound. */
  readonly admits: (v: Version) => boolean;
}

/** Upper bound; `point` undefined means unbounded above. */
export interface UpperBound {
  readonly point: Point | undefined;
  readonly inclusive: boolean;
  /** True when `v` lies at or below this bound. */
  readonly admits: (v: Version) => boolean;
}

export type Interval = readonly [LowerBound, UpperBound];

const always = (): boolean => true;
export const NEG_INF: LowerBound = { point: undefined, inclusive: false, admits: always };
export const POS_INF: UpperBound = { point: undefined, inclusive: false, admits: always };
export const FULL_RANGE: readonly Interval[] = [[NEG_INF, POS_INF]];

/** The least PEP 440 version, `0.dev0`. */
export const MIN_VERSION = versionFromParts({ release: [0], dev: 0 });
const MIN_RELEASE = versionFromParts({ release: [0] });

export function exact(version: Version): Point {
  return { kind: 'exact', version };
}

export function increment(n: VersionNumber): VersionNumber {
  if (typeof n === 'bigint') return n + 1n;
  return n < Number.MAX_SAFE_INTEGER ? n + 1 : BigInt(n) + 1n;
}

// -------------------------------------------------------------------------------- ordering of points

/** Same public version apart from the local segment: the "local family" of V. */
function inLocalFamily(v: Version, base: Version): boolean {
  return sameRelease(v, base) && samePre(v, base) && v.post === base.post && v.dev === base.dev;
}

function samePre(a: Version, b: Version): boolean {
  if (a.pre === undefined || b.pre === undefined) return a.pre === b.pre;
  return a.pre[0] === b.pre[0] && a.pre[1] === b.pre[1];
}

/** V itself, its locals and its post-releases (and their dev releases): the "post family" of V. */
function inPostFamily(v: Version, base: Version): boolean {
  return sameRelease(v, base) && samePre(v, base) && (v.dev === base.dev || v.post !== undefined);
}

// The suffix of a point as packaging's comparison key orders it: pre rank and number, post rank and
// number, dev rank and number. An after-posts point takes post number +∞ so it follows every V.postN.
function suffixKey(p: Point): readonly VersionNumber[] {
  const v = p.version;
  const preN = v.pre?.[1] ?? 0;
  if (p.kind === 'after-posts') return [v.preRank, preN, 1, Infinity, 1, 0];
  return [
    v.preRank,
    preN,
    v.post === undefined ? 0 : 1,
    v.post ?? 0,
    v.dev === undefined ? 1 : 0,
    v.dev ?? 0,
  ];
}

/** Total order of points; boundaries sort after every version with the same public key. */
export function comparePoints(a: Point, b: Point): number {
  if (a.kind === 'exact' && b.kind === 'exact') return compareParsedVersions(a.version, b.version);
  const av = a.version;
  const bv = b.version;
  // Epoch and trimmed release first: comparePublic decides them before looking at suffixes.
  if (!sameRelease(av, bv)) return comparePublic(av, bv);
  const sa = suffixKey(a);
  const sb = suffixKey(b);
  for (let i = 0; i < 6; i++) {
    const x = sa[i]!;
    const y = sb[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  // Equal suffix: a boundary's local slot is +∞, a version's is its local (none lowest).
  if (a.kind !== 'exact') return b.kind !== 'exact' ? 0 : 1;
  return -1;
}

// -------------------------------------------------------------------------------- bounds

export function lowerBound(point: Point | undefined, inclusive: boolean): LowerBound {
  if (point === undefined) return NEG_INF;
  const base = point.version;
  let admits: (v: Version) => boolean;
  if (point.kind === 'after-posts') {
    admits = (v) => compareParsedVersions(v, base) > 0 && !inPostFamily(v, base);
  } else if (point.kind === 'after-locals') {
    admits = (v) => compareParsedVersions(v, base) > 0 && !inLocalFamily(v, base);
  } else if (inclusive) {
    admits = (v) => compareParsedVersions(v, base) >= 0;
  } else {
    admits = (v) => compareParsedVersions(v, base) > 0;
  }
  return { point, inclusive, admits };
}

export function upperBound(point: Point | undefined, inclusive: boolean): UpperBound {
  if (point === undefined) return POS_INF;
  const base = point.version;
  let admits: (v: Version) => boolean;
  if (point.kind === 'after-locals') {
    admits = (v) => compareParsedVersions(v, base) <= 0 || inLocalFamily(v, base);
  } else if (point.kind === 'after-posts' || inclusive) {
    // packaging admits up to V itself for an after-posts upper bound; no specifier produces one.
    admits = (v) => compareParsedVersions(v, base) <= 0;
  } else {
    admits = (v) => compareParsedVersions(v, base) < 0;
  }
  return { point, inclusive, admits };
}

function compareLower(a: LowerBound, b: LowerBound): number {
  if (a.point === undefined) return b.point === undefined ? 0 : -1;
  if (b.point === undefined) return 1;
  const c = comparePoints(a.point, b.point);
  if (c !== 0) return c;
  // `[v` starts before `(v`.
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
}

function compareUpper(a: UpperBound, b: UpperBound): number {
  if (a.point === undefined) return b.point === undefined ? 0 : 1;
  if (b.point === undefined) return -1;
  const c = comparePoints(a.point, b.point);
  if (c !== 0) return c;
  // `v)` ends before `v]`.
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1;
}

/** The least real version strictly above a boundary point, if the line has one there. */
function leastVersionAbove(p: Point): Version | undefined {
  const v = p.version;
  if (p.kind === 'after-locals') {
    if (v.dev !== undefined) return withParts(v, { dev: increment(v.dev) });
    return withParts(v, { post: v.post === undefined ? 0 : increment(v.post), dev: 0 });
  }
  if (p.kind === 'after-posts' && v.pre !== undefined) {
    return withParts(v, { pre: [v.pre[0], increment(v.pre[1])], post: undefined, dev: 0 });
  }
  // After the posts of a final release come 1.0.0.1, 1.0.0.0.1, …: no least successor.
  return undefined;
}

/** A copy of `v` without its local segment and with some parts replaced. */
export function withParts(
  v: Version,
  parts: {
    release?: readonly VersionNumber[];
    pre?: Version['pre'];
    post?: VersionNumber | undefined;
    dev?: VersionNumber | undefined;
  },
): Version {
  return versionFromParts({
    epoch: v.epoch,
    release: parts.release ?? v.release,
    pre: 'pre' in parts ? parts.pre : v.pre,
    post: 'post' in parts ? parts.post : v.post,
    dev: 'dev' in parts ? parts.dev : v.dev,
  });
}

/** True when no version lies between the bounds (see the module comment for the limits). */
export function isIntervalEmpty(lower: LowerBound, upper: UpperBound): boolean {
  if (upper.point === undefined) return false;
  if (lower.point === undefined) {
    // Nothing sorts below 0.dev0, so `(-inf, 0.dev0)` is empty.
    return (
      !upper.inclusive &&
      upper.point.kind === 'exact' &&
      compareParsedVersions(upper.point.version, MIN_VERSION) <= 0
    );
  }
  if (lower.point.kind !== 'exact') {
    const successor = leastVersionAbove(lower.point);
    if (successor !== undefined) {
      const c = comparePoints(upper.point, exact(successor));
      if (c === 0) return !upper.inclusive;
      return c < 0;
    }
  }
  const c = comparePoints(lower.point, upper.point);
  if (c === 0) return !(lower.inclusive && upper.inclusive);
  return c > 0;
}

/** Intersection of two sorted lists of disjoint intervals. */
export function intersectRanges(left: readonly Interval[], right: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const [ll, lu] = left[i]!;
    const [rl, ru] = right[j]!;
    const lower = compareLower(rl, ll) > 0 ? rl : ll;
    const upper = compareUpper(ru, lu) < 0 ? ru : lu;
    if (!isIntervalEmpty(lower, upper)) result.push([lower, upper]);
    if (compareUpper(lu, ru) < 0) i++;
    else j++;
  }
  return result;
}

/** True when `v` lies in one of the intervals. */
export function rangesContain(ranges: readonly Interval[], v: Version): boolean {
  for (const [lower, upper] of ranges) {
    // Intervals are sorted: below one lower bound means below all later ones.
    if (!lower.admits(v)) return false;
    if (upper.admits(v)) return true;
  }
  return false;
}

function nearestReleaseAbovePrerelease(v: Version): Version {
  // 1.0a1.post0 -> 1.0 (the final outranks the pre-release's posts); 1.0.post0.dev0 -> 1.0.post0.
  if (v.pre !== undefined) return withParts(v, { pre: undefined, post: undefined, dev: undefined });
  return withParts(v, { dev: undefined });
}

function lowestReleaseAtOrAbove(p: Point | undefined): Version {
  if (p === undefined) return MIN_RELEASE;
  const v = p.version;
  if (p.kind !== 'exact') {
    if (v.isPrerelease) return nearestReleaseAbovePrerelease(v);
    return withParts(v, { post: v.post === undefined ? 0 : increment(v.post) });
  }
  return v.isPrerelease ? nearestReleaseAbovePrerelease(v) : v;
}

/** True when every interval holds pre-releases only (so `prereleases=False` leaves nothing). */
export function rangesArePrereleaseOnly(ranges: readonly Interval[]): boolean {
  for (const [lower, upper] of ranges) {
    const nearest = exact(lowestReleaseAtOrAbove(lower.point));
    if (upper.point === undefined) return false;
    const c = comparePoints(nearest, upper.point);
    if (c < 0 || (c === 0 && upper.inclusive)) return false;
  }
  return true;
}
