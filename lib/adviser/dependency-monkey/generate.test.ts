// Dependency Monkey on a small in-memory knowledge graph: the stacks it generates are checked by an
// independent checker (every pin satisfies every edge and every requirement), counted against a
// brute-force enumeration of all version combinations, and compared across runs for order and seeds.
import { describe, expect, it } from 'vitest';
import type { AdviserProduct } from '../../contracts/index.js';
import { parseSpecifierSet } from '../../python/index.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../knowledge/index.js';
import type { AdviserEnvironment, AdviserRelease, RootRequirement } from '../types.js';
import { dependencyMonkey, dependencyMonkeyDocument } from './index.js';
import type { DependencyMonkeyInput } from './index.js';

const ENVIRONMENT: AdviserEnvironment = {
  pythonVersion: '3.11.7',
  markers: {
    implementation_name: 'cpython',
    implementation_version: '3.11.7',
    os_name: 'posix',
    platform_machine: 'x86_64',
    platform_release: '',
    platform_system: 'Linux',
    platform_version: '',
    python_full_version: '3.11.7',
    platform_python_implementation: 'CPython',
    python_version: '3.11',
    sys_platform: 'linux',
  },
};

// a 3.0 needs b>=2, a 1.0 needs b<2; b 3.0 pins c==1.0; d is only reachable from b 1.0.
const RELEASES: AdviserRelease[] = [
  fixtureRelease('a', '1.0', { requires: ['b<2'] }),
  fixtureRelease('a', '2.0', { requires: ['b'] }),
  fixtureRelease('a', '3.0', { requires: ['b>=2'] }),
  fixtureRelease('b', '1.0', { requires: ['c', 'd'] }),
  fixtureRelease('b', '2.0', { requires: ['c>=1.0'] }),
  fixtureRelease('b', '3.0', { requires: ['c==1.0'] }),
  fixtureRelease('c', '1.0'),
  fixtureRelease('c', '2.0'),
  fixtureRelease('d', '1.0', { requires: ['c<2'] }),
];
const REQUIREMENTS: RootRequirement[] = [{ name: 'a', specifier: '', extras: [], marker: null }];

function run(overrides: Partial<DependencyMonkeyInput>) {
  return dependencyMonkey({
    knowledge: new InMemoryKnowledgeSource(RELEASES),
    environment: ENVIRONMENT,
    requirements: REQUIREMENTS,
    count: 3,
    decisionType: 'all',
    ...overrides,
  });
}

const pins = (product: AdviserProduct): Record<string, string> =>
  Object.fromEntries(product.lock.packages.map((p) => [p.name, p.version]));

/** Independent of the resolver: requirements met, every edge of every pin met, nothing unreachable. */
function isValidStack(stack: Record<string, string>): boolean {
  const needed = new Set<string>();
  const edges: Array<[string, string]> = REQUIREMENTS.map((r) => [r.name, r.specifier]);
  for (const [name, version] of Object.entries(stack)) {
    const release = RELEASES.find((r) => r.name === name && r.version === version);
    if (release === undefined) return false;
    for (const d of release.dependencies) edges.push([d.name, d.specifier]);
  }
  for (const [name, specifier] of edges) {
    needed.add(name);
    const version = stack[name];
    if (version === undefined || !parseSpecifierSet(specifier).contains(version)) return false;
  }
  return Object.keys(stack).every((n) => needed.has(n));
}

/** Every combination of versions of every subset of packages, kept when valid: the ground truth. */
function allValidStacks(): string[] {
  const names = [...new Set(RELEASES.map((r) => r.name))];
  const out: string[] = [];
  const walk = (i: number, stack: Record<string, string>): void => {
    if (i === names.length) {
      if (isValidStack(stack)) out.push(key(stack));
      return;
    }
    walk(i + 1, stack);
    for (const r of RELEASES.filter((x) => x.name === names[i]))
      walk(i + 1, { ...stack, [names[i]!]: r.version });
  };
  walk(0, {});
  return out.sort();
}

const key = (stack: Record<string, string>): string =>
  Object.entries(stack)
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([n, v]) => `${n}==${v}`)
    .join(' ');

describe('dependency monkey', () => {
  const truth = allValidStacks();

  it.each(['all', 'random'] as const)(
    '%s: N distinct stacks, each valid for the independent checker',
    async (decisionType) => {
      const outcome = await run({ decisionType, count: 3, seed: 7 });
      expect(outcome.error).toBeNull();
      expect(outcome.products).toHaveLength(3);
      const keys = outcome.products.map((p) => key(pins(p)));
      expect(new Set(keys).size).toBe(3);
      for (const p of outcome.products) expect(isValidStack(pins(p)), key(pins(p))).toBe(true);
    },
  );

  it('all: enumerates every valid stack once, newest first, in the same order every run', async () => {
    const first = await run({ count: 100 });
    const second = await run({ count: 100 });
    const keys = first.products.map((p) => key(pins(p)));
    expect(keys).toEqual(second.products.map((p) => key(pins(p))));
    expect([...keys].sort()).toEqual(truth);
    expect(keys[0]).toBe('a==3.0 b==3.0 c==1.0');
    expect(first.parameters.predictor).toBe('depth-first-enumeration');
  });

  it('random: the same seed gives the same stacks, another seed another sample', async () => {
    const sample = async (seed: number) =>
      (await run({ decisionType: 'random', count: 4, seed })).products.map((p) => key(pins(p)));
    const a = await sample(1);
    expect(await sample(1)).toEqual(a);
    const others = await Promise.all([2, 3, 4, 5].map(sample));
    expect(others.some((o) => o.join('|') !== a.join('|'))).toBe(true);
    for (const stacks of [a, ...others]) for (const s of stacks) expect(truth).toContain(s);
  });

  it.each(['all', 'random'] as const)(
    '%s: stops with a reason when fewer than N stacks exist',
    async (decisionType) => {
      const outcome = await run({ decisionType, count: truth.length + 5, seed: 3 });
      expect(outcome.products).toHaveLength(truth.length);
      expect(outcome.stopped?.code).toBe('search-space-exhausted');
      expect(outcome.error).toEqual({
        code: 'fewer-stacks-than-requested',
        message: `Only ${truth.length} distinct valid stacks exist for these requirements in this environment; ${truth.length + 5} were asked for.`,
      });
    },
  );

  it('reports unsatisfiable requirements with the derivation prose, and missing knowledge as unresolved', async () => {
    const unsat = await run({
      requirements: [
        { name: 'a', specifier: '==3.0', extras: [], marker: null },
        { name: 'b', specifier: '<2', extras: [], marker: null },
      ],
    });
    expect(unsat.products).toEqual([]);
    expect(unsat.error?.code).toBe('unsatisfiable');
    expect(unsat.explanation).toContain('we can conclude');
    const missing = await run({
      requirements: [{ name: 'zzz', specifier: '>=1', extras: [], marker: null }],
    });
    expect(missing.error?.code).toBe('unresolved-dependencies');
    expect(missing.unresolved).toEqual([{ name: 'zzz', specifier: '>=1', index_url: null }]);
  });

  it('refuses a predictor the decision type cannot use', async () => {
    await expect(run({ predictor: 'random-walk' })).rejects.toThrow(/applies to "random" only/);
    await expect(run({ decisionType: 'random', predictor: 'nope' })).rejects.toThrow(
      /unknown predictor "nope"/,
    );
  });

  it('builds a schema-valid dependency-monkey document', async () => {
    const outcome = await run({ count: truth.length + 1 });
    const document = dependencyMonkeyDocument(
      {
        document_id: 'dependency-monkey-0123456789abcdef',
        analyzer_version: '0.1.0',
        datetime: '2026-01-01T00:00:00.000Z',
        duration: 0.1,
        arguments: {},
        environment: { deployment: 'test' },
      },
      outcome,
    );
    expect(document.result.parameters).toMatchObject({ decision_type: 'all', dry_run: true, seed: 42 });
    expect(document.result.report.responses).toHaveLength(truth.length);
    expect(document.result.error?.code).toBe('fewer-stacks-than-requested');
  });
});
