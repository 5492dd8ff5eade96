// Sampling (reference §4.2): a uniformly random state, package and candidate. For cold starts and
// data collection; poor on deep graphs.
import { randomIndex } from '../../random.js';
import { uniformAction } from '../common.js';
import type { Predictor } from '../types.js';

export const id = 'sampling';
export const description = 'Uniformly random state, package and candidate';

export const predictor = {
  id,
  description,
  create: () => ({
    run: (context) => {
      const state = context.beam.get(randomIndex(context.rng, Math.max(1, context.beam.size)));
      return state === undefined ? undefined : uniformAction(state, context.rng);
    },
  }),
} satisfies Predictor;
