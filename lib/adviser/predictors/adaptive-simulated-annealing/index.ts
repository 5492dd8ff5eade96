// AdaptiveSimulatedAnnealing (reference §4.4): top state vs. a random neighbour, accepted by the
// Metropolis rule under a temperature decaying with accepted stacks and iterations.
import { createAnnealing } from '../annealing.js';
import type { Predictor } from '../types.js';

export const id = 'adaptive-simulated-annealing';
export const description = 'Simulated annealing over beam states with an adaptive temperature';

export const predictor = {
  id,
  description,
  create: (configuration = {}) =>
    createAnnealing({
      temperatureCoefficient: Number(configuration.temperature_coefficient ?? 0.999),
      learn: false,
      rollouts: false,
      trajectories: false,
    }),
} satisfies Predictor;
