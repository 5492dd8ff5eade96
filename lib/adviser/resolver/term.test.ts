// The resolver's term algebra and version sets against their definitions: `relation` (computed
// without building the intersection) must agree with "intersect, then compare" on random terms, and
// the word-level set operations with the same operations on plain index sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect, isEmptyTerm, negative, positive, relation, termsEqual } from './term.js';
import type { Relation, Term } from './term.js';
import { Universe, VersionSet } from './version-set.js';

/** The definition: the relation of `term` to `known` from their conjunction. */
function byDefinition(term: Term, known: Term): Relation {
  const both = intersect(known, term);
  if (termsEqual(both, known)) return 'satisfied';
  if (isEmptyTerm(both)) return 'contradicted';
  return 'inconclusive';
}

// Universes of up to 70 known versions: sets span one to three 32-bit words, the unknown element
// (index = size) landing in any of them.
const universe = fc.integer({ min: 0, max: 70 }).map(
  (n) =>
    new Universe(
      'p',
      Array.from({ length: n }, (_, i) => `${i}.0`),
    ),
);

const setOf = (u: Universe) =>
  fc.array(fc.boolean(), { minLength: u.size + 1, maxLength: u.size + 1 }).map((bits) =>
    VersionSet.of(
      u,
      bits.flatMap((b, i) => (b ? [i] : [])),
    ),
  );

const termOf = (u: Universe) =>
  fc.tuple(fc.boolean(), setOf(u)).map(([pos, set]) => (pos ? positive('p', set) : negative('p', set)));

const members = (s: VersionSet): number[] =>
  Array.from({ length: s.universe.size + 1 }, (_, i) => i).filter((i) => s.has(i));

describe('relation', () => {
  it('agrees with the definition on random terms', () => {
    fc.assert(
      fc.property(
        universe.chain((u) => fc.tuple(termOf(u), termOf(u))),
        ([term, known]) => {
          expect(relation(term, known)).toBe(byDefinition(term, known));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('VersionSet', () => {
  it('set operations, subset, disjointness and counts agree with index sets', () => {
    fc.assert(
      fc.property(
        universe.chain((u) => fc.tuple(setOf(u), setOf(u))),
        ([a, b]) => {
          const A = new Set(members(a));
          const B = new Set(members(b));
          expect(members(a.intersect(b))).toEqual([...A].filter((i) => B.has(i)));
          const all = Array.from({ length: a.universe.size + 1 }, (_, i) => i);
          expect(members(a.union(b))).toEqual(all.filter((i) => A.has(i) || B.has(i)));
          expect(members(a.minus(b))).toEqual([...A].filter((i) => !B.has(i)));
          expect(a.isSubsetOf(b)).toBe([...A].every((i) => B.has(i)));
          expect(a.isDisjoint(b)).toBe([...A].every((i) => !B.has(i)));
          expect(a.isEmpty()).toBe(A.size === 0);
          const known = [...A].filter((i) => i !== a.universe.unknown).length;
          expect(a.count()).toBe(known);
          // count(atMost) may stop early, but never below atMost when there are that many.
          expect(Math.min(a.count(2), 2)).toBe(Math.min(known, 2));
          expect(a.hasKnown()).toBe(known > 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
