// Differential test of lib/python/name against packaging.utils: canonicalize_name, validation and
// is_normalized_name on generated names, including invalid and non-ASCII ones.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { canonicalizeName, isNormalizedName, isValidName } from '../../../lib/python/name/index.js';
import { PackagingOracle } from '../../oracle/index.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

const NAME_UNITS = fc.constantFrom(
  'a',
  'Z',
  '0',
  '9',
  '-',
  '_',
  '.',
  '--',
  '._',
  ' ',
  'É',
  'ß',
  'İ',
  'Σ',
  'ǅ',
  '\u212a',
);

it('canonicalizeName, isValidName and isNormalizedName agree with packaging on 5,000 names', async () => {
  const names = fc.sample(fc.string({ unit: NAME_UNITS, maxLength: 12 }), { numRuns: 5000, seed: 503 });
  const answers = await oracle.values(
    'name.info',
    names.map((n) => [n] as [string]),
  );
  const mismatches = names.flatMap((name, i) => {
    const actual = {
      canonical: canonicalizeName(name),
      valid: isValidName(name),
      normalized: isNormalizedName(name),
    };
    return JSON.stringify(actual) === JSON.stringify(answers[i])
      ? []
      : [{ name, actual, expected: answers[i] }];
  });
  expect(mismatches).toEqual([]);
});
