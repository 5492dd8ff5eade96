// Public face of predictors: the contract and the registry.
export { PREDICTORS } from './registry.js';
export type { Action, Predictor, PredictorContext, PredictorRun, Reward } from './types.js';
