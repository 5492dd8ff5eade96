// Property-based differential tests: thousands of generated version and specifier strings (valid and
// damaged) go through our lib/python and through Python's packaging; every answer must agree.
// Samples are drawn with a fixed seed (override with THOTH_FC_SEED) and sent to the oracle in batches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpecifierSet, tryParseSpecifierSet } from '../../../lib/python/specifier/index.js';
import { compareVersions, tryParseVersion } from '../../../lib/python/version/index.js';
import { candidateVersion, specifierSetString, versionString } from './arbitraries.js';
import { policy, PRERELEASE_POLICIES, report, useOracle } from './oracle.js';

const oracle = useOracle();
const seed = Number(process.env.THOTH_FC_SEED ?? 440);

function sample<T>(arb: fc.Arbitrary<T>, numRuns: number, offset = 0): T[] {
  return fc.sample(arb, { numRuns, seed: seed + offset });
}

/** Versions near the ones a specifier names, where the edge cases live. */
function neighbours(specifiers: string): string[] {
  const out: string[] = [];
  for (const piece of specifiers.split(',')) {
    const m = /[0-9][0-9A-Za-z.!+_-]*/.exec(piece.replace(/\.\*\s*$/, ''));
    if (m === null) continue;
    const v = m[0];
    const base = v.split('+')[0]!;
    out.push(
      v,
      `${base}+loc.1`,
      `${base}.post1`,
      `${base}.dev0`,
      `${base}a1`,
      `${base}.0`,
      `${base}.1`,
      `${base}rc1.post2`,
    );
  }
  return out;
}

describe('versions against packaging', () => {
  it('parses and normalizes generated strings the same way', async () => {
    const inputs = sample(versionString, 6000);
    const expected = await oracle().values(
      'version.normalize',
      inputs.map((s) => [s]),
    );
    const mismatches = inputs.flatMap((s, i) => {
      const ours = tryParseVersion(s)?.toString() ?? null;
      return ours === expected[i] ? [] : [{ input: s, ours, packaging: expected[i] }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
    // The generator must produce both kinds, or the property proves little.
    expect(expected.filter((e) => e === null).length).toBeGreaterThan(300);
    expect(expected.filter((e) => e !== null).length).toBeGreaterThan(3000);
  });

  it('gives the same fields for valid versions', async () => {
    const inputs = sample(versionString, 3000, 1).filter((s) => tryParseVersion(s) !== undefined);
    const infos = await oracle().values(
      'version.info',
      inputs.map((s) => [s]),
    );
    const mismatches = inputs.flatMap((s, i) => {
      const v = tryParseVersion(s)!;
      const ours = {
        normalized: v.toString(),
        epoch: String(v.epoch),
        release: v.release.map(String),
        pre: v.pre === undefined ? null : [v.pre[0], String(v.pre[1])],
        post: v.post === undefined ? null : String(v.post),
        dev: v.dev === undefined ? null : String(v.dev),
        local: v.localString ?? null,
        public: v.public,
        base_version: v.baseVersion,
        is_prerelease: v.isPrerelease,
        is_postrelease: v.isPostrelease,
        is_devrelease: v.isDevrelease,
        major: String(v.major),
        minor: String(v.minor),
        micro: String(v.micro),
      };
      return JSON.stringify(ours) === JSON.stringify(infos[i])
        ? []
        : [{ input: s, ours, packaging: infos[i] }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
  });

  it('orders generated pairs the same way', async () => {
    const pairs = sample(fc.tuple(candidateVersion, candidateVersion), 5000, 2);
    // Also pairs that differ only slightly: the same string with one suffix added.
    for (const [a] of pairs.slice(0, 1500)) {
      for (const b of [`${a}.0`, `${a}+0`, `${a}.post0`, `${a}0`])
        if (tryParseVersion(b) !== undefined) pairs.push([a, b]);
    }
    const expected = await oracle().values('version.compare', pairs);
    const mismatches = pairs.flatMap(([a, b], i) => {
      const ours = compareVersions(a, b);
      return ours === expected[i] ? [] : [{ a, b, ours, packaging: expected[i] }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
  });
});

describe('specifier sets against packaging', () => {
  const sets = (): string[] => sample(specifierSetString, 2500, 3);

  it('accepts, prints and classifies the same sets', async () => {
    const inputs = sets();
    const calls: [string, boolean | null][] = inputs.flatMap((s) => [
      [s, null],
      [s, false],
      [s, true],
    ]);
    const answers = await oracle().batch('specifier_set.info', calls);
    const mismatches = calls.flatMap<unknown>(([s, explicit], i) => {
      const answer = answers[i]!;
      const ours = tryParseSpecifierSet(s, policy(explicit));
      if (answer.error !== undefined || ours === undefined) {
        return (answer.error !== undefined) === (ours === undefined)
          ? []
          : [{ input: s, ours: ours?.toString() ?? 'invalid', packaging: answer }];
      }
      const mine = {
        str: ours.toString(),
        prereleases: ours.prereleases ?? null,
        length: ours.length,
        is_unsatisfiable: ours.isEmpty(),
      };
      return JSON.stringify(mine) === JSON.stringify(answer.ok)
        ? []
        : [{ input: s, explicit, ours: mine, packaging: answer.ok }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
    const valid = answers.filter((a) => a.error === undefined).length;
    expect(valid).toBeGreaterThan(calls.length / 3);
    expect(answers.filter((a) => a.ok?.is_unsatisfiable === true).length).toBeGreaterThan(50);
  });

  it('agrees on contains for every pre-release policy', async () => {
    const valid = sets().filter((s) => tryParseSpecifierSet(s) !== undefined);
    const randoms = sample(candidateVersion, valid.length * 4, 4);
    const calls: [string, string, boolean | null, boolean | null][] = [];
    valid.forEach((s, i) => {
      const candidates = [...neighbours(s), ...randoms.slice(i * 4, i * 4 + 4), 'not-a-version'];
      for (const c of candidates) for (const p of PRERELEASE_POLICIES) calls.push([s, c, p, null]);
      // And with the set's own explicit policy.
      calls.push([s, candidates[0] ?? '1.0', null, false], [s, candidates[0] ?? '1.0', null, true]);
    });
    const expected = await oracle().batch('specifier_set.contains', calls);
    const mismatches = calls.flatMap<unknown>(([s, c, p, explicit], i) => {
      const answer = expected[i]!;
      if (answer.error !== undefined) return [{ s, c, p, explicit, packagingRaised: answer.error }];
      const ours = parseSpecifierSet(s, policy(explicit)).contains(c, policy(p));
      return ours === answer.ok ? [] : [{ s, c, p, explicit, ours, packaging: answer.ok }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
    expect(calls.length).toBeGreaterThan(20_000);
  });

  it('agrees on filter for every pre-release policy', async () => {
    const valid = sets().filter((s) => tryParseSpecifierSet(s) !== undefined);
    const randoms = sample(candidateVersion, valid.length * 3, 5);
    const calls: [string, string[], boolean | null, boolean | null][] = [];
    valid.forEach((s, i) => {
      const items = [...randoms.slice(i * 3, i * 3 + 3), ...neighbours(s), 'junk'];
      for (const p of PRERELEASE_POLICIES) calls.push([s, items, p, null]);
      calls.push([s, items, null, false], [s, items.filter((x) => !/(a|b|rc|dev)\d*$/i.test(x)), null, null]);
    });
    const expected = await oracle().values('specifier_set.filter', calls);
    const mismatches = calls.flatMap(([s, items, p, explicit], i) => {
      const ours = parseSpecifierSet(s, policy(explicit)).filter(items, policy(p));
      return JSON.stringify(ours) === JSON.stringify(expected[i])
        ? []
        : [{ s, items, p, explicit, ours, packaging: expected[i] }];
    });
    expect(mismatches, report(mismatches, 8)).toEqual([]);
  });

  it('agrees on the conjunction of two sets', async () => {
    const valid = sets().filter((s) => tryParseSpecifierSet(s) !== undefined);
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < valid.length; i += 2) pairs.push([valid[i]!, valid[i + 1]!]);
    const strs = await oracle().values('specifier_set.and', pairs);
    const empties = await oracle().values(
      'specifier_set.is_unsatisfiable',
      pairs.map(([a, b]) => [`${a},${b}`, null]),
    );
    const mismatches = pairs.flatMap(([a, b], i) => {
      const both = parseSpecifierSet(a).intersect(parseSpecifierSet(b));
      const ours = { str: both.toString(), empty: both.isEmpty() };
      const theirs = { str: strs[i], empty: empties[i] };
      return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [{ a, b, ours, packaging: theirs }];
    });
    expect(mismatches, report(mismatches)).toEqual([]);
  });
});
