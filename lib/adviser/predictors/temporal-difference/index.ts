// TemporalDifference (reference §4.5): annealing plus a learned average reward per candidate
// (1-step TD, credited to the taken action; final stacks credit every package), exploited on the
// top state.
import { createAnnealing } from '../annealing.js';
import type { Predictor } from '../types.js';

export const id = 'temporal-difference';
export const description = 'Annealing with a learned average reward per candidate (TD(1))';

export const predictor = {
  id,
  description,
  create: (configuration = {}) =>
    createAnnealing({
      temperatureCoefficient: Number(configuration.temperature_coefficient ?? 0.999),
      learn: true,
      rollouts: false,
      trajectories: true,
    }),
} satisfies Predictor;
