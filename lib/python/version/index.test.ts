import { describe, expect, it } from 'vitest';
import { ThothError } from '../../errors/index.js';
import {
  ASCENDING_VERSIONS,
  EQUAL_VERSIONS,
  FIELDS,
  INVALID_VERSIONS,
  NORMALIZATIONS,
} from './__fixtures__/vectors.js';
import {
  compareVersions,
  equalityKey,
  InvalidVersionError,
  parseVersion,
  sortVersions,
  tryParseVersion,
  Version,
  versionFromParts,
} from './index.js';

describe('parseVersion', () => {
  it.each(NORMALIZATIONS)('normalizes %j to %j', (input, normalized) => {
    expect(parseVersion(input).toString()).toBe(normalized);
  });

  it.each(INVALID_VERSIONS.map((s) => [s]))('refuses %j', (input) => {
    expect(tryParseVersion(input)).toBeUndefined();
    expect(() => parseVersion(input)).toThrow(InvalidVersionError);
  });

  it.each(FIELDS)('reads the fields of $input', (f) => {
    const v = parseVersion(f.input);
    expect(v.epoch).toBe(f.epoch);
    expect(v.release).toEqual(f.release);
    expect(v.pre).toEqual(f.pre);
    expect(v.post).toBe(f.post);
    expect(v.dev).toBe(f.dev);
    expect(v.localString).toBe(f.local);
    expect(v.public).toBe(f.publicVersion);
    expect(v.baseVersion).toBe(f.baseVersion);
    expect([v.isPrerelease, v.isPostrelease, v.isDevrelease]).toEqual([
      f.isPrerelease,
      f.isPostrelease,
      f.isDevrelease,
    ]);
  });

  it('keeps numbers beyond 2^53 exact as bigints and small ones as numbers', () => {
    const v = parseVersion('9007199254740993.01+12345678901234567890');
    expect(v.release).toEqual([9007199254740993n, 1]);
    expect(v.local).toEqual([12345678901234567890n]);
    expect(v.toString()).toBe('9007199254740993.1+12345678901234567890');
    expect(compareVersions('9007199254740993', '9007199254740992')).toBe(1);
    expect(parseVersion('0009007199254740991').release).toEqual([9007199254740991]);
  });

  it('refuses numbers longer than Python converts (4300 digits)', () => {
    expect(tryParseVersion('1'.repeat(4300))).toBeInstanceOf(Version);
    expect(tryParseVersion('1'.repeat(4301))).toBeUndefined();
  });

  it('explains the failure, quoting the input and pointing at the column', () => {
    const error = (() => {
      try {
        parseVersion('1.0.post1x');
      } catch (e) {
        return e;
      }
    })() as InvalidVersionError;
    expect(error).toBeInstanceOf(ThothError);
    expect(error.code).toBe('invalid-version');
    expect(error.column).toBe(10);
    expect(error.message).toBe('invalid version "1.0.post1x": unexpected "x" at column 10');
    expect(error.context).toEqual({ version: '1.0.post1x', column: 10 });
  });

  it.each([
    ['', 'expected a version, found nothing'],
    ['v', 'expected a release number'],
    ['1!', 'expected a release number after the epoch'],
    ['1.0 beta', 'unexpected character U+0020'],
  ])('says why %j is not a version', (input, reason) => {
    expect(() => parseVersion(input)).toThrow(reason);
  });

  it('returns the same object for a repeated string (memoized)', () => {
    expect(parseVersion('3.1.4')).toBe(parseVersion('3.1.4'));
  });
});

describe('ordering', () => {
  const pairs = ASCENDING_VERSIONS.slice(1).map((v, i) => [ASCENDING_VERSIONS[i]!, v] as const);

  it.each(pairs)('%s < %s', (lower, higher) => {
    expect(compareVersions(lower, higher)).toBe(-1);
    expect(compareVersions(higher, lower)).toBe(1);
  });

  it.each(EQUAL_VERSIONS)('%s == %s', (a, b) => {
    expect(compareVersions(a, b)).toBe(0);
    expect(parseVersion(a).equals(parseVersion(b))).toBe(true);
  });

  it('sorts a shuffled list back into order, keeping strings and Version objects', () => {
    const shuffled = [...ASCENDING_VERSIONS].reverse();
    expect(sortVersions(shuffled)).toEqual(ASCENDING_VERSIONS);
    const objects = shuffled.map((s) => parseVersion(s));
    expect(sortVersions(objects).map(String)).toEqual(
      ASCENDING_VERSIONS.map((s) => parseVersion(s).toString()),
    );
  });

  it('accepts Version objects and strings alike', () => {
    expect(compareVersions(parseVersion('1.0'), '1.0.0')).toBe(0);
  });
});

describe('Version accessors', () => {
  it.each([
    ['1', 1, 0, 0],
    ['1.2', 1, 2, 0],
    ['1.2.3.4', 1, 2, 3],
  ])('%s has major/minor/micro %i.%i.%i', (input, major, minor, micro) => {
    const v = parseVersion(input);
    expect([v.major, v.minor, v.micro]).toEqual([major, minor, micro]);
  });

  it('builds versions from parts', () => {
    const v = versionFromParts({
      epoch: 1,
      release: [2, 0],
      pre: ['rc', 1],
      post: 2,
      dev: 3,
      local: ['ubuntu', 4],
    });
    expect(v.toString()).toBe('1!2.0rc1.post2.dev3+ubuntu.4');
    expect(JSON.stringify({ v })).toBe('{"v":"1!2.0rc1.post2.dev3+ubuntu.4"}');
  });
});

describe('equalityKey', () => {
  it('is the same string exactly when two versions compare equal', () => {
    const versions = [
      ...[
        '1.2',
        '1.2.0',
        '1.2.0.0',
        '1.20',
        '1!1.2',
        '1.2rc1',
        '1.2.0rc1',
        '1.2.post0',
        '1.2+local',
        '0',
        '0.0',
      ],
      ...EQUAL_VERSIONS.flat(),
      ...ASCENDING_VERSIONS,
    ];
    for (const a of versions)
      for (const b of versions) {
        const [va, vb] = [parseVersion(a), parseVersion(b)];
        expect(equalityKey(va) === equalityKey(vb), `${a} vs ${b}`).toBe(va.compare(vb) === 0);
      }
    expect(equalityKey(parseVersion('1.2.0'))).toBe('1.2');
  });
});
