// advise(): products, scores, justifications, documents that validate, determinism per seed, every
// predictor yielding only sound stacks, knowledge gaps and failures reported as data.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../contracts/index.js';
import { ENV, adviserMetadata, knowledge, pinsOf, req } from './__fixtures__/knowledge.js';
import { advise } from './advise.js';
import type { AdviseInput } from './advise.js';
import { adviseResultDocument } from './document.js';
import { PREDICTORS } from './predictors/index.js';
import { createCatalog, resolve } from './resolver/index.js';

const METADATA = adviserMetadata('adviser-3f2a9c41d0e2b7aa', { os_name: 'debian', os_version: '12' });

const FLASKISH = {
  flask: {
    '1.0': { requires: ['werkzeug>=1'] },
    '2.0': { requires: ['werkzeug>=2', 'click>=8'] },
    '3.0': { requires: ['werkzeug>=3', 'click>=8'], requiresPython: '>=3.12' },
  },
  werkzeug: { '1.0': {}, '2.0': {}, '2.1': {}, '3.0': {} },
  click: { '7.0': {}, '8.0': {}, '8.1': {} },
};

function base(overrides: Partial<AdviseInput> = {}): AdviseInput {
  return {
    knowledge: knowledge(FLASKISH),
    environment: ENV,
    requirements: [req('flask')],
    recommendationType: 'stable',
    seed: 42,
    ...overrides,
  };
}

describe('advise', () => {
  it('latest returns the complete resolver stack, validated as a document', async () => {
    const outcome = await advise(base({ recommendationType: 'latest' }));
    expect(outcome.error).toBeNull();
    expect(outcome.products.map(pinsOf)).toEqual(['click==8.1 flask==2.0 werkzeug==3.0']);
    const product = outcome.products[0]!;
    expect(product.score).toBe(0);
    expect(product.dependency_graph.edges).toEqual([
      { from: 1, to: 0 },
      { from: 1, to: 2 },
    ]);
    expect(product.justification.map((j) => j.link)).toContain('https://pypi.org/project/flask/2.0/');
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('stable explores alternatives and ranks them by score, best first', async () => {
    const outcome = await advise(base({ limits: { count: 3, limit: 10 } }));
    expect(outcome.products.length).toBe(3);
    const scores = outcome.products.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(pinsOf(outcome.products[0]!)).toBe('click==8.1 flask==2.0 werkzeug==3.0');
    expect(new Set(outcome.products.map(pinsOf)).size).toBe(3);
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('is deterministic for a seed', async () => {
    const run = async () =>
      JSON.stringify(await advise(base({ predictor: 'sampling', limits: { count: 5, limit: 20 } })));
    expect(await run()).toBe(await run());
  });

  it.each([...PREDICTORS.keys()])(
    'predictor %s yields only stacks the complete resolver accepts',
    async (id) => {
      const outcome = await advise(
        base({ predictor: id, limits: { count: 10, limit: 10, maxIterations: 500 } }),
      );
      expect(outcome.error).toBeNull();
      expect(outcome.products.length).toBeGreaterThan(0);
      for (const product of outcome.products) {
        const pins = new Map(product.lock.packages.map((p) => [p.name, p.version]));
        const catalog = createCatalog(knowledge(FLASKISH), ENV, [req('flask')]);
        const check = await resolve(catalog, [req('flask')], { pins });
        expect(check.kind).toBe('solved');
        if (check.kind === 'solved')
          expect(check.packages.map((p) => `${p.name}==${p.version}`).join(' ')).toBe(pinsOf(product));
      }
    },
  );

  it('reports an unsatisfiable request with a derivation that validates', async () => {
    const outcome = await advise(base({ requirements: [req('flask', '>=3')] }));
    expect(outcome.error?.code).toBe('unsatisfiable');
    expect(outcome.explanation).toMatchInlineSnapshot(`
      "Because flask has no other versions and flask==3.0 cannot be used because it declares Requires-Python >=3.12 and the environment has Python 3.11.4, we can conclude that flask==3.0 cannot be used.
      And because the project depends on flask>=3, we can conclude that the project's requirements are unsatisfiable."
    `);
    const doc = adviseResultDocument(METADATA, outcome);
    expect(() => parseDocument('adviser', doc)).not.toThrow();
    expect(doc.result.error?.derivation?.incompatibilities.map((i) => i.cause.kind)).toEqual([
      'no-versions',
      'unavailable',
      'derived',
      'dependency',
      'derived',
    ]);
  });

  it('reports missing knowledge as unresolved instead of failing silently', async () => {
    const k = knowledge({
      app: { '1.0': { requires: ['ghost>=1'] } },
      lib: { '1.0': {}, '2.0': { installable: null } },
    });
    const failed = await advise(
      base({ knowledge: k, requirements: [req('app')], recommendationType: 'latest' }),
    );
    expect(failed.error?.code).toBe('unresolved-dependencies');
    expect(failed.error?.unresolved).toEqual([{ name: 'ghost', specifier: '>=1', index_url: null }]);
    const older = await advise(
      base({ knowledge: k, requirements: [req('lib')], recommendationType: 'latest' }),
    );
    expect(older.products.map(pinsOf)).toEqual(['lib==1.0']);
    expect(older.unresolved).toEqual([
      { name: 'lib', specifier: '==2.0', index_url: 'https://pypi.org/simple' },
    ]);
  });

  it('lists every missing package the requirements reach, not only the first, so one round learns them all', async () => {
    const k = knowledge({
      app: { '1.0': { requires: ['ghost-a>=1', 'lib', 'ghost-b'] } },
      lib: { '1.0': { requires: ['ghost-c<2'] } },
    });
    const outcome = await advise(
      base({ knowledge: k, requirements: [req('app')], recommendationType: 'latest' }),
    );
    expect(outcome.error?.code).toBe('unresolved-dependencies');
    expect(outcome.unresolved.map((u) => `${u.name}${u.specifier}`).sort()).toEqual([
      'ghost-a>=1',
      'ghost-b',
      'ghost-c<2',
    ]);
    expect(outcome.error?.message).toMatch(/lacks ghost-\w, ghost-\w, ghost-\w for this environment/);
  });

  it('asks for older releases the index lists but nobody solved, instead of calling the set unsatisfiable', async () => {
    // What lazy learning leaves: the newest app releases solved (all need lib>=2, which the project
    // excludes), the older ones only listed by the index (bare rows: installable null).
    const listedOnly = { installable: null };
    const k = knowledge({
      app: {
        '1.0': listedOnly,
        '2.0': listedOnly,
        '3.0': { requires: ['lib>=2'] },
        '4.0': { requires: ['lib>=2'] },
      },
      lib: { '1.0': {}, '2.0': {} },
    });
    const outcome = await advise(
      base({ knowledge: k, requirements: [req('app'), req('lib', '<2')], recommendationType: 'latest' }),
    );
    expect(outcome.error?.code).toBe('unresolved-dependencies');
    expect(outcome.unresolved).toEqual([{ name: 'app', specifier: '<3.0', index_url: null }]);
    // The same graph without the listing (what the graph held before listings were recorded) can
    // only conclude that no stack exists.
    const unlisted = knowledge({
      app: { '3.0': { requires: ['lib>=2'] }, '4.0': { requires: ['lib>=2'] } },
      lib: { '1.0': {}, '2.0': {} },
    });
    const wrong = await advise(
      base({
        knowledge: unlisted,
        requirements: [req('app'), req('lib', '<2')],
        recommendationType: 'latest',
      }),
    );
    expect(wrong.error?.code).toBe('unsatisfiable');
    // Once app 2.0 is solved and accepts lib<2, the stack is found and the unsolved 1.0 is no gap
    // (it is older than the release chosen).
    const learned = knowledge({
      app: { '1.0': listedOnly, '2.0': {}, '3.0': { requires: ['lib>=2'] }, '4.0': { requires: ['lib>=2'] } },
      lib: { '1.0': {}, '2.0': {} },
    });
    const found = await advise(
      base({
        knowledge: learned,
        requirements: [req('app'), req('lib', '<2')],
        recommendationType: 'latest',
      }),
    );
    expect(found.products.map(pinsOf)).toEqual(['app==2.0 lib==1.0']);
    expect(found.unresolved).toEqual([]);
  });

  it('learning mode assumes an unsolved release inside the range, and names every one the proof needs', async () => {
    // boto3 against an old urllib3, as lazy learning leaves it: boto3 1.3…1.6 solved, each needing
    // botocore>=its own minor; of botocore only 1.6 is solved (and needs urllib3>=1.25, which the
    // project excludes); the rest of both is only listed. Deciding botocore's "unknown" version
    // (outside the range boto3 asks for) made the learning-mode resolution loop forever.
    const listedOnly = { installable: null };
    const minors = [1, 2, 3, 4, 5, 6];
    const k = knowledge({
      boto3: Object.fromEntries(
        minors.map((i) => [`1.${i}`, i >= 3 ? { requires: [`botocore>=1.${i},<2`] } : listedOnly]),
      ),
      botocore: Object.fromEntries(
        minors.map((i) => [`1.${i}`, i === 6 ? { requires: ['urllib3>=1.25'] } : listedOnly]),
      ),
      urllib3: { '1.24': {}, '1.25': {} },
    });
    const outcome = await advise(
      base({
        knowledge: k,
        requirements: [req('urllib3', '<1.25'), req('boto3')],
        recommendationType: 'latest',
      }),
    );
    expect(outcome.error?.code).toBe('unresolved-dependencies');
    // The older boto3 releases, and the botocore release each solved boto3 needs: one round asks
    // for all of them (the proof's leaves name botocore three times).
    expect(outcome.unresolved.map((u) => `${u.name}${u.specifier}`).sort()).toEqual([
      'boto3<1.3',
      'botocore==1.3',
      'botocore==1.4',
      'botocore==1.5',
    ]);
    expect(outcome.error?.message).toBe('The knowledge graph lacks boto3, botocore for this environment.');
  }, 10_000);

  it('warns once per package about newer releases not solved yet, counting them', async () => {
    const listedOnly = { installable: null };
    const k = knowledge({
      lib: { '1.0': {}, '1.1': listedOnly, '1.2': listedOnly, '1.3': listedOnly },
      solo: { '1.0': {}, '2.0': listedOnly },
    });
    const outcome = await advise(
      base({ knowledge: k, requirements: [req('lib'), req('solo')], recommendationType: 'latest' }),
    );
    expect(outcome.products.map(pinsOf)).toEqual(['lib==1.0 solo==1.0']);
    expect(outcome.stackInfo.filter((i) => i.link === 'unresolved').map((i) => i.message)).toEqual([
      'lib: 3 releases (1.3 … 1.1) are not solved for this environment yet; an older release was considered instead.',
      'solo 2.0 is not solved for this environment yet; an older release was considered instead.',
    ]);
    expect(outcome.unresolved.map((u) => `${u.name}${u.specifier}`)).toEqual([
      'lib==1.3',
      'lib==1.2',
      'lib==1.1',
      'solo==2.0',
    ]);
  });

  it('applies constraints through ConstraintsSieve and names it in explanations', async () => {
    const outcome = await advise(
      base({ recommendationType: 'latest', constraints: [req('werkzeug', '<2')] }),
    );
    expect(outcome.products.map(pinsOf)).toEqual(['flask==1.0 werkzeug==1.0']);
    const none = await advise(base({ recommendationType: 'latest', constraints: [req('flask', '<1')] }));
    expect(none.explanation).toContain('ConstraintsSieve: constraint flask<1');
  });
});
