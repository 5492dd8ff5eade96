import { describe, expect, it } from 'vitest';
import { describeRange, fixedVersions, isVersionAffected, matchAffected, compileAffected } from './index.js';
import type { OsvEvent, OsvRange } from './index.js';

const range = (...events: OsvEvent[]): OsvRange => ({ type: 'ECOSYSTEM', events });

describe('ECOSYSTEM ranges with PEP 440 ordering', () => {
  const fromStartToFix = range({ introduced: '0' }, { fixed: '2.11.3' });
  const inclusive = range({ introduced: '1.0' }, { last_affected: '1.4' });
  const twoSeries = range({ introduced: '1.0' }, { fixed: '1.2' }, { introduced: '2.0' }, { fixed: '2.3' });
  const unsorted = range({ fixed: '2.3' }, { introduced: '2.0' }, { fixed: '1.2' }, { introduced: '1.0' });
  const limited = range({ introduced: '0' }, { limit: '3.0' });
  const open = range({ introduced: '1.5' });
  const sameVersion = range({ fixed: '1.0' }, { introduced: '1.0' });

  it.each([
    ['introduced 0 is the start', fromStartToFix, '0.0.1', true],
    ['before the fix', fromStartToFix, '2.11.2', true],
    ['a pre-release of the fix is before it', fromStartToFix, '2.11.3rc1', true],
    ['the fix is exclusive', fromStartToFix, '2.11.3', false],
    ['after the fix', fromStartToFix, '3.0', false],
    ['post-release of the fix', fromStartToFix, '2.11.3.post1', false],
    ['before introduced', inclusive, '0.9', false],
    ['at introduced', inclusive, '1.0', true],
    ['last_affected is inclusive', inclusive, '1.4', true],
    ['1.4.0 equals 1.4', inclusive, '1.4.0', true],
    ['after last_affected', inclusive, '1.4.1', false],
    ['first series', twoSeries, '1.1', true],
    ['between series', twoSeries, '1.5', false],
    ['second series', twoSeries, '2.2.9', true],
    ['after both', twoSeries, '2.3', false],
    ['unsorted events: between', unsorted, '1.5', false],
    ['unsorted events: second series', unsorted, '2.1', true],
    ['below the limit', limited, '2.9', true],
    ['the limit is exclusive', limited, '3.0', false],
    ['no end: affected ever after', open, '99.0', true],
    ['no end: not before', open, '1.4', false],
    ['introduced and fixed at one version', sameVersion, '1.0', false],
    ['a version that is not PEP 440', fromStartToFix, 'not-a-version', false],
  ])('%s (%s)', (_label, r, version, expected) => {
    expect(isVersionAffected({ ranges: [r], versions: [] }, version)).toBe(expected);
  });

  it('flags a release inside a range that the explicit list leaves out (the original missed these)', () => {
    const entry = { ranges: [fromStartToFix], versions: ['2.0', '2.10', '2.11.0'] };
    const compiled = compileAffected(entry);
    expect(matchAffected(compiled, '2.10.1')).toBe('range');
    expect(matchAffected(compiled, '2.10')).toBe('versions');
    expect(matchAffected(compiled, '2.0.0')).toBe('versions'); // PEP 440: 2.0 == 2.0.0
    expect(matchAffected(compiled, '2.11.3')).toBeUndefined();
  });

  it('matches explicit lists without ranges, including legacy version strings by exact text', () => {
    const entry = { ranges: [], versions: ['1.0', '2004d', 'weird-1'] };
    expect(isVersionAffected(entry, '1.0')).toBe(true);
    expect(isVersionAffected(entry, 'weird-1')).toBe(true);
    expect(isVersionAffected(entry, '1.1')).toBe(false);
  });

  it('takes several ranges as a union', () => {
    const entry = { ranges: [inclusive, limited], versions: [] };
    expect(isVersionAffected(entry, '2.5')).toBe(true);
    expect(isVersionAffected(entry, '3.1')).toBe(false);
  });

  it('drops events whose version does not parse, keeping the rest of the range', () => {
    const entry = { ranges: [range({ introduced: '1.0' }, { fixed: 'abc123-not-pep440' })], versions: [] };
    expect(compileAffected(entry).ranges[0]!.dropped).toBe(1);
    expect(isVersionAffected(entry, '5.0')).toBe(true);
  });

  it('describes ranges and lists fix versions', () => {
    expect(describeRange(unsorted)).toBe('>=1.0, <1.2, >=2.0, <2.3');
    expect(describeRange(inclusive)).toBe('>=1.0, <=1.4');
    expect(describeRange(limited)).toBe('>=0, <3.0 (limit)');
    expect(fixedVersions([twoSeries, fromStartToFix])).toEqual(['1.2', '2.3', '2.11.3']);
  });
});
