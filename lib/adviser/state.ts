// A resolver state of the MDP layer: packages decided so far, the remaining candidates of every
// package still to decide (newest first), the extras requested of each package, the accumulated
// score and the justifications collected along the way. (Dependency edges are not kept: products
// derive them from the catalog.)
import type { Justification } from '../contracts/index.js';

export class State {
  /** Unique within a run, in creation order (used to break score ties deterministically). */
  readonly id: number;
  score: number;
  /** Resolver iteration that produced the state. */
  iteration: number;
  readonly resolved: Map<string, string>;
  /** Package -> candidate versions still allowed, newest first. */
  readonly unresolved: Map<string, readonly string[]>;
  readonly extras: Map<string, ReadonlySet<string>>;
  readonly justification: Justification[];
  /**
   * A complete stack that agrees with every pin in `resolved` (set by the search when it knows one):
   * the proof that this state can still be completed, and the road to completing it.
   */
  witness: ReadonlyMap<string, string> | undefined;

  /**
   * A child of `from`. The candidate arrays and extras sets are shared with the parent, never
   * mutated in place (replace them: `unresolved.set(name, newArray)`), so a child costs O(packages)
   * references rather than a deep copy — on a 570-package graph the deep copy dominated expansion.
   */
  constructor(id: number, from?: State) {
    this.id = id;
    this.score = from?.score ?? 0;
    this.iteration = from?.iteration ?? 0;
    this.resolved = new Map(from?.resolved);
    this.unresolved = new Map(from?.unresolved);
    this.extras = new Map(from?.extras);
    this.justification = [...(from?.justification ?? [])];
    this.witness = from?.witness;
  }

  /** No package left to decide. */
  isFinal(): boolean {
    return this.unresolved.size === 0;
  }

  /** A stable key of the decided packages (two paths to the same stack give the same key). */
  stackKey(): string {
    return [...this.resolved]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([n, v]) => `${n}==${v}`)
      .join(' ');
  }

  /** The first package still to decide (insertion order: direct dependencies first). */
  firstUnresolved(): string | undefined {
    return this.unresolved.keys().next().value;
  }
}
