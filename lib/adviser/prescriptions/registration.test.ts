// The pipeline builder's fixed point with prescription units: a unit whose should_include depends on
// another unit registers in a later round, chains resolve whatever their order in the file, and a
// dependency that never registers keeps its dependents out.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../python/index.js';
import { buildPipeline } from '../units/index.js';
import type { BuilderContext, PipelineBuilderContext, UnitDefinition } from '../units/index.js';
import { prescriptionsFromSources } from './index.js';

const BUILDER: BuilderContext = {
  recommendationType: 'stable',
  environment: {
    pythonVersion: '3.11.4',
    markers: defaultEnvironment({ python: '3.11.4', platform: 'linux', machine: 'x86_64' }),
  },
  requirements: [],
  constraints: [],
  labels: {},
};

const UNITS = `
spec:
  name: p
  release: "1"
  units:
    wraps:
      - {name: C, type: wrap, should_include: {adviser_pipeline: true, dependencies: {steps: [p.B]}}, run: {}}
      - {name: Orphan, type: wrap, should_include: {adviser_pipeline: true, dependencies: {boots: [p.Missing]}}, run: {}}
    steps:
      - {name: B, type: step, should_include: {adviser_pipeline: true, dependencies: {sieves: [p.A, YankedSieve]}},
         match: {package_version: {name: x}}, run: {score: 0.1}}
    sieves:
      - {name: A, type: sieve, should_include: {adviser_pipeline: true}, match: {package_version: {name: x, version: '<1'}}, run: {}}
`;

describe('fixed-point registration', () => {
  it('registers dependents in later rounds, in definition order, and leaves unmet dependencies out', () => {
    const loaded = prescriptionsFromSources([{ file: 'p.yaml', text: UNITS }]);
    const rounds: Array<[string, number]> = [];
    const traced: UnitDefinition[] = loaded.units.map((u) => ({
      ...u,
      shouldInclude: (builder) => {
        const configurations = u.shouldInclude(builder);
        if (configurations.length > 0) rounds.push([u.id, (builder as PipelineBuilderContext).iteration]);
        return configurations;
      },
    }));
    const pipeline = buildPipeline(BUILDER, { prescriptions: traced });
    expect(rounds).toEqual([
      ['p.A', 0],
      ['p.B', 1],
      ['p.C', 2],
    ]);
    expect(pipeline.sieves.map((s) => s.name)).toContain('p.A');
    expect(pipeline.steps.map((s) => s.name)).toContain('p.B');
    expect(pipeline.wraps.map((w) => w.name)).toContain('p.C');
    expect(pipeline.wraps.map((w) => w.name)).not.toContain('p.Orphan');
    // Package-specific units run first within their type.
    expect(pipeline.sieves[0]!.name).toBe('p.A');
  });

  it('registers nothing from a prescription in a dependency monkey pipeline unless asked to', () => {
    const loaded = prescriptionsFromSources([{ file: 'p.yaml', text: UNITS }]);
    const pipeline = buildPipeline(BUILDER, {
      prescriptions: loaded.units,
      pipelineKind: 'dependency-monkey',
      decisionType: 'random',
    });
    expect(
      [...pipeline.sieves, ...pipeline.steps, ...pipeline.wraps].some((u) => u.name.startsWith('p.')),
    ).toBe(false);
  });
});
