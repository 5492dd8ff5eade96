// Every predictor by id. Adding one is a folder plus one line here.
import { predictor as adaptiveSimulatedAnnealing } from './adaptive-simulated-annealing/index.js';
import { predictor as approximatingLatest } from './approximating-latest/index.js';
import { predictor as hillClimbing } from './hill-climbing/index.js';
import { predictor as mcts } from './mcts/index.js';
import { predictor as randomWalk } from './random-walk/index.js';
import { predictor as sampling } from './sampling/index.js';
import { predictor as temporalDifference } from './temporal-difference/index.js';
import type { Predictor } from './types.js';

export const PREDICTORS: ReadonlyMap<string, Predictor> = new Map(
  [
    approximatingLatest,
    hillClimbing,
    sampling,
    randomWalk,
    adaptiveSimulatedAnnealing,
    temporalDifference,
    mcts,
  ].map((p) => [p.id, p as Predictor]),
);
