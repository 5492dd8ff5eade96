// Runs every packse scenario (converted into __fixtures__/packse/scenarios.json by convert.ts there)
// through the complete resolver for one environment (Python from the scenario, linux x86_64) and
// checks satisfiability and the expected pins. Known failures are listed, with reasons, in
// EXPECTED_FAILURES and in README.md; a scenario that starts passing must be removed from the list.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../python/index.js';
import { InMemoryKnowledgeSource, dependencyFromText } from './knowledge/index.js';
import { activeRequirements, createCatalog, resolve } from './resolver/index.js';
import type { AdviserEnvironment, AdviserRelease, RootRequirement } from './types.js';

interface PackseVersion {
  requires_python: string | null;
  requires: string[];
  extras: Record<string, string[]>;
  sdist: boolean;
  wheel: boolean;
  yanked: boolean;
  wheel_tags: string[];
}

interface Scenario {
  name: string;
  file: string;
  root: { requires: string[]; requires_python: string | null };
  python: string;
  resolver_options: { prereleases?: boolean; no_build?: string[]; no_binary?: string[]; universal?: boolean };
  expected: { satisfiable: boolean; packages: Record<string, string> };
  packages: Record<string, Record<string, PackseVersion>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, '__fixtures__/packse/scenarios.json'), 'utf8')) as {
  scenarios: Scenario[];
};

/** Scenarios this resolver does not pass yet, with the reason (mirrored in README.md). */
export const EXPECTED_FAILURES: Record<string, string> = {
  'conflict-in-fork':
    'universal (forking) scenario, unsatisfiable across environments; we resolve one environment (linux x86_64), where it is satisfiable',
  'fork-non-local-fork-marker-direct':
    'universal (forking) scenario, unsatisfiable across environments; satisfiable in the one environment we resolve',
  'fork-non-local-fork-marker-transitive':
    'universal (forking) scenario, unsatisfiable across environments; satisfiable in the one environment we resolve',
  'preferences-dependent-forking-conflicting':
    'universal (forking) scenario, unsatisfiable across environments; satisfiable in the one environment we resolve',
  'specific-architecture':
    'universal scenario whose only wheels are cp313: on the Python 3.12 linux environment we resolve, b is not installable',
  'python-less-than-current':
    "uv ignores the upper bound of a package's Requires-Python (<=3.8 on Python 3.9); we honour it as pip does",
};

/** A rough wheel-tag check for CPython 3.x on manylinux x86_64 (packse's wheel scenarios). */
function tagFits(tag: string, python: string): boolean {
  const [py = '', abi = '', platform = ''] = tag.split('-');
  const nodot = python.split('.').slice(0, 2).join('');
  const pyOk = py.split('.').some((p) => p === 'py3' || p === `py${nodot}` || p === `cp${nodot}`);
  const abiOk = abi.split('.').some((a) => a === 'none' || a === 'abi3' || a === `cp${nodot}`);
  const platformOk = platform
    .split('.')
    .some((p) => p === 'any' || (p.includes('linux') && p.endsWith('x86_64') && !p.startsWith('musllinux')));
  return pyOk && abiOk && platformOk;
}

function releasesOf(s: Scenario): AdviserRelease[] {
  const noBuild = new Set(s.resolver_options.no_build ?? []);
  const noBinary = new Set(s.resolver_options.no_binary ?? []);
  const out: AdviserRelease[] = [];
  for (const [name, versions] of Object.entries(s.packages)) {
    for (const [version, meta] of Object.entries(versions)) {
      const wheelOk =
        meta.wheel &&
        !noBinary.has(name) &&
        (meta.wheel_tags.length === 0 || meta.wheel_tags.some((t) => tagFits(t, s.python)));
      const sdistOk = meta.sdist && !noBuild.has(name);
      const dependencies = meta.requires.map((t) => dependencyFromText(t));
      for (const [extra, reqs] of Object.entries(meta.extras)) {
        for (const t of reqs) dependencies.push(dependencyFromText(t, extra));
      }
      out.push({
        name,
        version,
        indexUrl: 'https://pypi.org/simple',
        requiresPython: meta.requires_python,
        yanked: meta.yanked,
        isMissing: false,
        providesSourceDistro: meta.sdist,
        uploadTime: null,
        installable: wheelOk || sdistOk,
        reason: wheelOk || sdistOk ? null : 'no compatible wheel or buildable sdist',
        hashes: [],
        dependencies,
      });
    }
  }
  return out;
}

function rootRequirement(text: string): RootRequirement {
  const d = dependencyFromText(text);
  return { name: d.name, specifier: d.specifier, extras: d.extras, marker: d.marker };
}

async function outcomeOf(s: Scenario): Promise<{ satisfiable: boolean; packages: Record<string, string> }> {
  const full = s.python.split('.').length >= 3 ? s.python : `${s.python}.0`;
  const environment: AdviserEnvironment = {
    pythonVersion: full,
    markers: defaultEnvironment({ python: full, platform: 'linux', machine: 'x86_64' }),
  };
  const requirements = activeRequirements(s.root.requires.map(rootRequirement), environment);
  const catalog = createCatalog(new InMemoryKnowledgeSource(releasesOf(s)), environment, requirements);
  const outcome = await resolve(catalog, requirements, {
    prereleases: s.resolver_options.prereleases === true ? 'allow' : 'if-necessary-or-explicit',
  });
  if (outcome.kind === 'unsatisfiable') return { satisfiable: false, packages: {} };
  return {
    satisfiable: true,
    packages: Object.fromEntries(outcome.packages.map((p) => [p.name, p.version])),
  };
}

describe('packse scenarios', () => {
  it.each(fixture.scenarios.map((s) => [s.file, s] as const))('%s', async (_file, s) => {
    const actual = await outcomeOf(s);
    // packse lists no pins for some satisfiable scenarios: then only satisfiability is checked.
    const listed = Object.keys(s.expected.packages).length > 0;
    const expected = {
      satisfiable: s.expected.satisfiable,
      packages: s.expected.satisfiable && listed ? s.expected.packages : {},
    };
    if (!listed) actual.packages = {};
    if (s.name in EXPECTED_FAILURES) {
      expect(actual, `${s.name} now passes: remove it from EXPECTED_FAILURES`).not.toEqual(expected);
    } else {
      expect(actual).toEqual(expected);
    }
  });
});
