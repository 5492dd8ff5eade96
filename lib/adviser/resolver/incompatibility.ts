// Incompatibilities: sets of terms that cannot all hold, each with the reason it holds. External
// causes are the typed leaves of a derivation (root requirement, a release's dependency, no versions,
// unavailable for a typed reason, a user constraint or pin); derived ones record the two
// incompatibilities conflict resolution combined.
import type { UnavailableReason } from '../types.js';
import type { Term } from './term.js';

/** The project being resolved; PubGrub's root package. */
export const ROOT = '.';

export type Cause =
  | { kind: 'root' }
  | { kind: 'dependency'; package: string; specifier: string; dependency: string }
  | { kind: 'no-versions'; package: string; specifier: string }
  | {
      kind: 'unavailable';
      package: string;
      specifier: string;
      reason: UnavailableReason;
      detail: string | null;
    }
  | { kind: 'constraint'; package: string; specifier: string }
  | { kind: 'derived'; from: readonly [Incompatibility, Incompatibility] };

export class Incompatibility {
  readonly id: number;
  /** At most one term per package. */
  readonly terms: readonly Term[];
  readonly cause: Cause;

  constructor(id: number, terms: readonly Term[], cause: Cause) {
    this.id = id;
    this.terms = terms;
    this.cause = cause;
  }

  term(pkg: string): Term | undefined {
    return this.terms.find((t) => t.package === pkg);
  }

  /** True when it says the project cannot be resolved at all: no terms, or only "root is selected". */
  isFailure(): boolean {
    return (
      this.terms.length === 0 ||
      (this.terms.length === 1 && this.terms[0]!.package === ROOT && this.terms[0]!.positive)
    );
  }
}
