// The predictor contract (reference §4): given the beam, choose the next action — one state in the
// beam and one of its unresolved candidates — and learn from the reward it brought.
import type { Beam } from '../beam.js';
import type { State } from '../state.js';
import type { Random } from '../types.js';

/** Resolve `package` to `version` in `state` (a state in the beam, a candidate it still has). */
export interface Action {
  state: State;
  package: string;
  version: string;
}

export interface PredictorContext {
  beam: Beam;
  /** The run's seeded generator; the only source of randomness a predictor may use. */
  rng: Random;
  /** Resolver iteration (1-based). */
  iteration: number;
  /** Final states the run stops after (the `limit` parameter). */
  limit: number;
  acceptedFinalStates: number;
}

/**
 * Reward of an action: the sum of step scores for a valid non-final transition, NaN for an invalid
 * transition (a unit refused it or constraints clashed), +Infinity when it produced a final state.
 */
export type Reward = number;

/** One run's predictor, with its own memory. */
export interface PredictorRun {
  /** The next action, or undefined to stop the search. */
  run(context: PredictorContext): Action | undefined;
  /** Called after every expansion with the action taken, its reward and the new state (if any). */
  setRewardSignal?(context: PredictorContext, action: Action, reward: Reward, child: State | undefined): void;
}

/** A registered predictor. */
export interface Predictor {
  readonly id: string;
  readonly description: string;
  create(configuration?: Readonly<Record<string, unknown>>): PredictorRun;
}
