// The MDP layer's expansion check and its cost: answers from known stacks ("witnesses") must be the
// complete resolver's answers, a replayed baseline needs no resolution, and the trajectory-following
// predictors reach many final states on a deep graph (they used to reach none beyond the baseline).
import { describe, expect, it } from 'vitest';
import { ENV, knowledge, req } from './__fixtures__/knowledge.js';
import { advise } from './advise.js';
import type { InMemoryKnowledgeSource, ReleaseSpec } from './knowledge/index.js';
import { seededRandom } from './random.js';
import { createCatalog, resolve } from './resolver/index.js';
import { Expander } from './search.js';
import type { State } from './state.js';
import type { RootRequirement } from './types.js';
import { buildPipeline } from './units/index.js';
import type { UnitContext } from './units/index.js';

// This file's releases are hashed 'b'…, not with the shared fixtures' default 'a'….
const HASH = 'b'.repeat(64);

/**
 * A chain p0 → p1 → … → p{n-1}, three releases each, with conflicts that only a complete resolution
 * sees: gate 1.0 needs p0 < 3, gate 2.0 needs the chain's last package < 2, whose 1.0 needs gate < 2.
 * So gate 2.0 and p0 3.0 can never be completed, though no specifier clashes when they are chosen.
 * Also p{i} 3.0 needs p{i+1} < 3 for odd i.
 */
function chain(n: number): Record<string, Record<string, ReleaseSpec>> {
  const packages: Record<string, Record<string, ReleaseSpec>> = {};
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `p${i + 1}` : undefined;
    packages[`p${i}`] = {
      '1.0': { requires: next === undefined ? ['gate<2'] : [next] },
      '2.0': { requires: next === undefined ? [] : [next] },
      '3.0': { requires: next === undefined ? [] : [i % 2 === 1 ? `${next}<3` : next] },
    };
  }
  packages.gate = { '1.0': { requires: ['p0<3'] }, '2.0': { requires: [`p${n - 1}<2`] } };
  return packages;
}

function expanderFor(k: InMemoryKnowledgeSource, requirements: RootRequirement[]) {
  const builder = {
    recommendationType: 'stable' as const,
    environment: ENV,
    requirements,
    constraints: [],
    labels: {},
  };
  const context: UnitContext = { ...builder, stackInfo: [], latestVersions: () => [] };
  const catalog = createCatalog(k, ENV, requirements);
  const expander = new Expander({
    catalog,
    requirements,
    pipeline: buildPipeline(builder),
    context,
    prereleases: 'if-necessary-in-range-or-explicit',
    resolveOptions: {},
  });
  return { catalog, expander };
}

describe('Expander feasibility', () => {
  it('answers every expansion as the complete resolver does, witnesses or not', async () => {
    const packages = chain(8);
    const requirements = [req('p0'), req('gate')];
    const { catalog, expander } = expanderFor(knowledge(packages, HASH), requirements);
    const rng = seededRandom(7);
    let checked = 0;
    let pruned = 0;
    for (let walk = 0; walk < 40; walk++) {
      let state: State | undefined = await expander.initial();
      let iteration = 0;
      while (state !== undefined && !state.isFinal()) {
        const names = [...state.unresolved.keys()];
        const name = names[Math.floor(rng() * names.length)]!;
        const versions = state.unresolved.get(name)!;
        const version = versions[Math.floor(rng() * versions.length)]!;
        const pins = new Map(state.resolved).set(name, version);
        const before = expander.statistics.prunedStates;
        const { child } = await expander.expand({ state, package: name, version }, ++iteration);
        const truth = await resolve(catalog, requirements, { pins });
        if (expander.statistics.prunedStates > before) {
          pruned++;
          expect(truth.kind, `pruned ${[...pins].join(' ')}`).toBe('unsatisfiable');
        } else if (child !== undefined) {
          expect(truth.kind, `kept ${[...pins].join(' ')}`).toBe('solved');
        }
        checked++;
        if (child !== undefined) state = child;
        else if (state.unresolved.size === 0 || ![...state.unresolved.values()].every((v) => v.length > 0))
          break;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(pruned).toBeGreaterThan(0);
    // Most answers came from known stacks, not from a resolution each.
    expect(expander.statistics.witnessHits).toBeGreaterThan(expander.statistics.resolutions);
  });

  it('replays a known complete stack without a single resolution', async () => {
    const packages = chain(30);
    const requirements = [req('p0'), req('gate')];
    const { catalog, expander } = expanderFor(knowledge(packages, HASH), requirements);
    const baseline = await resolve(catalog, requirements);
    expect(baseline.kind).toBe('solved');
    if (baseline.kind !== 'solved') return;
    const selection = new Map(baseline.packages.map((p) => [p.name, p.version]));
    expander.addWitness(selection);
    const final = await expander.replay(selection);
    expect(final?.isFinal()).toBe(true);
    expect(new Map(final!.resolved)).toEqual(selection);
    expect(expander.statistics.resolutions).toBe(0);
    expect(expander.statistics.witnessHits).toBe(selection.size);
  });
});

describe('anytime search on a deep graph', () => {
  it.each(['temporal-difference', 'mcts'])(
    '%s follows trajectories and reaches the limit of distinct final states',
    async (predictor) => {
      const outcome = await advise({
        knowledge: knowledge(chain(25), HASH),
        environment: ENV,
        requirements: [req('p0'), req('gate')],
        recommendationType: 'stable',
        predictor,
        seed: 3,
        limits: { count: 5, limit: 20, maxIterations: 5000 },
      });
      expect(outcome.error).toBeNull();
      expect(outcome.statistics.accepted_final_states).toBe(20);
      expect(outcome.products).toHaveLength(5);
      const stacks = outcome.products.map((p) =>
        p.lock.packages.map((x) => `${x.name}==${x.version}`).join(' '),
      );
      expect(new Set(stacks).size).toBe(5);
    },
  );
});
