// Choices shared by predictors: which package of a state to resolve and which candidate to take.
import { randomIndex, termialIndex } from '../random.js';
import type { State } from '../state.js';
import type { Random } from '../types.js';
import type { Action } from './types.js';

/** The first unresolved package's newest candidate (greedy toward "all newest"). */
export function newestAction(state: State): Action | undefined {
  const name = state.firstUnresolved();
  if (name === undefined) return undefined;
  const version = state.unresolved.get(name)![0];
  return version === undefined ? undefined : { state, package: name, version };
}

/**
 * A random package; its greedy candidate with probability 1 - epsilon, else a termial choice. The
 * greedy candidate is the version the state's witness (a known complete stack agreeing with its
 * pins) selects, when it is still a candidate: the newest version known to complete the stack,
 * free to check. Without a witness it is the newest candidate (the original's choice), which on a
 * large graph is often one that cannot be completed.
 */
export function epsilonGreedyAction(state: State, rng: Random, epsilon = 0.1): Action | undefined {
  const names = [...state.unresolved.keys()];
  if (names.length === 0) return undefined;
  const name = names[randomIndex(rng, names.length)]!;
  const versions = state.unresolved.get(name)!;
  if (versions.length === 0) return undefined;
  if (rng() < epsilon)
    return { state, package: name, version: versions[termialIndex(rng, versions.length)]! };
  const known = state.witness?.get(name);
  const version = known !== undefined && versions.includes(known) ? known : versions[0]!;
  return { state, package: name, version };
}

/** Deviations from the greedy choice a trajectory makes on average, whatever the stack's size. */
const DEVIATIONS_PER_TRAJECTORY = 4;

/**
 * Epsilon for a trajectory through `state`: the original's 0.1, lowered on large stacks so that a
 * trajectory deviates about four times. Each deviation costs a complete resolution to check; at
 * 0.1 a 570-package airflow stack deviated ~57 times and no trajectory ever completed.
 */
export function trajectoryEpsilon(state: State): number {
  const size = state.witness?.size ?? state.resolved.size + state.unresolved.size;
  return Math.min(0.1, DEVIATIONS_PER_TRAJECTORY / Math.max(1, size));
}

/** A uniformly random package and candidate. */
export function uniformAction(state: State, rng: Random): Action | undefined {
  const names = [...state.unresolved.keys()];
  if (names.length === 0) return undefined;
  const name = names[randomIndex(rng, names.length)]!;
  const versions = state.unresolved.get(name)!;
  if (versions.length === 0) return undefined;
  return { state, package: name, version: versions[randomIndex(rng, versions.length)]! };
}

/** Key of an action's candidate, for policies learned across states. */
export function actionKey(action: Pick<Action, 'package' | 'version'>): string {
  return `${action.package}==${action.version}`;
}
