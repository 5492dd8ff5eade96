// The catalog hook that runs a pipeline's sieves over each package's candidates once per run, for
// advise() and the dependency monkey alike: SkipPackage drops the package, NotAcceptable removes every
// candidate, anything else is a bug and propagates.
import type { Candidate, SieveOutcome } from '../resolver/index.js';
import type { Unavailability } from '../types.js';
import { NotAcceptable, SkipPackage } from './errors.js';
import type { Pipeline, UnitContext } from './types.js';

export function sieveFilter(
  pipeline: Pipeline,
  context: UnitContext,
): (name: string, candidates: readonly Candidate[]) => SieveOutcome {
  return (name, candidates) => {
    const removed = new Map<string, Unavailability>();
    let remaining = candidates;
    for (const sieve of pipeline.sieves) {
      if (sieve.packageName !== undefined && sieve.packageName !== name) continue;
      try {
        for (const [version, why] of sieve.run(remaining, context)) removed.set(version, why);
      } catch (error) {
        if (error instanceof SkipPackage) return { removed, skip: `${sieve.name}: ${error.message}` };
        if (!(error instanceof NotAcceptable)) throw error;
        for (const c of remaining)
          removed.set(c.version, { reason: 'removed-by-unit', detail: `${sieve.name}: ${error.message}` });
      }
      remaining = remaining.filter((c) => !removed.has(c.version));
    }
    return { removed };
  };
}
