// ApproximatingLatest (reference §4.6): a greedy depth-first dive toward "all newest" from the state
// added last; after an invalid transition it "hops" (random package, mostly-newest candidate) until
// a final state is reached. Here the complete resolver produces the real "latest" stack, so this
// predictor only explores neighbours of it.
import { epsilonGreedyAction, newestAction } from '../common.js';
import { randomIndex } from '../../random.js';
import type { Predictor, PredictorRun } from '../types.js';

export const id = 'approximating-latest';
export const description = 'Greedy dive toward the newest versions, with random hops after dead ends';

export const predictor = {
  id,
  description,
  create: (): PredictorRun => {
    let hopping = false;
    return {
      run(context) {
        const { beam, rng } = context;
        const state = beam.last() ?? beam.get(randomIndex(rng, Math.max(1, beam.size)));
        if (state === undefined) return undefined;
        return hopping ? epsilonGreedyAction(state, rng) : newestAction(state);
      },
      setRewardSignal(_context, _action, reward) {
        if (Number.isNaN(reward)) hopping = true;
        else if (reward === Infinity) hopping = false;
      },
    };
  },
} satisfies Predictor;
