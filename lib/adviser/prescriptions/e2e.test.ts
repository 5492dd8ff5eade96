// advise() on a real PGlite knowledge graph with the shipped example prescription directory: the
// step penalizing http-core 2.0 makes the stable stack differ from the latest one and score
// strictly better, the wrap explains the choice with its message and link, and the sieve's
// stack_info says why http-core 1.0 was never used.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteGraphStore } from '../../graph/index.js';
import { advise } from '../advise.js';
import type { AdviseInput } from '../advise.js';
import { GraphKnowledgeSource } from '../knowledge/index.js';
import { ENVIRONMENT, ENVIRONMENT_KEY, httpCoreGraph } from './__fixtures__/graph.js';
import { loadPrescriptions } from './index.js';
import type { LoadedPrescriptions } from './index.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/prescriptions', import.meta.url));

let graph: PgliteGraphStore;
let prescriptions: LoadedPrescriptions;

beforeAll(async () => {
  graph = await httpCoreGraph();
  prescriptions = await loadPrescriptions([EXAMPLE]);
}, 60_000);
afterAll(async () => {
  await graph.close();
});

const run = (overrides: Partial<AdviseInput>) =>
  advise({
    knowledge: new GraphKnowledgeSource(graph, ENVIRONMENT_KEY),
    environment: ENVIRONMENT,
    requirements: [{ name: 'web-client', specifier: '', extras: [], marker: null }],
    recommendationType: 'stable',
    seed: 7,
    prescriptions,
    ...overrides,
  });

const pins = (p: { lock: { packages: Array<{ name: string; version: string }> } }) =>
  p.lock.packages.map((x) => `${x.name}==${x.version}`).join(' ');

describe('example prescriptions on a PGlite graph', () => {
  it('loads the example directory with its namespace and release', () => {
    expect(prescriptions.sources).toEqual(['example@2024.06.01']);
    expect(prescriptions.specs.map((s) => s.id)).toEqual([
      'example.ReleaseBoot',
      'example.HttpCore10Sieve',
      'example.HttpCore20TruncationStep',
      'example.HttpCoreBelow2Wrap',
    ]);
    expect(prescriptions.warnings).toEqual([]);
  });

  it('stable avoids the known-bad release and scores strictly better than latest, explaining why', async () => {
    const latest = await run({ recommendationType: 'latest' });
    const stable = await run({ recommendationType: 'stable' });
    expect(latest.error).toBeNull();
    expect(stable.error).toBeNull();
    expect(pins(latest.products[0]!)).toBe('http-core==2.0 web-client==1.0');
    expect(pins(stable.products[0]!)).toBe('http-core==1.1 web-client==1.0');
    expect(stable.products[0]!.score).toBeGreaterThan(latest.products[0]!.score);
    // The latest stack is among stable's products too, scored lower and explained by the step.
    const penalized = stable.products.find((p) => pins(p) === pins(latest.products[0]!))!;
    expect(penalized.score).toBeLessThan(stable.products[0]!.score);
    expect(penalized.justification).toContainEqual(
      expect.objectContaining({
        message: 'http-core 2.0 truncates responses larger than 64 KiB.',
        link: 'https://example.org/http-core/issues/12',
        unit: 'example.HttpCore20TruncationStep',
      }),
    );
    expect(stable.products[0]!.justification).toContainEqual({
      type: 'info',
      message: 'http-core is kept below 2.0, whose responses are truncated over 64 KiB.',
      link: 'https://example.org/http-core/issues/12',
      package_name: 'http-core',
      unit: 'example.HttpCoreBelow2Wrap',
    });
    expect(stable.stackInfo).toContainEqual(
      expect.objectContaining({
        type: 'warning',
        message: 'http-core 1.0 leaks sockets on redirects and is never used.',
        unit: 'example.HttpCore10Sieve',
      }),
    );
    expect(stable.stackInfo).toContainEqual(expect.objectContaining({ unit: 'example.ReleaseBoot' }));
    expect(stable.parameters.prescriptions).toEqual(['example@2024.06.01']);
    // Never a stack with the removed release.
    expect(stable.products.every((p) => !pins(p).includes('http-core==1.0'))).toBe(true);
  });

  it('without prescriptions stable picks the latest stack', async () => {
    const plain = await run({ prescriptions: undefined });
    expect(pins(plain.products[0]!)).toBe('http-core==2.0 web-client==1.0');
  });
});
