// The beam: a bounded set of partial states ordered by score (ties: older state first). A full
// beam evicts its lowest-scored state. Sorted-array insertion is O(width); fine for the widths
// advise runs use in tests and on a laptop, a heap is the upgrade path for 25,000-wide beams.
import type { State } from './state.js';

export class Beam {
  private readonly width: number;
  private readonly states: State[] = [];
  private lastAdded: State | undefined;

  /** `width` of Infinity keeps every state. */
  constructor(width = Infinity) {
    this.width = width;
  }

  get size(): number {
    return this.states.length;
  }

  private before(a: State, b: State): boolean {
    return a.score > b.score || (a.score === b.score && a.id < b.id);
  }

  /** Adds a state; returns false when the beam was full and the state scored too low to stay. */
  add(state: State): boolean {
    let lo = 0;
    let hi = this.states.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(this.states[mid]!, state)) lo = mid + 1;
      else hi = mid;
    }
    this.states.splice(lo, 0, state);
    this.lastAdded = state;
    if (this.states.length > this.width) {
      const evicted = this.states.pop()!;
      if (evicted === state) {
        this.lastAdded = undefined;
        return false;
      }
    }
    return true;
  }

  remove(state: State): void {
    const i = this.states.indexOf(state);
    if (i >= 0) this.states.splice(i, 1);
    if (this.lastAdded === state) this.lastAdded = undefined;
  }

  has(state: State): boolean {
    return this.states.includes(state);
  }

  /** The best state. */
  max(): State | undefined {
    return this.states[0];
  }

  /** The i-th best state. */
  get(i: number): State | undefined {
    return this.states[i];
  }

  /** The state added most recently, if still in the beam. */
  last(): State | undefined {
    return this.lastAdded;
  }

  /** Moves a state whose score changed to its new place. */
  reposition(state: State): void {
    this.remove(state);
    this.add(state);
  }
}
