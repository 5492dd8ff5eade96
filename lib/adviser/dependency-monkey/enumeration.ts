// The `all` decision type's predictor: a systematic depth-first enumeration. It always expands the
// newest state still in the beam (the deepest state of the current path) on its first undecided
// package with the newest remaining candidate. Because every expansion removes that candidate from
// its parent (search.ts), sibling sub-trees never share a stack, so each valid stack is reached
// exactly once, in one stable order: newest versions first, packages in discovery order. The
// original used ApproximatingLatest, whose random hops made "all" neither complete nor repeatable.
import type { Action, PredictorRun } from '../predictors/index.js';
import type { State } from '../state.js';

export const ENUMERATION_PREDICTOR = 'depth-first-enumeration';

export function createEnumeration(): PredictorRun {
  return {
    run({ beam }): Action | undefined {
      let deepest: State | undefined;
      for (let i = 0; i < beam.size; i++) {
        const state = beam.get(i)!;
        if (deepest === undefined || state.id > deepest.id) deepest = state;
      }
      if (deepest === undefined) return undefined;
      const name = deepest.firstUnresolved();
      const version = name === undefined ? undefined : deepest.unresolved.get(name)?.[0];
      return name === undefined || version === undefined
        ? undefined
        : { state: deepest, package: name, version };
    },
  };
}
