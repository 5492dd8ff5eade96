// YankedSieve: removes yanked releases unless the project pins exactly that version (PEP 592: an
// installer may select a yanked release only for a `==`/`===` requirement naming it).
import { exactPins } from '../../resolver/index.js';
import type { Unavailability } from '../../types.js';
import type { Sieve, UnitDefinition } from '../types.js';

export const id = 'YankedSieve';
export const description = 'Removes yanked releases unless pinned with == (PEP 592)';

export const unit = {
  id,
  type: 'sieve',
  description,
  shouldInclude: () => [{}],
  create: (): Sieve => ({
    name: id,
    run(candidates, context) {
      const pinned = exactPins(context.requirements);
      const removed = new Map<string, Unavailability>();
      for (const c of candidates) {
        if (c.release.yanked && !pinned.has(`${c.name}==${c.version}`)) {
          removed.set(c.version, { reason: 'yanked', detail: null });
        }
      }
      return removed;
    },
  }),
} satisfies UnitDefinition<'sieve'>;
