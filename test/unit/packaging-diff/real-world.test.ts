// Real version strings recorded from PyPI (__fixtures__/pypi-simple-versions.json, made by
// test/oracle/record-pypi-versions.ts): parsing, normalization, ordering, requires-python membership
// and filtering of each project's releases must agree with Python's packaging.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpecifierSet, tryParseSpecifierSet } from '../../../lib/python/specifier/index.js';
import { sortVersions, tryParseVersion } from '../../../lib/python/version/index.js';
import { policy, PRERELEASE_POLICIES, report, useOracle } from './oracle.js';

interface Fixture {
  projects: Record<string, { versions: string[]; filename_versions: string[] }>;
  requires_python: string[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/pypi-simple-versions.json', import.meta.url), 'utf8'),
) as Fixture;
const projects = Object.entries(fixture.projects);
const allStrings = projects.flatMap(([, p]) => [...p.versions, ...p.filename_versions]);
const PYTHONS = [
  '2.7',
  '2.7.18',
  '3.0',
  '3.5',
  '3.6',
  '3.7',
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.12.1',
  '3.13',
  '3.13.0rc1',
  '3.14.0a1',
  '3.14',
  '4.0',
];

const oracle = useOracle();

describe('real-world PyPI versions', () => {
  it('has thousands of strings to check', () => {
    expect(allStrings.length).toBeGreaterThan(10_000);
    expect(projects.length).toBeGreaterThan(50);
  });

  it('parses and normalizes every recorded string as packaging does', async () => {
    const expected = await oracle().values(
      'version.normalize',
      allStrings.map((s) => [s]),
    );
    const mismatches = allStrings.flatMap((s, i) => {
      const ours = tryParseVersion(s)?.toString() ?? null;
      return ours === expected[i] ? [] : [{ input: s, ours, packaging: expected[i] }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
  });

  it('sorts each project’s releases as packaging does', async () => {
    const lists = projects.map(([, p]) => p.versions.filter((v) => tryParseVersion(v) !== undefined));
    const expected = await oracle().values(
      'version.sort',
      lists.map((l) => [l]),
    );
    lists.forEach((list, i) => expect(sortVersions(list)).toEqual(expected[i]));
  });

  it('reads every requires-python string and answers membership for many Pythons', async () => {
    const valid = fixture.requires_python.filter((s) => tryParseSpecifierSet(s) !== undefined);
    const info = await oracle().batch(
      'specifier_set.info',
      fixture.requires_python.map((s) => [s, null]),
    );
    expect(
      fixture.requires_python.filter((s, i) => (info[i]!.error === undefined) !== valid.includes(s)),
    ).toEqual([]);
    const calls = valid.flatMap((s) =>
      PYTHONS.flatMap((py) =>
        PRERELEASE_POLICIES.map((p) => [s, py, p, null] as [string, string, boolean | null, null]),
      ),
    );
    const expected = await oracle().values('specifier_set.contains', calls);
    const mismatches = calls.filter(
      ([s, py, p], i) => parseSpecifierSet(s).contains(py, policy(p)) !== expected[i],
    );
    expect(mismatches, report(mismatches)).toEqual([]);
  });

  it('filters each project’s releases by specifiers built from its own versions', async () => {
    const calls: [string, string[], boolean | null, null][] = [];
    for (const [, p] of projects) {
      const versions = p.versions;
      const pivot = versions[Math.floor(versions.length / 2)];
      const pivot2 = versions[Math.floor(versions.length / 3)];
      if (pivot === undefined || pivot2 === undefined || tryParseVersion(pivot) === undefined) continue;
      const release = tryParseVersion(pivot)!.release;
      const prefix = release.slice(0, Math.max(1, release.length - 1)).join('.');
      const specs = [
        `>=${pivot}`,
        `<${pivot}`,
        `>${pivot}`,
        `<=${pivot}`,
        `!=${pivot}`,
        `==${prefix}.*`,
        `!=${prefix}.*`,
        `>=${pivot2},<${pivot}`,
      ];
      if (release.length >= 2) specs.push(`~=${release.join('.')}`);
      for (const spec of specs) {
        if (tryParseSpecifierSet(spec) === undefined) continue;
        for (const pol of PRERELEASE_POLICIES) calls.push([spec, versions, pol, null]);
      }
    }
    const expected = await oracle().values('specifier_set.filter', calls);
    const mismatches = calls.flatMap(([s, items, p], i) => {
      const ours = parseSpecifierSet(s).filter(items, policy(p));
      return JSON.stringify(ours) === JSON.stringify(expected[i])
        ? []
        : [{ s, p, ours: ours.length, packaging: expected[i]!.length }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
    expect(calls.length).toBeGreaterThan(1000);
  });
});
