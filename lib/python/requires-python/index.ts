// Requires-Python checks (core metadata `Requires-Python`, PEP 345/440): does an interpreter of a given
// full version satisfy a release's requirement? As pip does, the interpreter's own version counts even
// when it is a pre-release (3.13.0rc1 satisfies ">=3.8"), so membership is tested with prereleases allowed.
import { parseSpecifierSet, type SpecifierSet } from '../specifier/index.js';
import { parseVersion, type Version } from '../version/index.js';

export const id = 'requires-python';
export const description =
  'Requires-Python: interpreter version against a PEP 440 specifier set, as pip checks it';

/**
 * True when `pythonFullVersion` (e.g. "3.12.4", "3.13.0rc1") satisfies `requiresPython` (e.g. ">=3.8,<4").
 * An empty requirement admits every interpreter. Throws InvalidSpecifierError / InvalidVersionError for
 * malformed input: tolerating the malformed Requires-Python values found on indexes is the caller's policy.
 */
export function isPythonCompatible(
  requiresPython: string | SpecifierSet,
  pythonFullVersion: string | Version,
): boolean {
  const specifier = typeof requiresPython === 'string' ? parseSpecifierSet(requiresPython) : requiresPython;
  const version = typeof pythonFullVersion === 'string' ? parseVersion(pythonFullVersion) : pythonFullVersion;
  return specifier.contains(version, { prereleases: true });
}
