// Finite version sets over one package's known releases (its "universe"), as bitsets. Because the
// knowledge graph lists every release of a package, PubGrub's set algebra (intersection, union,
// complement, subset) is exact here, with none of the PEP 440 range corner cases (pre-releases,
// local versions, `===`) that interval arithmetic must get right. Each universe has one extra
// "unknown" element standing for versions nobody knows of: every set made from a specifier contains
// it, so `b>=3` with only b 1.0 and 2.0 known is not the empty set but {unknown}, which the resolver
// explains as "there is no version of b>=3" exactly as PubGrub does with real ranges.

/** The known versions of one package, ascending by PEP 440 order. */
export class Universe {
  readonly package: string;
  readonly versions: readonly string[];
  private readonly positions: Map<string, number>;
  readonly words: number;

  constructor(pkg: string, versionsAscending: readonly string[]) {
    this.package = pkg;
    this.versions = versionsAscending;
    this.positions = new Map(versionsAscending.map((v, i) => [v, i]));
    this.words = Math.ceil((versionsAscending.length + 1) / 32);
  }

  /** Index of the "unknown version" element (after every known version). */
  get unknown(): number {
    return this.versions.length;
  }

  indexOf(version: string): number | undefined {
    return this.positions.get(version);
  }

  get size(): number {
    return this.versions.length;
  }
}

/** A subset of a Universe. Immutable. */
export class VersionSet {
  readonly universe: Universe;
  private readonly bits: Uint32Array;

  private constructor(universe: Universe, bits: Uint32Array) {
    this.universe = universe;
    this.bits = bits;
  }

  static none(universe: Universe): VersionSet {
    return new VersionSet(universe, new Uint32Array(universe.words));
  }

  static all(universe: Universe): VersionSet {
    const bits = new Uint32Array(universe.words);
    for (let i = 0; i <= universe.size; i++) bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
    return new VersionSet(universe, bits);
  }

  static of(universe: Universe, indexes: Iterable<number>): VersionSet {
    const bits = new Uint32Array(universe.words);
    for (const i of indexes) bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
    return new VersionSet(universe, bits);
  }

  /** Known versions matching `predicate`, plus the unknown element (a specifier may match unknowns). */
  static where(universe: Universe, predicate: (version: string, index: number) => boolean): VersionSet {
    const bits = new Uint32Array(universe.words);
    universe.versions.forEach((v, i) => {
      if (predicate(v, i)) bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
    });
    const u = universe.unknown;
    bits[u >>> 5] = (bits[u >>> 5] ?? 0) | (1 << (u & 31));
    return new VersionSet(universe, bits);
  }

  /** Only the unknown element: what an unparsable specifier can match. */
  static unknownOnly(universe: Universe): VersionSet {
    return VersionSet.of(universe, [universe.unknown]);
  }

  has(index: number): boolean {
    return ((this.bits[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
  }

  hasVersion(version: string): boolean {
    const i = this.universe.indexOf(version);
    return i !== undefined && this.has(i);
  }

  // The set operations below are the resolver's inner loop (millions of calls on a 570-package
  // graph): plain loops over the words, no callbacks, no allocation where the answer is a boolean.

  intersect(other: VersionSet): VersionSet {
    const a = this.bits;
    const b = other.bits;
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
    return new VersionSet(this.universe, out);
  }

  union(other: VersionSet): VersionSet {
    const a = this.bits;
    const b = other.bits;
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! | b[i]!;
    return new VersionSet(this.universe, out);
  }

  minus(other: VersionSet): VersionSet {
    const a = this.bits;
    const b = other.bits;
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! & ~b[i]!;
    return new VersionSet(this.universe, out);
  }

  complement(): VersionSet {
    return VersionSet.all(this.universe).minus(this);
  }

  isEmpty(): boolean {
    const a = this.bits;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
    return true;
  }

  isFull(): boolean {
    return this.equals(VersionSet.all(this.universe));
  }

  equals(other: VersionSet): boolean {
    const a = this.bits;
    const b = other.bits;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  isSubsetOf(other: VersionSet): boolean {
    const a = this.bits;
    const b = other.bits;
    for (let i = 0; i < a.length; i++) if ((a[i]! & ~b[i]!) !== 0) return false;
    return true;
  }

  /** No member in common with `other`. */
  isDisjoint(other: VersionSet): boolean {
    const a = this.bits;
    const b = other.bits;
    for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return false;
    return true;
  }

  /** True when the set holds at least one known version. */
  hasKnown(): boolean {
    return this.count(1) > 0;
  }

  /** Known member indexes, newest (highest) first. */
  *descending(): Generator<number> {
    for (let i = this.universe.size - 1; i >= 0; i--) if (this.has(i)) yield i;
  }

  /** Member versions, newest first. */
  versionsDescending(): string[] {
    return [...this.descending()].map((i) => this.universe.versions[i]!);
  }

  /** Number of known versions in the set (counting stops at `atMost`). */
  count(atMost = Infinity): number {
    const a = this.bits;
    const u = this.universe.unknown;
    let n = 0;
    for (let i = 0; i < a.length && n < atMost; i++) {
      // The unknown element is a member bit but not a known version.
      n += popcount(i === u >>> 5 ? a[i]! & ~(1 << (u & 31)) : a[i]!);
    }
    return n;
  }

  /**
   * A PEP 440 specifier describing the set by the versions that exist, simplified as uv does: ''
   * for every known version, `==v` for one, `>=lo,<next` for a run with `!=` for holes. The unknown
   * element is not shown; a set holding nothing known is written by its exclusions (`!=1.0,!=2.0`).
   */
  toSpecifier(): string {
    const v = this.universe.versions;
    const size = this.universe.size;
    const members: number[] = [];
    const excluded: number[] = [];
    for (let i = 0; i < size; i++) (this.has(i) ? members : excluded).push(i);
    if (members.length === 0) {
      return this.has(this.universe.unknown) ? excluded.map((i) => `!=${v[i]}`).join(',') : '<0.dev0';
    }
    if (excluded.length === 0) return '';
    const lo = members[0]!;
    const hi = members[members.length - 1]!;
    if (lo === hi) return `==${v[lo]}`;
    const parts: string[] = [];
    if (lo > 0) parts.push(`>=${v[lo]}`);
    if (hi < size - 1) parts.push(`<${v[hi + 1]}`);
    for (let i = lo + 1; i < hi; i++) if (!this.has(i)) parts.push(`!=${v[i]}`);
    return parts.join(',');
  }
}

/** Set bits of a 32-bit word (SWAR). */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
