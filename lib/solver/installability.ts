// The installability verdict of a release in one environment, decided from index data alone: the
// environment's python_full_version against each file's Requires-Python, and the environment's PEP 425
// tags against the wheels. Nothing is installed or built (the original ran `pip install`, §4.3), so an
// sdist-only release is presumed installable and says so with the reason 'sdist-only'.
import type { InstallabilityVerdict, SolverEnvironment } from '../contracts/index.js';
import type { TagPriorities } from '../python/index.js';
import { isPythonCompatible, tryParseSpecifierSet } from '../python/index.js';
import type { DistributionFile } from './files.js';

/**
 * The verdict for one environment:
 * - `installable: false, reason: 'requires-python'` when every file's Requires-Python (the index's
 *   value, else the metadata's) excludes the interpreter; detail is the specifier;
 * - `installable: true, reason: null` when a compatible wheel remains;
 * - `installable: true, reason: 'sdist-only'` when only an sdist remains: installers would build it,
 *   which this solver does not try (detail says whether wheels exist for other platforms);
 * - `installable: false, reason: 'no-compatible-file'` when wheels exist but none fits and there is
 *   no sdist; detail lists a few of the wheels' platforms.
 * An unparsable Requires-Python is ignored, as pip does. Yanking is not a verdict: it is an
 * environment-independent fact of the release (`yanked`), and PEP 592 still allows `==` pins.
 */
export function installabilityVerdict(
  distributions: readonly DistributionFile[],
  releaseRequiresPython: string | null,
  environment: SolverEnvironment,
  priorities: TagPriorities,
): InstallabilityVerdict {
  const python = environment.marker_environment.python_full_version;
  const admitted = distributions.filter((d) =>
    admitsPython(d.file.requiresPython ?? releaseRequiresPython, python),
  );
  if (admitted.length === 0) {
    const specifiers = [
      ...new Set(distributions.map((d) => d.file.requiresPython ?? releaseRequiresPython ?? '')),
    ].filter((s) => s !== '');
    return {
      installable: false,
      reason: 'requires-python',
      detail: `Requires-Python ${specifiers.join(' | ')} excludes Python ${python}`,
    };
  }
  const wheels = admitted.filter((d) => d.kind === 'wheel');
  if (wheels.some((w) => priorities.isCompatible(w.tags))) {
    return { installable: true, reason: null, detail: null };
  }
  const sdist = admitted.find((d) => d.kind === 'sdist');
  if (sdist !== undefined) {
    return {
      installable: true,
      reason: 'sdist-only',
      detail:
        wheels.length === 0
          ? `no wheel; installers build ${sdist.file.filename} (not tried by the solver)`
          : `none of ${wheels.length} wheels fits; installers build ${sdist.file.filename} (not tried by the solver)`,
    };
  }
  const platforms = [
    ...new Set(wheels.flatMap((w) => w.tags.map((t) => `${t.interpreter}-${t.abi}-${t.platform}`))),
  ];
  const shown = platforms.slice(0, 5).join(', ');
  return {
    installable: false,
    reason: 'no-compatible-file',
    detail: `none of ${wheels.length} wheels fits ${environment.identity.id} (${shown}${platforms.length > 5 ? ', …' : ''})`,
  };
}

function admitsPython(requiresPython: string | null | undefined, python: string): boolean {
  if (requiresPython === null || requiresPython === undefined || requiresPython.trim() === '') return true;
  const specifier = tryParseSpecifierSet(requiresPython);
  if (specifier === undefined) return true;
  try {
    return isPythonCompatible(specifier, python);
  } catch {
    // An environment whose python_full_version is not PEP 440 (an override): nothing to decide from.
    return true;
  }
}
