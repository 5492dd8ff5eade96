// HillClimbing (reference §4.1): always expands the best state with its first unresolved package's
// newest candidate. Fast and deterministic; gets stuck in local optima.
import { newestAction } from '../common.js';
import type { Predictor } from '../types.js';

export const id = 'hill-climbing';
export const description = "Expands the best state with its first package's newest candidate";

export const predictor = {
  id,
  description,
  create: () => ({
    run: (context) => {
      const state = context.beam.max();
      return state === undefined ? undefined : newestAction(state);
    },
  }),
} satisfies Predictor;
