// PEP 440 version specifiers and specifier sets, behaving exactly as Python's
// `packaging.specifiers` (checked differentially in test/unit/packaging-diff/), plus the range view
// the resolver needs: intersection and an emptiness check.
import { InvalidSpecifierError } from './errors.js';
import { parseSpecifierAt } from './specifier.js';
import type { Specifier } from './specifier.js';
import { parseSpecifierSetAt } from './specifier-set.js';
import type { PrereleaseOptions, SpecifierSet } from './specifier-set.js';

export { InvalidSpecifierError };
export { Specifier } from './specifier.js';
export type { SpecifierOperator } from './specifier.js';
export { SpecifierSet } from './specifier-set.js';
export type { PrereleaseOptions } from './specifier-set.js';
export { comparePoints, intersectRanges, isIntervalEmpty, rangesContain, FULL_RANGE } from './range.js';
export type { Interval, LowerBound, Point, PointKind, UpperBound } from './range.js';

export const id = 'pep440-specifier';
export const description =
  'PEP 440 version specifiers and sets: membership, filtering, intersection, emptiness';

/** Parses one specifier such as `>=1.0`; throws InvalidSpecifierError (code `invalid-specifier`). */
export function parseSpecifier(input: string): Specifier {
  return parseSpecifierAt(input);
}

/** Parses a comma-separated set such as `>=1.0,!=1.3,<2`; `''` is the set that admits everything. */
export function parseSpecifierSet(input: string, options: PrereleaseOptions = {}): SpecifierSet {
  return parseSpecifierSetAt(input, options);
}

/** Parses a set, or returns undefined when it is invalid. */
export function tryParseSpecifierSet(
  input: string,
  options: PrereleaseOptions = {},
): SpecifierSet | undefined {
  try {
    return parseSpecifierSetAt(input, options);
  } catch (error) {
    if (error instanceof InvalidSpecifierError) return undefined;
    throw error;
  }
}
