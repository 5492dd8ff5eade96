// Differential test of lib/python/requires-python against packaging: common Requires-Python values
// against interpreter versions (finals, pre-releases, untagged builds) with prereleases allowed, as pip checks.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isPythonCompatible } from '../../../lib/python/requires-python/index.js';
import { PackagingOracle } from '../../oracle/index.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

const REQUIRES_PYTHON = [
  '',
  '>=3.8',
  '>=3.9',
  '>=3.10',
  '>=3.13',
  '>=3.8,<4',
  '>=3.7,<3.12',
  '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*',
  '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*',
  '~=3.9',
  '~=3.10.0',
  '==3.*',
  '>3.8',
  '<3.13',
  '>=3.13.0rc1',
  '>=3.9.0,<3.14.0',
  '>=3.6.1',
  '!=3.9.7',
  '===3.11.4',
];
const PYTHONS = [
  '2.7.18',
  '3.6.0',
  '3.7.17',
  '3.8.10',
  '3.9.7',
  '3.9.18',
  '3.10.0',
  '3.11.4',
  '3.12.4',
  '3.13.0a2',
  '3.13.0rc1',
  '3.13.0',
  '3.14.0b3',
  '3.11.4+local',
  '4.0.0',
];

it('isPythonCompatible agrees with packaging (prereleases=True) on every pair', async () => {
  const calls = REQUIRES_PYTHON.flatMap((r) =>
    PYTHONS.map((p) => [r, p, true, null] as [string, string, boolean, null]),
  );
  const expected = await oracle.values('specifier_set.contains', calls);
  const mismatches = calls.flatMap(([r, p], i) =>
    isPythonCompatible(r, p) === expected[i] ? [] : [{ requiresPython: r, python: p, expected: expected[i] }],
  );
  expect(mismatches).toEqual([]);
});
