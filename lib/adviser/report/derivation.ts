// Turns the resolver's failing incompatibility into the advise-result schema's flattened derivation:
// every incompatibility of the proof by id, external ones with their typed cause, derived ones with
// the ids of the two they came from. Ids are renumbered in proof order so documents are stable.
import type { Derivation } from '../../contracts/index.js';
import { ROOT } from '../resolver/index.js';
import type { Incompatibility, Term } from '../resolver/index.js';

type SchemaIncompatibility = Derivation['incompatibilities'][number];

export function termSpecifier(t: Term): string {
  if (t.package === ROOT) return '';
  return t.text ?? t.set.toSpecifier();
}

/** Incompatibilities of the proof rooted at `failure`, causes before what they cause. */
export function proofOrder(failure: Incompatibility): Incompatibility[] {
  const seen = new Set<Incompatibility>();
  const out: Incompatibility[] = [];
  const visit = (i: Incompatibility): void => {
    if (seen.has(i)) return;
    seen.add(i);
    if (i.cause.kind === 'derived') {
      visit(i.cause.from[0]);
      visit(i.cause.from[1]);
    }
    out.push(i);
  };
  visit(failure);
  return out;
}

export function toDerivation(failure: Incompatibility): Derivation {
  const order = proofOrder(failure);
  const ids = new Map(order.map((inc, n) => [inc, n]));
  const incompatibilities: SchemaIncompatibility[] = order.map((inc) => {
    const c = inc.cause;
    let cause: SchemaIncompatibility['cause'];
    switch (c.kind) {
      case 'root':
      case 'constraint':
        // A user constraint is a requirement of the project itself, in the schema's vocabulary.
        cause = { kind: 'root' };
        break;
      case 'dependency':
        cause = { kind: 'dependency', package: c.package, specifier: c.specifier };
        break;
      case 'no-versions':
        cause = { kind: 'no-versions', package: c.package, specifier: c.specifier };
        break;
      case 'unavailable':
        cause = {
          kind: 'unavailable',
          package: c.package,
          specifier: c.specifier,
          reason: c.reason,
          detail: c.detail,
        };
        break;
      case 'derived':
        cause = { kind: 'derived', from: [ids.get(c.from[0])!, ids.get(c.from[1])!] };
        break;
    }
    return {
      id: ids.get(inc)!,
      terms: inc.terms.map((t) => ({
        package: t.package,
        specifier: termSpecifier(t),
        positive: t.positive,
      })),
      cause,
    };
  });
  return { root: ids.get(failure)!, incompatibilities };
}

/**
 * Knowledge missing among the proof's leaves (reason 'not-solved'), one entry per distinct (package,
 * specifier): a backtracking proof can name several releases of one package (botocore==1.19.44 and
 * botocore==1.19.45 for two boto3 releases), and a learning round should ask for all of them.
 */
export function unsolvedLeaves(failure: Incompatibility): Array<{ name: string; specifier: string }> {
  const out = new Map<string, { name: string; specifier: string }>();
  for (const inc of proofOrder(failure)) {
    if (inc.cause.kind === 'unavailable' && inc.cause.reason === 'not-solved') {
      const { package: name, specifier } = inc.cause;
      out.set(`${name}\u0000${specifier}`, { name, specifier });
    }
  }
  return [...out.values()];
}

/** The one-line error for missing knowledge, each package named once (advise, dependency monkey). */
export function missingKnowledgeMessage(missing: ReadonlyArray<{ name: string }>): string {
  return `The knowledge graph lacks ${[...new Set(missing.map((m) => m.name))].join(', ')} for this environment.`;
}
