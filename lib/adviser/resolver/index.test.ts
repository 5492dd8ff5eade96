// Table tests of the complete resolver over small in-memory scenarios.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../python/index.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../knowledge/index.js';
import type { ReleaseSpec } from '../knowledge/index.js';
import { renderProse, toDerivation } from '../report/index.js';
import type { AdviserEnvironment, PrereleasePolicy, RootRequirement } from '../types.js';
import { activeRequirements, createCatalog, resolve } from './index.js';

type Packages = Record<string, Record<string, ReleaseSpec>>;

const ENV: AdviserEnvironment = {
  pythonVersion: '3.11.4',
  markers: defaultEnvironment({ python: '3.11.4', platform: 'linux', machine: 'x86_64' }),
};

function req(text: string): RootRequirement {
  const m = /^([a-z0-9._-]+)(?:\[([^\]]+)\])?([^;]*)(?:;(.*))?$/i.exec(text.trim())!;
  return {
    name: m[1]!,
    extras: m[2] === undefined ? [] : m[2].split(','),
    specifier: (m[3] ?? '').trim(),
    marker: m[4]?.trim() ?? null,
  };
}

async function run(
  packages: Packages,
  requires: string[],
  options: { constraints?: string[]; prereleases?: PrereleasePolicy } = {},
) {
  const releases = Object.entries(packages).flatMap(([name, versions]) =>
    Object.entries(versions).map(([v, spec]) => fixtureRelease(name, v, spec)),
  );
  const knowledge = new InMemoryKnowledgeSource(releases);
  const requirements = activeRequirements(requires.map(req), ENV);
  const catalog = createCatalog(knowledge, ENV, requirements);
  return resolve(catalog, requirements, {
    constraints: (options.constraints ?? []).map(req),
    prereleases: options.prereleases,
  });
}

function pins(outcome: Awaited<ReturnType<typeof run>>): Record<string, string> | string {
  if (outcome.kind === 'unsatisfiable') return renderProse(outcome.failure, { pythonVersion: '3.11.4' });
  return Object.fromEntries(outcome.packages.map((p) => [p.name, p.version]));
}

describe('resolve', () => {
  it.each<[string, Packages, string[], Record<string, string>]>([
    ['single newest', { a: { '1.0': {}, '2.0': {} } }, ['a'], { a: '2.0' }],
    [
      'diamond',
      {
        a: { '1.0': { requires: ['c<2'] } },
        b: { '1.0': { requires: ['c>=1.5'] } },
        c: { '1.0': {}, '1.5': {}, '1.9': {}, '2.0': {} },
      },
      ['a', 'b'],
      { a: '1.0', b: '1.0', c: '1.9' },
    ],
    [
      'backtracking on a conflict',
      {
        a: { '1.0': { requires: ['b==1.0'] }, '2.0': { requires: ['b==2.0'] } },
        b: { '1.0': {}, '2.0': { requires: ['c==9'] } },
        c: { '1.0': {} },
      },
      ['a'],
      { a: '1.0', b: '1.0' },
    ],
    [
      'requires-python excludes newer releases',
      { a: { '1.0': {}, '2.0': { requiresPython: '>=3.12' } } },
      ['a'],
      { a: '1.0' },
    ],
    [
      'marker-gated dependency',
      {
        a: { '1.0': { requires: ['b; python_version < "3.8"', 'c; python_version >= "3.8"'] } },
        b: { '1.0': {} },
        c: { '1.0': {} },
      },
      ['a'],
      { a: '1.0', c: '1.0' },
    ],
    [
      'requested extra activates its dependencies',
      { a: { '1.0': { extras: { fast: ['b>=2'] } } }, b: { '1.0': {}, '2.0': {} } },
      ['a[fast]'],
      { a: '1.0', b: '2.0' },
    ],
    [
      'extra not requested stays inactive',
      { a: { '1.0': { extras: { fast: ['b>=2'] } } }, b: { '1.0': {}, '2.0': {} } },
      ['a'],
      { a: '1.0' },
    ],
    ['yanked release is skipped', { a: { '1.0': {}, '2.0': { yanked: true } } }, ['a'], { a: '1.0' }],
    [
      'yanked release pinned with ==',
      { a: { '1.0': {}, '2.0': { yanked: true } } },
      ['a==2.0'],
      { a: '2.0' },
    ],
    ['pre-release skipped', { a: { '1.0': {}, '2.0b1': {} } }, ['a'], { a: '1.0' }],
    ['pre-release requested', { a: { '1.0': {}, '2.0b1': {} } }, ['a>=2.0b1'], { a: '2.0b1' }],
    ['only pre-releases satisfy', { a: { '1.0': {}, '2.0b1': {} } }, ['a>1.0'], { a: '2.0b1' }],
    ['not installable is skipped', { a: { '1.0': {}, '2.0': { installable: false } } }, ['a'], { a: '1.0' }],
  ])('%s', async (_name, packages, requires, expected) => {
    expect(pins(await run(packages, requires))).toEqual(expected);
  });

  it('constraints restrict without adding', async () => {
    const packages: Packages = { a: { '1.0': {}, '2.0': {} }, z: { '1.0': {} } };
    expect(pins(await run(packages, ['a'], { constraints: ['a<2', 'z>5'] }))).toEqual({ a: '1.0' });
  });

  it('explains an unsatisfiable request', async () => {
    const outcome = await run(
      {
        a: { '1.0': { requires: ['b>=2'] }, '2.0': { requires: ['b>=3'] } },
        b: { '1.0': {}, '2.0': { requiresPython: '>=3.12' } },
      },
      ['a'],
    );
    expect(outcome.kind).toBe('unsatisfiable');
    if (outcome.kind !== 'unsatisfiable') return;
    expect(renderProse(outcome.failure, { pythonVersion: '3.11.4' })).toMatchInlineSnapshot(`
      "Because a has no other versions and a==1.0 depends on b>=2, we can conclude that a==1.0 depends on b>=2.
      And because b==2.0 cannot be used because it declares Requires-Python >=3.12 and the environment has Python 3.11.4 and a==2.0 depends on b>=3, we can conclude that a depends on b!=1.0,!=2.0.
      And because there is no version of b>=3 and the project depends on a, we can conclude that the project's requirements are unsatisfiable."
    `);
    expect(toDerivation(outcome.failure)).toMatchSnapshot();
  });
});
