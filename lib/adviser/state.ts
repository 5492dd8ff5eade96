// A resolver state of the MDP layer: packages decided so far, the remaining candidates of every
// package still to decide (newest first), the extras requested of each package, dependency edges,
// the accumulated score and the justifications collected along the way.
import type { Justification } from '../contracts/index.js';

export class State {
  /** Unique within a run, in creation order (used to break score ties deterministically). */
  readonly id: number;
  score: number;
  /** Resolver iteration that produced the state. */
  iteration: number;
  readonly resolved: Map<string, string>;
  /** Package -> candidate versions still allowed, newest first. */
  readonly unresolved: Map<string, string[]>;
  readonly extras: Map<string, Set<string>>;
  /** `from\u0000to` dependency edges between package names. */
  readonly edges: Set<string>;
  readonly justification: Justification[];

  constructor(id: number, from?: State) {
    this.id = id;
    this.score = from?.score ?? 0;
    this.iteration = from?.iteration ?? 0;
    this.resolved = new Map(from?.resolved);
    this.unresolved = new Map([...(from?.unresolved ?? [])].map(([k, v]) => [k, [...v]]));
    this.extras = new Map([...(from?.extras ?? [])].map(([k, v]) => [k, new Set(v)]));
    this.edges = new Set(from?.edges);
    this.justification = [...(from?.justification ?? [])];
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
