// Our hand-written PEP 440 tables (lib/python/*/__fixtures__/vectors.ts) checked against Python's
// packaging: every expectation in them must be packaging's answer too, and ours.
import { describe, expect, it } from 'vitest';
import {
  FILTERS,
  MEMBERSHIP,
  MEMBERSHIP_WITH_POLICY,
  SATISFIABILITY,
} from '../../../lib/python/specifier/__fixtures__/vectors.js';
import { parseSpecifierSet } from '../../../lib/python/specifier/index.js';
import {
  ASCENDING_VERSIONS,
  EQUAL_VERSIONS,
  FIELDS,
  INVALID_VERSIONS,
  NORMALIZATIONS,
} from '../../../lib/python/version/__fixtures__/vectors.js';
import { compareVersions, tryParseVersion } from '../../../lib/python/version/index.js';
import { policy, report, useOracle } from './oracle.js';

const oracle = useOracle();

describe('version tables', () => {
  it('normalizations are packaging’s', async () => {
    const answers = await oracle().values(
      'version.normalize',
      NORMALIZATIONS.map(([input]) => [input]),
    );
    expect(answers).toEqual(NORMALIZATIONS.map(([, normalized]) => normalized));
    expect(NORMALIZATIONS.map(([input]) => tryParseVersion(input)?.toString())).toEqual(answers);
  });

  it('invalid versions are refused by packaging and by us', async () => {
    const answers = await oracle().values(
      'version.normalize',
      INVALID_VERSIONS.map((s) => [s]),
    );
    expect(answers).toEqual(INVALID_VERSIONS.map(() => null));
    expect(INVALID_VERSIONS.filter((s) => tryParseVersion(s) !== undefined)).toEqual([]);
  });

  it('every ordered pair of the ascending list compares the same way', async () => {
    const pairs: [string, string][] = [];
    for (const a of ASCENDING_VERSIONS) for (const b of ASCENDING_VERSIONS) pairs.push([a, b]);
    const expected = pairs.map(([a, b]) =>
      Math.sign(ASCENDING_VERSIONS.indexOf(a) - ASCENDING_VERSIONS.indexOf(b)),
    );
    const answers = await oracle().values('version.compare', pairs);
    const theirs = pairs.filter((_, i) => answers[i] !== expected[i]);
    expect(theirs, 'packaging disagrees with the table').toEqual([]);
    const ours = pairs.filter(([a, b], i) => compareVersions(a, b) !== expected[i]);
    expect(ours).toEqual([]);
    expect(pairs.length).toBeGreaterThan(6000);
  });

  it('equal spellings compare equal', async () => {
    const answers = await oracle().values(
      'version.compare',
      EQUAL_VERSIONS.map(([a, b]) => [a, b]),
    );
    expect(answers).toEqual(EQUAL_VERSIONS.map(() => 0));
    expect(EQUAL_VERSIONS.map(([a, b]) => compareVersions(a, b))).toEqual(answers);
  });

  it('field accessors match packaging', async () => {
    const infos = await oracle().values(
      'version.info',
      FIELDS.map((f) => [f.input]),
    );
    const fromTable = FIELDS.map((f) => ({
      epoch: String(f.epoch),
      release: f.release.map(String),
      pre: f.pre === undefined ? null : [f.pre[0], String(f.pre[1])],
      post: f.post === undefined ? null : String(f.post),
      dev: f.dev === undefined ? null : String(f.dev),
      local: f.local ?? null,
      public: f.publicVersion,
      base_version: f.baseVersion,
      is_prerelease: f.isPrerelease,
      is_postrelease: f.isPostrelease,
      is_devrelease: f.isDevrelease,
    }));
    const theirs = infos.map((i) => ({
      epoch: i.epoch,
      release: i.release,
      pre: i.pre,
      post: i.post,
      dev: i.dev,
      local: i.local,
      public: i.public,
      base_version: i.base_version,
      is_prerelease: i.is_prerelease,
      is_postrelease: i.is_postrelease,
      is_devrelease: i.is_devrelease,
    }));
    expect(theirs).toEqual(fromTable);
  });
});

describe('specifier tables', () => {
  it('membership with the default policy is packaging’s', async () => {
    const answers = await oracle().values(
      'specifier_set.contains',
      MEMBERSHIP.map(([v, s]) => [s, v, null, null]),
    );
    const mismatches = MEMBERSHIP.filter(([, , expected], i) => answers[i] !== expected);
    expect(mismatches, report(mismatches)).toEqual([]);
    const ours = MEMBERSHIP.filter(([v, s, expected]) => parseSpecifierSet(s).contains(v) !== expected);
    expect(ours, report(ours)).toEqual([]);
  });

  it('membership with an explicit policy is packaging’s', async () => {
    const answers = await oracle().values(
      'specifier_set.contains',
      MEMBERSHIP_WITH_POLICY.map(([v, s, p]) => [s, v, p, null]),
    );
    expect(answers).toEqual(MEMBERSHIP_WITH_POLICY.map(([, , , expected]) => expected));
    expect(MEMBERSHIP_WITH_POLICY.map(([v, s, p]) => parseSpecifierSet(s).contains(v, policy(p)))).toEqual(
      answers,
    );
  });

  it('single specifiers answer contains as packaging’s Specifier does', async () => {
    const single = MEMBERSHIP.filter(([, s]) => s.trim() !== '' && !s.includes(','));
    const calls = single.flatMap(([v, s]) =>
      [null, true, false].map((p) => [s, v, p] as [string, string, boolean | null]),
    );
    const answers = await oracle().values('specifier.contains', calls);
    const { parseSpecifier } = await import('../../../lib/python/specifier/index.js');
    const mismatches = calls.filter(
      ([s, v, p], i) => parseSpecifier(s).contains(v, policy(p)) !== answers[i],
    );
    expect(mismatches, report(mismatches)).toEqual([]);
  });

  it('filters are packaging’s', async () => {
    const answers = await oracle().values(
      'specifier_set.filter',
      FILTERS.map(([s, items, p]) => [s, items, p ?? null, null]),
    );
    expect(answers).toEqual(FILTERS.map(([, , , expected]) => expected));
    expect(FILTERS.map(([s, items, p]) => parseSpecifierSet(s).filter(items, policy(p ?? null)))).toEqual(
      answers,
    );
  });

  it('satisfiability is packaging’s, with and without an explicit policy', async () => {
    const answers = await oracle().values(
      'specifier_set.is_unsatisfiable',
      SATISFIABILITY.map(([s]) => [s, null]),
    );
    expect(answers).toEqual(SATISFIABILITY.map(([, expected]) => expected));
    expect(SATISFIABILITY.map(([s]) => parseSpecifierSet(s).isEmpty())).toEqual(answers);
    const withFalse = await oracle().values(
      'specifier_set.is_unsatisfiable',
      SATISFIABILITY.map(([s]) => [s, false]),
    );
    expect(SATISFIABILITY.map(([s]) => parseSpecifierSet(s, { prereleases: false }).isEmpty())).toEqual(
      withFalse,
    );
    // Pre-release-only ranges are empty when pre-releases are refused.
    expect(withFalse.filter(Boolean).length).toBeGreaterThan(answers.filter(Boolean).length);
  });
});
