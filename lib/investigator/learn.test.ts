// The solve the investigator schedules names the configured environment: thoth-solve's `environment`
// parameter is the solve step's --environment spec with the configured id, which the solver resolves
// back to the configured identity, so the verdicts land under the id the "already solved?" check reads
// (before, the step derived its own id from python_version and the check never matched).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnvironmentIdentity } from '../contracts/index.js';
import { PgliteGraphStore, migrate } from '../graph/index.js';
import { silentLogger } from '../log/index.js';
import { parseEnvironmentShorthand, resolveEnvironment } from '../solver/index.js';
import { learnUsingSolver, solverEnvironment, solverPlatformTag } from './learn.js';
import { INDEX, deps, policy, seedVerdict, truncateGraph } from './test-support/fixtures.js';
import { RecordingWorkflowEngine } from './test-support/recording-engine.js';
import type { HandlerContext } from './types.js';

/** A deployment's own environment: its id follows no naming scheme of the solver. */
const ACME: EnvironmentIdentity = {
  id: 'acme-prod-east',
  os_name: 'ubuntu',
  os_version: '24.04',
  python_version: '3.12',
  platform: 'linux-x86_64',
};

describe('solverPlatformTag', () => {
  it.each([
    ['linux-x86_64', 'manylinux_2_34_x86_64'],
    ['linux-aarch64', 'manylinux_2_34_aarch64'],
    ['macosx-14.0-arm64', 'macosx_14_0_arm64'],
    ['win-amd64', 'win_amd64'],
    ['win32', 'win32'],
    // Already a tag: a deployment that knows its libc says so.
    ['manylinux_2_28_aarch64', 'manylinux_2_28_aarch64'],
    ['musllinux_1_2_x86_64', 'musllinux_1_2_x86_64'],
    // Unknown: passed on for the solver (and the configuration check) to refuse by name.
    ['aix-7.2', 'aix-7.2'],
  ])('%s → %s', (platform, tag) => {
    expect(solverPlatformTag(platform)).toBe(tag);
  });
});

describe('solverEnvironment', () => {
  it.each<EnvironmentIdentity>([
    ACME,
    {
      id: 'rhel-9-py311',
      os_name: 'rhel',
      os_version: '9',
      python_version: '3.11',
      platform: 'linux-x86_64',
    },
    {
      id: 'mac-py313',
      os_name: 'macos',
      os_version: '14.0',
      python_version: '3.13',
      platform: 'macosx-14.0-arm64',
    },
    { id: 'win', os_name: 'windows', os_version: '11', python_version: '3.12', platform: 'win-amd64' },
  ])('the solver resolves the spec for $id back to the configured identity', (identity) => {
    const resolved = resolveEnvironment(parseEnvironmentShorthand(solverEnvironment(identity)));
    expect(resolved.environment.identity).toEqual(identity);
  });

  it('keeps the id of an identity whose platform is written as a tag', () => {
    const spec = parseEnvironmentShorthand(
      solverEnvironment({ ...ACME, id: 'arm', platform: 'manylinux_2_28_aarch64' }),
    );
    expect(spec).toMatchObject({ id: 'arm', platform: 'manylinux_2_28_aarch64', python: '3.12' });
    expect(resolveEnvironment(spec).environment.identity).toMatchObject({
      id: 'arm',
      platform: 'linux-aarch64',
    });
  });
});

describe('learnUsingSolver', () => {
  let graph: PgliteGraphStore;
  let engine: RecordingWorkflowEngine;
  beforeAll(async () => {
    graph = await PgliteGraphStore.open();
    await migrate(graph);
  }, 60_000);
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(async () => {
    await truncateGraph(graph);
    engine = new RecordingWorkflowEngine();
  });

  function context(environments: readonly EnvironmentIdentity[]): HandlerContext {
    return {
      ...deps(graph, engine, { policy: policy({ environments }) }),
      log: silentLogger,
      signal: new AbortController().signal,
      heartbeat: () => Promise.resolve(),
    };
  }

  const release = { name: 'flask', version: '2.0.1', indexUrl: INDEX };

  it('passes the configured environment; python_version still selects the solver image', async () => {
    const outcomes = await learnUsingSolver(context([ACME]), release, [ACME]);
    expect(outcomes.get(ACME.id)).toMatchObject({ outcome: 'submitted' });
    const [submitted] = [...engine.workflows.values()];
    expect(submitted).toMatchObject({
      template: 'thoth-solve',
      labels: { 'thoth-station.ninja/environment': 'acme-prod-east' },
      parameters: {
        python_version: '3.12',
        environment:
          'id=acme-prod-east,python=3.12,platform=manylinux_2_34_x86_64,os=ubuntu,os_version=24.04',
      },
    });
  });

  it('a verdict under the configured id (what that solve records) makes the next decision "known"', async () => {
    await seedVerdict(graph, 'flask', '2.0.1', ACME.id);
    const outcomes = await learnUsingSolver(context([ACME]), release, [ACME]);
    expect(outcomes.get(ACME.id)).toEqual({ outcome: 'known', name: null });
    expect(engine.workflows.size).toBe(0);
    // The id the step used to derive from python_version alone does not count for this environment.
    await truncateGraph(graph);
    await seedVerdict(graph, 'flask', '2.0.1', 'cpython-3.12.0-manylinux_2_34_x86_64');
    const again = await learnUsingSolver(context([ACME]), release, [ACME]);
    expect(again.get(ACME.id)).toMatchObject({ outcome: 'submitted' });
    expect([...engine.workflows.values()].map((w) => w.labels['thoth-station.ninja/environment'])).toEqual([
      'acme-prod-east',
    ]);
  });
});
