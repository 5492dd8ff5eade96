// UniqueStackStride: discards a final state whose stack was already accepted through another path,
// so the products are distinct stacks (explicit-only in the original; on by default here).
import { NotAcceptable } from '../errors.js';
import type { Stride, UnitDefinition } from '../types.js';

export const id = 'UniqueStackStride';
export const description = 'Discards final states whose stack was already accepted';

export const unit = {
  id,
  type: 'stride',
  description,
  shouldInclude: () => [{}],
  create: (): Stride => {
    const seen = new Set<string>();
    return {
      name: id,
      run(state) {
        const key = state.stackKey();
        if (seen.has(key)) throw new NotAcceptable('stack already accepted');
        seen.add(key);
      },
    };
  },
} satisfies UnitDefinition<'stride'>;
