// PubGrub's partial solution: the ordered list of assignments (decisions and derivations) with
// their decision levels, the accumulated term per package, and backtracking.
import type { Incompatibility } from './incompatibility.js';
import { intersect, relation } from './term.js';
import type { Relation, Term } from './term.js';

export interface Assignment {
  readonly term: Term;
  readonly decisionLevel: number;
  /** The incompatibility it was derived from; null for a decision. */
  readonly cause: Incompatibility | null;
}

export class PartialSolution {
  readonly assignments: Assignment[] = [];
  private readonly accumulated = new Map<string, Term>();
  /** Decided version index per package. */
  readonly decisions = new Map<string, number>();
  /**
   * Packages with a positive accumulated term and no decision (the resolver picks among them after
   * every propagation; scanning every accumulated term instead was a fifth of a resolution's time).
   * A positive term stays positive under intersection, so only decide and backtrack remove.
   */
  private readonly open = new Set<string>();
  decisionLevel = 0;

  accumulatedTerm(pkg: string): Term | undefined {
    return this.accumulated.get(pkg);
  }

  relation(term: Term): Relation {
    return relation(term, this.accumulated.get(term.package));
  }

  decide(term: Term, versionIndex: number): void {
    this.decisionLevel++;
    this.decisions.set(term.package, versionIndex);
    this.open.delete(term.package);
    this.push({ term, decisionLevel: this.decisionLevel, cause: null });
  }

  derive(term: Term, cause: Incompatibility): void {
    this.push({ term, decisionLevel: this.decisionLevel, cause });
  }

  private push(a: Assignment): void {
    this.assignments.push(a);
    this.accumulate(a.term);
  }

  private accumulate(term: Term): void {
    const pkg = term.package;
    const prev = this.accumulated.get(pkg);
    const next = prev === undefined ? term : intersect(prev, term);
    this.accumulated.set(pkg, next);
    if (next.positive && !this.decisions.has(pkg)) this.open.add(pkg);
  }

  /** Removes every assignment above `level`. */
  backtrack(level: number): void {
    while (
      this.assignments.length > 0 &&
      this.assignments[this.assignments.length - 1]!.decisionLevel > level
    ) {
      const a = this.assignments.pop()!;
      if (a.cause === null) this.decisions.delete(a.term.package);
    }
    this.decisionLevel = level;
    this.accumulated.clear();
    this.open.clear();
    for (const a of this.assignments) this.accumulate(a.term);
  }

  /** Packages with a positive accumulated term and no decision yet. */
  *undecided(): Generator<[string, Term]> {
    for (const pkg of this.open) yield [pkg, this.accumulated.get(pkg)!];
  }

  /**
   * The earliest assignment that makes `incompat` satisfied (its satisfier) and the decision level
   * of the previous satisfier (the earliest prefix that, with the satisfier, already satisfies it).
   */
  satisfier(incompat: Incompatibility): { index: number; previousLevel: number } {
    const index = this.firstSatisfyingIndex(incompat, this.assignments.length, undefined);
    const satisfier = this.assignments[index]!;
    const previous = this.firstSatisfyingIndex(incompat, index, satisfier.term);
    const previousLevel = previous < 0 ? 1 : Math.max(1, this.assignments[previous]!.decisionLevel);
    return { index, previousLevel };
  }

  /** -1 when `seed` alone already satisfies; throws when never satisfied within `limit`. */
  private firstSatisfyingIndex(incompat: Incompatibility, limit: number, seed: Term | undefined): number {
    const running = new Map<string, Term>();
    if (seed !== undefined) running.set(seed.package, seed);
    const allSatisfied = (): boolean =>
      incompat.terms.every((t) => relation(t, running.get(t.package)) === 'satisfied');
    if (seed !== undefined && allSatisfied()) return -1;
    for (let i = 0; i < limit; i++) {
      const a = this.assignments[i]!;
      if (incompat.term(a.term.package) === undefined) continue;
      const prev = running.get(a.term.package);
      running.set(a.term.package, prev === undefined ? a.term : intersect(prev, a.term));
      if (allSatisfied()) return i;
    }
    if (seed !== undefined) return limit; // unreachable for a satisfied incompatibility
    throw new Error(`incompatibility ${incompat.id} is not satisfied by the partial solution`);
  }
}
