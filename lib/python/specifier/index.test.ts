import { describe, expect, it } from 'vitest';
import { FILTERS, MEMBERSHIP, MEMBERSHIP_WITH_POLICY, SATISFIABILITY } from './__fixtures__/vectors.js';
import { InvalidSpecifierError, parseSpecifier, parseSpecifierSet, tryParseSpecifierSet } from './index.js';

describe('parseSpecifier', () => {
  it.each([
    ['>=1.0', '>=', '1.0'],
    ['  ==  1.0.*  ', '==', '1.0.*'],
    ['~=1.4.5a4', '~=', '1.4.5a4'],
    ['!=V1.0+Local', '!=', 'V1.0+Local'],
    ['===anything-Goes', '===', 'anything-Goes'],
    ['===', '===', ''],
    ['<1!2.0', '<', '1!2.0'],
  ])('reads %j as %s %j (version kept as written)', (input, operator, version) => {
    const spec = parseSpecifier(input);
    expect([spec.operator, spec.version, spec.toString()]).toEqual([operator, version, operator + version]);
  });

  it.each([
    ['1.0', 'expected an operator', 1],
    ['=>1.0', 'expected an operator', 1],
    ['>=', "expected a version after '>='", 3],
    ['>=1.0.*', "a '.*' wildcard is only allowed with '==' and '!='", 6],
    ['==1.0a1.*', "a '.*' wildcard must follow a plain release", 6],
    ['>=1.0+local', "a local version is not allowed with '>='", 6],
    ['~=1', "'~=' needs at least two release numbers", 3],
    ['~=1.0+local', "a local version is not allowed with '~='", 6],
    ['==1.0 beta', 'unexpected character U+0020', 6],
    ['===a b', "'===' takes one string without whitespace", 5],
    ['===a;b', "'===' takes one string without whitespace", 5],
  ])('refuses %j: %s (column %i)', (input, reason, column) => {
    try {
      parseSpecifier(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSpecifierError);
      const e = error as InvalidSpecifierError;
      expect(e.code).toBe('invalid-specifier');
      expect(e.reason).toContain(reason);
      expect(e.column).toBe(column);
      expect(e.message).toContain(JSON.stringify(input));
    }
  });

  it('points at the failing specifier inside a set', () => {
    const error = (() => {
      try {
        parseSpecifierSet('>=1.0, <2.0, ~=3');
      } catch (e) {
        return e as InvalidSpecifierError;
      }
    })();
    expect(error?.column).toBe(16);
    expect(error?.pointer).toBe('>=1.0, <2.0, ~=3\n               ^');
  });
});

describe('SpecifierSet', () => {
  it.each(MEMBERSHIP)('%s in %j is %s', (version, specifiers, expected) => {
    expect(parseSpecifierSet(specifiers).contains(version)).toBe(expected);
  });

  it.each(MEMBERSHIP_WITH_POLICY)(
    '%s in %j with prereleases=%s is %s',
    (version, specifiers, prereleases, expected) => {
      expect(parseSpecifierSet(specifiers).contains(version, { prereleases })).toBe(expected);
    },
  );

  it.each(FILTERS)('filter(%j, %j, prereleases=%s)', (specifiers, items, prereleases, expected) => {
    expect(
      parseSpecifierSet(specifiers).filter(items, prereleases === undefined ? {} : { prereleases }),
    ).toEqual(expected);
  });

  it.each(SATISFIABILITY)('%j is empty: %s', (specifiers, expected) => {
    expect(parseSpecifierSet(specifiers).isEmpty()).toBe(expected);
  });

  it.each([
    ['>=1.0,!=1.5', '!=1.5,>=1.0'],
    ['<2, >=1.0 ,', '<2,>=1.0'],
    ['==1.0,==1.0.0', '==1.0'],
    ['~=1.0,~=1.0.0', '~=1.0,~=1.0.0'],
    ['===Foo,===foo', '===Foo,===foo'],
    ['', ''],
  ])('prints %j canonically as %j', (input, canonical) => {
    expect(parseSpecifierSet(input).toString()).toBe(canonical);
  });

  it.each([
    ['', undefined],
    ['>=1.0', undefined],
    ['>=1.0a1', true],
    ['!=1.0a1', undefined],
    ['==1.0.*', undefined],
    ['===1.0.dev1', true],
    ['===foo', undefined],
  ])('%j asks for pre-releases: %s', (input, expected) => {
    expect(parseSpecifierSet(input).prereleases).toBe(expected);
  });

  it('intersects sets into their conjunction and tells when it is empty', () => {
    const both = parseSpecifierSet('>=1.0').intersect(parseSpecifierSet('<2.0,!=1.5'));
    expect(both.toString()).toBe('!=1.5,<2.0,>=1.0');
    expect(both.isEmpty()).toBe(false);
    expect(parseSpecifierSet('>=2').intersect(parseSpecifierSet('<1')).isEmpty()).toBe(true);
    expect(() =>
      parseSpecifierSet('', { prereleases: true }).intersect(parseSpecifierSet('', { prereleases: false })),
    ).toThrow(RangeError);
  });

  it('exposes the ranges as sorted intervals', () => {
    const ranges = parseSpecifierSet('!=1.5,>=1.0,<2.0').ranges();
    expect(ranges).toHaveLength(2);
    expect(
      ranges.map(([lo, hi]) => [
        lo.point?.version.toString(),
        lo.point?.kind,
        hi.point?.version.toString(),
        hi.point?.kind,
      ]),
    ).toEqual([
      ['1.0', 'exact', '1.5', 'exact'],
      ['1.5', 'after-locals', '2.0.dev0', 'exact'],
    ]);
  });

  it('refuses an explicit pre-release policy that leaves only pre-releases', () => {
    expect(parseSpecifierSet('>=1.0a1,<1.0b1', { prereleases: false }).isEmpty()).toBe(true);
    expect(parseSpecifierSet('>=1.0a1,<1.0b1').isEmpty()).toBe(false);
  });

  it('tryParseSpecifierSet returns undefined for invalid input', () => {
    expect(tryParseSpecifierSet('>=1.0,lol')).toBeUndefined();
  });
});
