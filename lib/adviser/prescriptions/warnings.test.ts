// Warnings: units that can never register, empty ranges, unknown recommendation types (at load), and
// ranges matching no release the knowledge graph knows (when advising), surfaced in stack_info.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../python/index.js';
import { advise } from '../advise.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../knowledge/index.js';
import { prescriptionsFromSources } from './index.js';

const TEXT = `
spec:
  name: w
  release: "1"
  units:
    sieves:
      - {name: NoFlag, type: sieve, should_include: {recommendation_types: [stable]}, match: {package_version: {name: lib}}, run: {}}
      - {name: Fastest, type: sieve, should_include: {adviser_pipeline: true, recommendation_types: [fastest]}, match: {package_version: {name: lib}}, run: {}}
      - {name: OutsideRange, type: sieve, should_include: {adviser_pipeline: true}, match: {package_version: {name: lib, version: '<1.0,>1.4'}}, run: {}}
      - {name: FutureLib, type: sieve, should_include: {adviser_pipeline: true}, match: {package_version: {name: lib, version: '>=9'}}, run: {}}
    wraps:
      - {name: NeedsGhost, type: wrap, should_include: {adviser_pipeline: true, dependencies: {boots: [w.Ghost]}}, run: {}}
      - {name: NeedsNeedsGhost, type: wrap, should_include: {adviser_pipeline: true, dependencies: {wraps: [w.NeedsGhost]}}, run: {}}
      - {name: NeedsBuiltIn, type: wrap, should_include: {adviser_pipeline: true, dependencies: {sieves: [SolvedSieve]}}, run: {}}
`;

describe('prescription warnings', () => {
  const loaded = prescriptionsFromSources([{ file: 'w.yaml', text: TEXT }]);

  it('are returned with the load result', () => {
    expect(loaded.warnings.map((w) => `${w.kind} ${w.unit}: ${w.message}`)).toEqual([
      'unknown-value w.Fastest: should_include.recommendation_types names "fastest", which does not exist (known: latest, stable, testing, performance, security)',
      'empty-range w.OutsideRange: match.package_version.version "<1.0,>1.4" matches no version at all (a specifier set is a conjunction of its clauses)',
      'never-registers w.NoFlag: never registers: should_include sets neither adviser_pipeline nor dependency_monkey_pipeline (both default to false)',
      'never-registers w.Fastest: never registers: no recommendation or decision type it names exists',
      'never-registers w.NeedsGhost: never registers: it depends on unit w.Ghost, which is not defined',
      'never-registers w.NeedsNeedsGhost: never registers: it depends on unit w.NeedsGhost, which never registers',
    ]);
    expect(loaded.warnings.every((w) => w.file === 'w.yaml')).toBe(true);
  });

  it('are surfaced in stack_info with the ranges that match no known release', async () => {
    const outcome = await advise({
      knowledge: new InMemoryKnowledgeSource(['1.0', '2.0'].map((v) => fixtureRelease('lib', v))),
      environment: {
        pythonVersion: '3.11.4',
        markers: defaultEnvironment({ python: '3.11.4', platform: 'linux', machine: 'x86_64' }),
      },
      requirements: [{ name: 'lib', specifier: '', extras: [], marker: null }],
      recommendationType: 'stable',
      prescriptions: loaded,
    });
    const warnings = outcome.stackInfo.filter((s) => s.unit?.startsWith('w.')).map((s) => s.message);
    expect(warnings).toHaveLength(loaded.warnings.length + 1);
    expect(warnings).toContain(
      'w.FutureLib: match.package_version.version ">=9" matches no known release of lib (known: 1.0, 2.0).',
    );
    expect(warnings).toContain(
      'w.NeedsGhost: never registers: it depends on unit w.Ghost, which is not defined.',
    );
    expect(outcome.products.length).toBeGreaterThan(0);
  });
});
