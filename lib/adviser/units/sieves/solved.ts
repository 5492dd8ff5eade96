// SolvedSieve: removes releases the solver could not install in this environment ('not-installable',
// with the solver's message) and releases not solved for it yet ('not-solved': missing knowledge the
// advise step reports as UnresolvedPackage). The original dropped unsolved releases silently.
import type { Unavailability } from '../../types.js';
import type { Sieve, UnitDefinition } from '../types.js';

export const id = 'SolvedSieve';
export const description =
  'Removes releases the solver found not installable, or has not solved, in the environment';

export const unit = {
  id,
  type: 'sieve',
  description,
  shouldInclude: () => [{}],
  create: (): Sieve => ({
    name: id,
    run(candidates) {
      const removed = new Map<string, Unavailability>();
      for (const c of candidates) {
        if (c.release.installable === false)
          removed.set(c.version, { reason: 'not-installable', detail: c.release.reason });
        else if (c.release.installable === null) {
          removed.set(c.version, { reason: 'not-solved', detail: 'not solved for this environment' });
        }
      }
      return removed;
    },
  }),
} satisfies UnitDefinition<'sieve'>;
