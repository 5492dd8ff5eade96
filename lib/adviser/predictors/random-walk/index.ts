// RandomWalk (reference §4.3): depth-first random rollouts from the state produced last (a random
// state when there is none); `prefer_recent` makes the candidate choice mostly-newest.
import { randomIndex } from '../../random.js';
import { epsilonGreedyAction, uniformAction } from '../common.js';
import type { Predictor } from '../types.js';

export const id = 'random-walk';
export const description = 'Random depth-first rollouts from the most recent state';

export const predictor = {
  id,
  description,
  create: (configuration = {}) => {
    const preferRecent = configuration.prefer_recent === true;
    return {
      run: (context) => {
        const { beam, rng } = context;
        const state = beam.last() ?? beam.get(randomIndex(rng, Math.max(1, beam.size)));
        if (state === undefined) return undefined;
        return preferRecent ? epsilonGreedyAction(state, rng) : uniformAction(state, rng);
      },
    };
  },
} satisfies Predictor;
