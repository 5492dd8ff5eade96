// PubGrub terms: "package is selected at a version in S" (positive) or "package is not selected at a
// version in S" (negative: not selected at all, or selected outside S). The algebra follows the
// PubGrub paper and pubgrub-rs's guide; relations are computed against the partial solution's
// accumulated term for the package.
import type { VersionSet } from './version-set.js';

export interface Term {
  readonly package: string;
  readonly positive: boolean;
  readonly set: VersionSet;
  /** The specifier text the term was made from, kept for explanations ('' for any version). */
  readonly text?: string | undefined;
}

export type Relation = 'satisfied' | 'contradicted' | 'inconclusive';

export function positive(pkg: string, set: VersionSet, text?: string): Term {
  return { package: pkg, positive: true, set, text };
}

export function negative(pkg: string, set: VersionSet, text?: string): Term {
  return { package: pkg, positive: false, set, text };
}

export function negate(t: Term): Term {
  return { package: t.package, positive: !t.positive, set: t.set, text: t.text };
}

/** Keeps the text when the result equals one operand, so explanations quote what was written. */
function textOf(result: VersionSet, pos: boolean, a: Term, b: Term): string | undefined {
  if (a.positive === pos && a.set.equals(result)) return a.text;
  if (b.positive === pos && b.set.equals(result)) return b.text;
  return undefined;
}

/** The conjunction of two terms about the same package. */
export function intersect(a: Term, b: Term): Term {
  let pos: boolean;
  let set: VersionSet;
  if (a.positive && b.positive) [pos, set] = [true, a.set.intersect(b.set)];
  else if (a.positive) [pos, set] = [true, a.set.minus(b.set)];
  else if (b.positive) [pos, set] = [true, b.set.minus(a.set)];
  else [pos, set] = [false, a.set.union(b.set)];
  return { package: a.package, positive: pos, set, text: textOf(set, pos, a, b) };
}

/** The disjunction of two terms about the same package (used to merge learned clauses). */
export function union(a: Term, b: Term): Term {
  return negate(intersect(negate(a), negate(b)));
}

/** True when no selection satisfies the term (a positive term over the empty set). */
export function isEmptyTerm(t: Term): boolean {
  return t.positive && t.set.isEmpty();
}

export function termsEqual(a: Term, b: Term): boolean {
  return a.positive === b.positive && a.set.equals(b.set);
}

/** True when every selection allowed by `a` is allowed by `b`. */
export function isSubset(a: Term, b: Term): boolean {
  return termsEqual(intersect(a, b), a);
}

/**
 * How `term` relates to `known` (the partial solution's accumulated term, undefined when the
 * package has no assignment, i.e. anything is possible).
 */
export function relation(term: Term, known: Term | undefined): Relation {
  if (known === undefined) {
    // Nothing known: only the "anything" term (negative over nothing) is already satisfied.
    if (!term.positive && term.set.isEmpty()) return 'satisfied';
    if (isEmptyTerm(term)) return 'contradicted';
    return 'inconclusive';
  }
  // intersect(known, term) compared with known, without building it (the resolver's hottest call).
  const k = known.set;
  const t = term.set;
  if (known.positive) {
    if (term.positive) {
      // K ∩ T: equals K when K ⊆ T; empty when disjoint.
      if (k.isSubsetOf(t)) return 'satisfied';
      return k.isDisjoint(t) ? 'contradicted' : 'inconclusive';
    }
    // K \ T: equals K when disjoint; empty when K ⊆ T.
    if (k.isDisjoint(t)) return 'satisfied';
    return k.isSubsetOf(t) ? 'contradicted' : 'inconclusive';
  }
  // A positive result never equals a negative known term: T \ K is contradicted when empty.
  if (term.positive) return t.isSubsetOf(k) ? 'contradicted' : 'inconclusive';
  // not K and not T is not (K ∪ T): equals not K when T ⊆ K; a negative term is never empty.
  return t.isSubsetOf(k) ? 'satisfied' : 'inconclusive';
}
