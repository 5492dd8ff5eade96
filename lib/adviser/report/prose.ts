// Renders a failure as "Because … and …, we can conclude that …" prose, following the shape of
// PubGrub's reporter: each derived incompatibility becomes one sentence; an incompatibility used
// twice is numbered and referred to by number; a derived cause whose own causes are one external
// fact and one derived one is collapsed into the following sentence ("And because …").
import type { Cause, Incompatibility, Term } from '../resolver/index.js';
import { ROOT } from '../resolver/index.js';
import { proofOrder, termSpecifier } from './derivation.js';

export interface ProseOptions {
  /** How to name the project ('the project' by default). */
  rootName?: string;
  /** The target Python version, quoted in requires-python explanations. */
  pythonVersion?: string;
}

function named(t: Term, o: ProseOptions): string {
  if (t.package === ROOT) return o.rootName ?? 'the project';
  const spec = termSpecifier(t);
  return spec === '' ? t.package : `${t.package}${spec}`;
}

function describeExternal(inc: Incompatibility, o: ProseOptions): string {
  const c = inc.cause as Exclude<Cause, { kind: 'derived' }>;
  const first = inc.terms[0];
  switch (c.kind) {
    case 'root':
      return `${o.rootName ?? 'the project'} is being resolved`;
    case 'constraint':
      return `the constraints require ${c.package}${c.specifier}`;
    case 'dependency': {
      const depender = inc.terms.find((t) => t.positive)!;
      const dependee = inc.terms.find((t) => !t.positive)!;
      return `${named(depender, o)} depends on ${named(dependee, o)}`;
    }
    case 'no-versions':
      // A leaf over versions nobody knows of (all known ones were excluded for other reasons).
      if (first !== undefined && first.text === undefined && !first.set.hasKnown()) {
        return `${c.package} has no other versions`;
      }
      return `there is no version of ${c.package}${c.specifier}`;
    case 'unavailable': {
      const what = first === undefined ? c.package : named(first, o);
      switch (c.reason) {
        case 'requires-python':
          return `${what} cannot be used because it declares ${c.detail ?? 'a Requires-Python'}${
            o.pythonVersion === undefined ? '' : ` and the environment has Python ${o.pythonVersion}`
          }`;
        case 'yanked':
          return `${what} was yanked`;
        case 'not-installable':
          return `${what} failed to install in this environment${c.detail === null ? '' : ` (${c.detail})`}`;
        case 'not-solved':
          return `${what} is not known for this environment yet (${c.detail ?? 'not solved'})`;
        case 'no-compatible-file':
          return `${what} has no usable file${c.detail === null ? '' : ` (${c.detail})`}`;
        case 'removed-by-unit':
          return `${what} was removed${c.detail === null ? '' : ` (${c.detail})`}`;
        case 'security':
          return `${what} has known vulnerabilities${c.detail === null ? '' : ` (${c.detail})`}`;
      }
    }
  }
  return 'an unknown reason';
}

/** What an incompatibility says, as a clause. */
function describeTerms(inc: Incompatibility, o: ProseOptions): string {
  const terms = inc.terms.filter((t) => !(t.package === ROOT && t.positive));
  const hasRoot = terms.length !== inc.terms.length;
  if (terms.length === 0) return `${o.rootName ?? 'the project'}'s requirements are unsatisfiable`;
  if (terms.length === 1) {
    const t = terms[0]!;
    if (hasRoot && !t.positive) return `${o.rootName ?? 'the project'} depends on ${named(t, o)}`;
    return t.positive ? `${named(t, o)} cannot be used` : `${named(t, o)} is required`;
  }
  if (terms.length === 2) {
    const pos = terms.filter((t) => t.positive);
    const neg = terms.filter((t) => !t.positive);
    if (pos.length === 1 && neg.length === 1) return `${named(pos[0]!, o)} depends on ${named(neg[0]!, o)}`;
    if (pos.length === 2) return `${named(pos[0]!, o)} and ${named(pos[1]!, o)} are incompatible`;
  }
  const positives = terms.filter((t) => t.positive).map((t) => named(t, o));
  const negatives = terms.filter((t) => !t.positive).map((t) => named(t, o));
  if (positives.length > 0 && negatives.length > 0) {
    return `if ${positives.join(' and ')} then ${negatives.join(' or ')}`;
  }
  return `${terms.map((t) => named(t, o)).join(', ')} are incompatible`;
}

function describe(inc: Incompatibility, o: ProseOptions): string {
  return inc.cause.kind === 'derived' ? describeTerms(inc, o) : describeExternal(inc, o);
}

/** The explanation of `failure`, one sentence per line. */
export function renderProse(failure: Incompatibility, options: ProseOptions = {}): string {
  if (failure.cause.kind !== 'derived') {
    return `Because ${describeExternal(failure, options)}, we can conclude that ${describeTerms(failure, options)}.`;
  }
  // Number the derived incompatibilities that more than one sentence refers to.
  const uses = new Map<Incompatibility, number>();
  for (const inc of proofOrder(failure)) {
    if (inc.cause.kind === 'derived') for (const c of inc.cause.from) uses.set(c, (uses.get(c) ?? 0) + 1);
  }
  const lines: string[] = [];
  const numbers = new Map<Incompatibility, number>();
  const ref = (i: Incompatibility): string => {
    const n = numbers.get(i);
    return n === undefined ? '' : ` (${n})`;
  };
  const write = (inc: Incompatibility, sentence: string): void => {
    if ((uses.get(inc) ?? 0) > 1 && inc !== failure) {
      numbers.set(inc, numbers.size + 1);
      lines.push(`${sentence} (${numbers.get(inc)})`);
    } else lines.push(sentence);
  };
  const conclude = (inc: Incompatibility): string => `we can conclude that ${describe(inc, options)}.`;

  const visit = (inc: Incompatibility): void => {
    if (inc.cause.kind !== 'derived') return;
    const [a, b] = inc.cause.from;
    const aDerived = a.cause.kind === 'derived';
    const bDerived = b.cause.kind === 'derived';
    if (aDerived && bDerived) {
      const aDone = numbers.has(a);
      const bDone = numbers.has(b);
      if (aDone && bDone) {
        write(
          inc,
          `Because ${describe(a, options)}${ref(a)} and ${describe(b, options)}${ref(b)}, ${conclude(inc)}`,
        );
      } else if (aDone || bDone) {
        const [done, todo] = aDone ? [a, b] : [b, a];
        visit(todo);
        write(inc, `And because ${describe(done, options)}${ref(done)}, ${conclude(inc)}`);
      } else {
        visit(a);
        if (!numbers.has(a)) {
          // Number the sentence that concluded `a` so the last sentence can refer back to it.
          numbers.set(a, numbers.size + 1);
          lines[lines.length - 1] += ` (${numbers.get(a)})`;
        }
        visit(b);
        write(inc, `And because ${describe(a, options)}${ref(a)}, ${conclude(inc)}`);
      }
      return;
    }
    if (aDerived || bDerived) {
      const [derived, external] = aDerived ? [a, b] : [b, a];
      if (numbers.has(derived)) {
        write(
          inc,
          `Because ${describe(external, options)} and ${describe(derived, options)}${ref(derived)}, ${conclude(inc)}`,
        );
        return;
      }
      if (derived.cause.kind === 'derived' && (uses.get(derived) ?? 0) <= 1) {
        const [p, q] = derived.cause.from;
        const pDerived = p.cause.kind === 'derived';
        const qDerived = q.cause.kind === 'derived';
        if (pDerived !== qDerived) {
          const [priorDerived, priorExternal] = pDerived ? [p, q] : [q, p];
          visit(priorDerived);
          write(
            inc,
            `And because ${describe(priorExternal, options)} and ${describe(external, options)}, ${conclude(inc)}`,
          );
          return;
        }
      }
      visit(derived);
      write(inc, `And because ${describe(external, options)}, ${conclude(inc)}`);
      return;
    }
    write(inc, `Because ${describe(a, options)} and ${describe(b, options)}, ${conclude(inc)}`);
  };
  visit(failure);
  return lines.join('\n');
}
