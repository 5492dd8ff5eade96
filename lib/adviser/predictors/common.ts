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

/** A random package; its newest candidate with probability 1 - epsilon, else a termial choice. */
export function epsilonGreedyAction(state: State, rng: Random, epsilon = 0.1): Action | undefined {
  const names = [...state.unresolved.keys()];
  if (names.length === 0) return undefined;
  const name = names[randomIndex(rng, names.length)]!;
  const versions = state.unresolved.get(name)!;
  if (versions.length === 0) return undefined;
  const i = rng() < epsilon ? termialIndex(rng, versions.length) : 0;
  return { state, package: name, version: versions[i]! };
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
