// The PEP 440 Version value: its segments, the derived views packaging offers (public, base version,
// pre/dev/post flags) and the total order of PEP 440 §"Summary of permitted suffixes and relative
// ordering", computed field by field instead of through packaging's comparison-key tuples.

/**
 * A non-negative integer segment. It is a `number` when it is a safe integer and a `bigint` beyond
 * 2^53 - 1 (PEP 440 puts no bound on release numbers; date stamps with 17+ digits exist), so each
 * value has exactly one representation: `===` is equality and `<`/`>` compare exactly across both.
 */
export type VersionNumber = number | bigint;

/** Normalized pre-release letters (PEP 440: alpha → a, beta → b, c/pre/preview → rc). */
export type PreReleaseLetter = 'a' | 'b' | 'rc';

/** A local version segment: lowercase letters/digits text, or a number when it is all digits. */
export type LocalSegment = string | VersionNumber;

/** The parts of a version; every field but `release` is optional. */
export interface VersionParts {
  epoch?: VersionNumber;
  release: readonly VersionNumber[];
  pre?: readonly [PreReleaseLetter, VersionNumber] | undefined;
  post?: VersionNumber | undefined;
  dev?: VersionNumber | undefined;
  local?: readonly LocalSegment[] | undefined;
}

const PRE_RANK: Record<PreReleaseLetter, number> = { a: 0, b: 1, rc: 2 };
// packaging sorts a dev-only release (1.0.dev1) before every a/b/rc of the same release and a
// release without a pre-release after them: rank -1 and 3 around a=0, b=1, rc=2.
const PRE_RANK_DEV_ONLY = -1;
const PRE_RANK_NONE = 3;

function compareNumbers(a: VersionNumber, b: VersionNumber): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A parsed PEP 440 version. Immutable; `toString()` gives the normalized form. */
export class Version {
  readonly epoch: VersionNumber;
  readonly release: readonly VersionNumber[];
  readonly pre: readonly [PreReleaseLetter, VersionNumber] | undefined;
  readonly post: VersionNumber | undefined;
  readonly dev: VersionNumber | undefined;
  readonly local: readonly LocalSegment[] | undefined;

  // Comparison fields, computed once: the release length without trailing zeros (1.0.0 == 1) and
  // the ranks that order pre/post/dev suffixes.
  /** @internal */ readonly trimmedLength: number;
  /** @internal */ readonly preRank: number;
  private normalized: string | undefined;

  constructor(parts: VersionParts) {
    this.epoch = parts.epoch ?? 0;
    this.release = parts.release;
    this.pre = parts.pre;
    this.post = parts.post;
    this.dev = parts.dev;
    this.local = parts.local !== undefined && parts.local.length > 0 ? parts.local : undefined;
    let n = this.release.length;
    while (n > 0 && this.release[n - 1] === 0) n--;
    this.trimmedLength = n;
    this.preRank =
      this.pre !== undefined
        ? PRE_RANK[this.pre[0]]
        : this.post === undefined && this.dev !== undefined
          ? PRE_RANK_DEV_ONLY
          : PRE_RANK_NONE;
  }

  /** True for a pre-release or a development release (packaging's `is_prerelease`). */
  get isPrerelease(): boolean {
    return this.pre !== undefined || this.dev !== undefined;
  }
  get isDevrelease(): boolean {
    return this.dev !== undefined;
  }
  get isPostrelease(): boolean {
    return this.post !== undefined;
  }
  get major(): VersionNumber {
    return this.release[0] ?? 0;
  }
  get minor(): VersionNumber {
    return this.release[1] ?? 0;
  }
  get micro(): VersionNumber {
    return this.release[2] ?? 0;
  }

  /** The normalized version without its local segment. */
  get public(): string {
    const s = this.toString();
    const plus = s.indexOf('+');
    return plus < 0 ? s : s.slice(0, plus);
  }

  /** Epoch and release only: `1!2.0` for `1!2.0rc1.post2+abc`. */
  get baseVersion(): string {
    const release = this.release.join('.');
    return this.epoch === 0 ? release : `${this.epoch}!${release}`;
  }

  /** The local segment as text (`ubuntu.1`), or undefined. */
  get localString(): string | undefined {
    return this.local?.join('.');
  }

  /** The normalized form (PEP 440 §Normalization), as packaging's `str(Version)`. */
  toString(): string {
    if (this.normalized !== undefined) return this.normalized;
    let s = this.release.join('.');
    if (this.epoch !== 0) s = `${this.epoch}!${s}`;
    if (this.pre !== undefined) s += `${this.pre[0]}${this.pre[1]}`;
    if (this.post !== undefined) s += `.post${this.post}`;
    if (this.dev !== undefined) s += `.dev${this.dev}`;
    if (this.local !== undefined) s += `+${this.local.join('.')}`;
    this.normalized = s;
    return s;
  }

  /** -1, 0 or 1 as this version sorts before, equal to or after `other`. */
  compare(other: Version): -1 | 0 | 1 {
    return compareParsedVersions(this, other);
  }

  equals(other: Version): boolean {
    return compareParsedVersions(this, other) === 0;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Compares the public parts (epoch, release, pre, post, dev) of two versions; locals are ignored. */
export function comparePublic(a: Version, b: Version): number {
  let c = compareNumbers(a.epoch, b.epoch);
  if (c !== 0) return c;
  const la = a.trimmedLength;
  const lb = b.trimmedLength;
  const m = la < lb ? la : lb;
  const ra = a.release;
  const rb = b.release;
  for (let i = 0; i < m; i++) {
    c = compareNumbers(ra[i]!, rb[i]!);
    if (c !== 0) return c;
  }
  if (la !== lb) return la < lb ? -1 : 1;
  return compareSuffix(a, b);
}

/** Compares pre, post and dev of two versions with equal epoch and release. */
export function compareSuffix(a: Version, b: Version): number {
  if (a.preRank !== b.preRank) return a.preRank < b.preRank ? -1 : 1;
  let c = compareNumbers(a.pre?.[1] ?? 0, b.pre?.[1] ?? 0);
  if (c !== 0) return c;
  // No post-release sorts before any post-release.
  if (a.post === undefined) {
    if (b.post !== undefined) return -1;
  } else {
    if (b.post === undefined) return 1;
    c = compareNumbers(a.post, b.post);
    if (c !== 0) return c;
  }
  // A development release sorts before the same version without one.
  if (a.dev === undefined) return b.dev === undefined ? 0 : 1;
  if (b.dev === undefined) return -1;
  return compareNumbers(a.dev, b.dev);
}

/** Compares local segments per PEP 440: none < any; per segment text < number; shorter prefix first. */
export function compareLocal(
  a: readonly LocalSegment[] | undefined,
  b: readonly LocalSegment[] | undefined,
): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  const m = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < m; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x === 'string') {
      if (typeof y !== 'string') return -1;
      if (x !== y) return x < y ? -1 : 1;
    } else {
      if (typeof y === 'string') return 1;
      const c = compareNumbers(x, y);
      if (c !== 0) return c;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The total PEP 440 order of two parsed versions. */
export function compareParsedVersions(a: Version, b: Version): -1 | 0 | 1 {
  if (a === b) return 0;
  let c = comparePublic(a, b);
  if (c === 0) c = compareLocal(a.local, b.local);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/**
 * A string equal for equal versions and different otherwise: the normalized form without the
 * release's trailing zeros (1.2 and 1.2.0 both give '1.2'), for sets and maps of versions.
 */
export function equalityKey(version: Version): string {
  const release = version.release.slice(0, Math.max(1, version.trimmedLength));
  return new Version({ ...version, release }).toString();
}

/** True when two versions have the same epoch and release, ignoring trailing zeros. */
export function sameRelease(a: Version, b: Version): boolean {
  if (a.epoch !== b.epoch || a.trimmedLength !== b.trimmedLength) return false;
  for (let i = 0; i < a.trimmedLength; i++) if (a.release[i] !== b.release[i]) return false;
  return true;
}
