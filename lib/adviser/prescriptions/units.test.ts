// Every prescription unit type through the real pipeline: advise() over an in-memory knowledge source
// with the units loaded from YAML, checking products, stack_info and explanations.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../python/index.js';
import { advise } from '../advise.js';
import type { AdviseInput } from '../advise.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../knowledge/index.js';
import type { ReleaseSpec } from '../knowledge/index.js';
import { prescriptionsFromSources } from './index.js';
import type { PrescriptionLogEntry } from './index.js';

const ENV = {
  pythonVersion: '3.11.4',
  markers: defaultEnvironment({ python: '3.11.4', platform: 'linux', machine: 'x86_64' }),
};

const PACKAGES: Record<string, Record<string, ReleaseSpec>> = {
  app: { '1.0': { requires: ['lib>=1', 'extra-dep'] } },
  lib: { '1.0': {}, '2.0': {}, '3.0': {} },
  'extra-dep': { '1.0': { requires: ['backport'] } },
  backport: { '1.0': {} },
  'fast-lib': { '1.0': {}, '2.0': {}, '3.0': {} },
};

function knowledge(): InMemoryKnowledgeSource {
  return new InMemoryKnowledgeSource(
    Object.entries(PACKAGES).flatMap(([name, versions]) =>
      Object.entries(versions).map(([v, spec]) =>
        fixtureRelease(name, v, { hashes: ['a'.repeat(64)], ...spec }),
      ),
    ),
  );
}

/** Units YAML (the `units:` body) as a prescription named `t`. */
function load(units: string, log?: (e: PrescriptionLogEntry) => void) {
  return prescriptionsFromSources([{ file: 't.yaml', text: `units:\n${units}`, namespace: 't' }], { log });
}

function run(units: string, overrides: Partial<AdviseInput> = {}, log?: (e: PrescriptionLogEntry) => void) {
  return advise({
    knowledge: knowledge(),
    environment: ENV,
    requirements: [{ name: 'app', specifier: '', extras: [], marker: null }],
    recommendationType: 'stable',
    seed: 1,
    prescriptions: load(units, log),
    ...overrides,
  });
}

const pins = (p: { lock: { packages: Array<{ name: string; version: string }> } }) =>
  p.lock.packages.map((x) => `${x.name}==${x.version}`).join(' ');

const ON = 'should_include: {adviser_pipeline: true}';

describe('prescription units through advise()', () => {
  it('boot: stack_info and log when its package is a direct dependency; not_acceptable aborts', async () => {
    const logs: PrescriptionLogEntry[] = [];
    const ok = await run(
      `  boots:
    - {name: AppBoot, type: boot, ${ON}, match: {package_name: app},
       run: {stack_info: [{type: INFO, message: app is used, link: 'https://example.org'}], log: {type: WARNING, message: booted}}}
    - {name: OtherBoot, type: boot, ${ON}, match: {package_name: django}, run: {stack_info: [{type: INFO, message: never}]}}`,
      {},
      (e) => logs.push(e),
    );
    expect(ok.stackInfo).toContainEqual({
      type: 'info',
      message: 'app is used',
      link: 'https://example.org',
      package_name: 'app',
      unit: 't.AppBoot',
    });
    expect(ok.stackInfo.some((s) => s.message === 'never')).toBe(false);
    expect(logs).toEqual([{ unit: 't.AppBoot', level: 'warning', message: 'booted' }]);
    const refused = await run(
      `  boots:\n    - {name: NoBoot, type: boot, ${ON}, run: {not_acceptable: not on this platform}}`,
    );
    expect(refused.error).toMatchObject({ code: 'not-acceptable', message: 'not on this platform' });
    expect(refused.products).toEqual([]);
  });

  it('sieve: removes matching releases with a typed reason; a range on the whole stack forces an older lib', async () => {
    const outcome = await run(
      `  sieves:
    - {name: LibSieve, type: sieve, ${ON}, match: {package_version: {name: lib, version: '>=2'}},
       run: {stack_info: [{type: WARNING, message: lib 2 and 3 are broken}]}}`,
      { recommendationType: 'latest' },
    );
    expect(pins(outcome.products[0]!)).toContain('lib==1.0');
    expect(outcome.stackInfo).toContainEqual(
      expect.objectContaining({ message: 'lib 2 and 3 are broken', unit: 't.LibSieve' }),
    );
    const none = await run(
      `  sieves:\n    - {name: AllLib, type: sieve, ${ON}, match: {package_version: {name: lib}}, run: {}}`,
      { recommendationType: 'latest' },
    );
    expect(none.error?.code).toBe('unsatisfiable');
    expect(none.explanation).toContain('t.AllLib');
  });

  it('sieve.SkipPackage: drops a package and what only it pulls in', async () => {
    const outcome = await run(
      `  sieves:\n    - {name: SkipExtra, type: sieve.SkipPackage, ${ON}, match: {package_name: extra-dep}, run: {}}`,
      { recommendationType: 'latest' },
    );
    expect(pins(outcome.products[0]!)).toBe('app==1.0 lib==3.0');
  });

  it('step: scores and justifies matching candidates; not_acceptable rejects; state conditions apply', async () => {
    const outcome = await run(
      `  steps:
    - {name: Lib3Step, type: step, ${ON}, match: {package_version: {name: lib, version: '==3.0'}},
       run: {score: -1, justification: [{type: WARNING, message: lib 3.0 is slow, link: perf}]}}`,
    );
    expect(pins(outcome.products[0]!)).toContain('lib==2.0');
    const slow = outcome.products.find((p) => pins(p).includes('lib==3.0'))!;
    expect(slow.justification).toContainEqual({
      type: 'warning',
      message: 'lib 3.0 is slow',
      link: 'perf',
      package_name: 'lib',
      unit: 't.Lib3Step',
    });
    const rejected = await run(
      `  steps:
    - {name: NoLib3WithBackport, type: step, ${ON},
       match: {package_version: {name: lib, version: '>=3'}, state: {resolved_dependencies: [{name: app}]}},
       run: {not_acceptable: lib 3 breaks app}}`,
    );
    expect(rejected.products.length).toBeGreaterThan(0);
    expect(rejected.products.every((p) => !pins(p).includes('lib==3.0'))).toBe(true);
  });

  it('step.SkipPackage: drops the candidate package from the stack', async () => {
    const outcome = await run(
      `  steps:\n    - {name: SkipBackport, type: step.SkipPackage, ${ON}, match: {package_version: {name: backport}}, run: {}}`,
      { recommendationType: 'latest' },
    );
    expect(pins(outcome.products[0]!)).toBe('app==1.0 extra-dep==1.0 lib==3.0');
  });

  it('stride: discards matching final states; eager_stop_pipeline stops with what exists', async () => {
    const outcome = await run(
      `  strides:\n    - {name: NoLib3, type: stride, ${ON}, match: {state: {resolved_dependencies: [{name: lib, version: '==3.0'}]}}, run: {not_acceptable: no}}`,
    );
    expect(outcome.products.length).toBeGreaterThan(0);
    expect(outcome.products.every((p) => !pins(p).includes('lib==3.0'))).toBe(true);
    const stopped = await run(
      `  strides:\n    - {name: Enough, type: stride, ${ON}, match: {state: {resolved_dependencies: [{name: lib}]}}, run: {eager_stop_pipeline: one stack is enough}}`,
    );
    expect(stopped.products).toHaveLength(1);
    expect(stopped.stackInfo).toContainEqual(
      expect.objectContaining({ message: 'The search was stopped early: t.Enough: one stack is enough' }),
    );
  });

  it('wrap and wrap.GHReleaseNotes: explain products that match', async () => {
    const outcome = await run(
      `  wraps:
    - {name: LibWrap, type: wrap, ${ON}, match: {state: {resolved_dependencies: [{name: lib, version: '>=3'}]}},
       run: {justification: [{type: INFO, message: lib 3 is great, link: null}]}}
    - {name: LibNotes, type: wrap.GHReleaseNotes, ${ON}, match: {state: {resolved_dependencies: [{name: lib}]}},
       run: {release_notes: {organization: example, repository: lib, tag_version_prefix: v}}}`,
      { recommendationType: 'latest' },
    );
    const product = outcome.products[0]!;
    expect(product.justification).toContainEqual({
      type: 'info',
      message: 'lib 3 is great',
      link: null,
      package_name: 'lib',
      unit: 't.LibWrap',
    });
    expect(product.justification).toContainEqual(
      expect.objectContaining({
        link: 'https://github.com/example/lib/releases/tag/v3.0',
        unit: 't.LibNotes',
      }),
    );
  });

  it('pseudonym: an alias is resolved as an alternative and can win on score', async () => {
    const outcome = await run(
      `  pseudonyms:
    - {name: FastLib, type: pseudonym, ${ON}, match: {package_version: {name: lib}},
       run: {yield: {yield_matched_version: true, package_version: {name: fast-lib}},
             stack_info: [{type: INFO, message: fast-lib can replace lib}]}}
  steps:
    - {name: PreferFast, type: step, ${ON}, match: {package_version: {name: fast-lib}}, run: {score: 0.5}}`,
    );
    expect(pins(outcome.products[0]!)).toBe('app==1.0 backport==1.0 extra-dep==1.0 fast-lib==3.0');
    expect(outcome.products.some((p) => pins(p).includes('lib==3.0') && !pins(p).includes('fast-lib'))).toBe(
      true,
    );
    expect(outcome.stackInfo).toContainEqual(
      expect.objectContaining({ message: 'fast-lib can replace lib', unit: 't.FastLib' }),
    );
    expect(outcome.stackInfo).toContainEqual(
      expect.objectContaining({
        message: 'fast-lib (3.0, 2.0, 1.0) was considered as an alternative to lib.',
      }),
    );
  });

  it('should_include: labels (any), recommendation types, runtime environment and times', async () => {
    const units = `  boots:
    - {name: Labelled, type: boot, should_include: {adviser_pipeline: true, labels: {team: ml, requester: ci}}, run: {stack_info: [{type: INFO, message: labelled}]}}
    - {name: NotLatest, type: boot, should_include: {adviser_pipeline: true, recommendation_types: {not: [latest]}}, run: {stack_info: [{type: INFO, message: not-latest}]}}
    - {name: Py312, type: boot, should_include: {adviser_pipeline: true, runtime_environments: {python_version: '>=3.12'}}, run: {stack_info: [{type: INFO, message: py312}]}}
    - {name: Rhel9NoCuda, type: boot, should_include: {adviser_pipeline: true, runtime_environments: {operating_systems: [{name: rhel, version: 9}], cuda_version: null, hardware: [{cpu_flags: [avx2]}]}}, run: {stack_info: [{type: INFO, message: rhel9}]}}
    - {name: Off, type: boot, should_include: {times: 0, adviser_pipeline: true}, run: {stack_info: [{type: INFO, message: off}]}}
    - {name: MonkeyOnly, type: boot, should_include: {dependency_monkey_pipeline: true}, run: {stack_info: [{type: INFO, message: monkey}]}}`;
    const messages = async (overrides: Partial<AdviseInput>) =>
      (await run(units, overrides)).stackInfo.filter((s) => s.unit?.startsWith('t.')).map((s) => s.message);
    expect(await messages({ recommendationType: 'latest', labels: { requester: 'ci' } })).toEqual([
      'labelled',
    ]);
    expect(
      await messages({
        runtimeEnvironment: {
          python_version: '3.11',
          operating_system: { name: 'rhel', version: '9' },
          hardware: { cpu_flags: ['avx2', 'sse4'] },
          cuda_version: null,
        },
      }),
    ).toEqual(['not-latest', 'rhel9']);
    expect(await messages({ runtimeEnvironment: { python_version: '3.11', cuda_version: '12.2' } })).toEqual([
      'not-latest',
    ]);
  });
});
