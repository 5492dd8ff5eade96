// The annealing family shared by AdaptiveSimulatedAnnealing, TemporalDifference and MCTS
// (reference §4.4–4.7): a temperature that decays with accepted stacks and iterations; the top
// state competes with a random neighbour in the beam, accepted with probability
// exp((s_neighbour - s_top) / T). TD adds a learned average reward per candidate used when
// exploiting; MCTS additionally follows rollouts and credits only final stacks.
import { randomIndex } from '../random.js';
import type { State } from '../state.js';
import { actionKey, epsilonGreedyAction, trajectoryEpsilon, uniformAction } from './common.js';
import type { Action, PredictorContext, PredictorRun } from './types.js';

export interface AnnealingOptions {
  /** 0.9 <= c < 1; the original's default 0.999. */
  temperatureCoefficient: number;
  /** Learn average rewards per candidate and exploit them (TD). */
  learn: boolean;
  /** Credit only final stacks, with their score, to every package of the stack (MCTS). */
  rollouts: boolean;
  /**
   * Follow trajectories (TD and MCTS, reference §4.5/4.7): after a valid non-final transition the
   * state it produced is expanded next, until an invalid (NaN) or final (+inf) transition ends it.
   * Without them the walk hops between beam states at the high starting temperature and never
   * completes a stack (10,000 iterations on jupyter gave no second final state).
   */
  trajectories: boolean;
}

export function createAnnealing(options: AnnealingOptions): PredictorRun {
  let temperature: number | undefined;
  const policy = new Map<string, [number, number]>();
  /** The state the last transition produced (undefined after an invalid one). */
  let next: State | undefined;

  const exploit = (state: State, context: PredictorContext): Action | undefined => {
    let best: Action | undefined;
    let bestValue = -Infinity;
    for (const [name, versions] of state.unresolved) {
      for (const version of versions) {
        const entry = policy.get(actionKey({ package: name, version }));
        if (entry === undefined) continue;
        const value = entry[0] / entry[1];
        if (value > bestValue) [best, bestValue] = [{ state, package: name, version }, value];
      }
    }
    return best ?? epsilonGreedyAction(state, context.rng);
  };

  const credit = (state: State, reward: number): void => {
    for (const [name, version] of state.resolved) {
      const key = actionKey({ package: name, version });
      const entry = policy.get(key) ?? [0, 0];
      policy.set(key, [entry[0] + reward, entry[1] + 1]);
    }
  };

  return {
    run(context) {
      const { beam, rng } = context;
      if (temperature === undefined) temperature = context.limit;
      const k = (context.acceptedFinalStates + Math.log(context.iteration + 1)) / context.limit;
      temperature = Math.max(0, temperature * options.temperatureCoefficient ** k);
      // A final state never enters the beam, so a final or invalid transition ends the trajectory.
      if (options.trajectories && next !== undefined && beam.last() === next)
        return epsilonGreedyAction(next, rng, trajectoryEpsilon(next));
      const top = beam.max();
      if (top === undefined) return undefined;
      if (beam.size > 1 && temperature > 0) {
        const neighbour = beam.get(1 + randomIndex(rng, beam.size - 1))!;
        const p = neighbour.score > top.score ? 1 : Math.exp((neighbour.score - top.score) / temperature);
        if (rng() < p)
          return options.learn ? epsilonGreedyAction(neighbour, rng) : uniformAction(neighbour, rng);
      }
      return options.learn ? exploit(top, context) : epsilonGreedyAction(top, rng);
    },
    setRewardSignal(_context, action, reward, child) {
      next = child;
      if (!options.learn) return;
      if (reward === Infinity && child !== undefined) credit(child, child.score);
      else if (!options.rollouts && !Number.isNaN(reward) && reward !== Infinity) {
        const key = actionKey(action);
        const entry = policy.get(key) ?? [0, 0];
        policy.set(key, [entry[0] + reward, entry[1] + 1]);
      }
    },
  };
}
