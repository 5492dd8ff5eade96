// MCTS (reference §4.7): TD's selection plus rollouts (keep expanding the state just produced) with
// Monte Carlo credit: only final stacks update the policy. Shares the annealing implementation
// with TD; the original's heat-up phase and 0.99 decay are not modelled.
import { createAnnealing } from '../annealing.js';
import type { Predictor } from '../types.js';

export const id = 'mcts';
export const description = 'Monte Carlo tree search: rollouts credited with the final stack score';

export const predictor = {
  id,
  description,
  create: (configuration = {}) =>
    createAnnealing({
      temperatureCoefficient: Number(configuration.temperature_coefficient ?? 0.999),
      learn: true,
      rollouts: true,
      trajectories: true,
    }),
} satisfies Predictor;
