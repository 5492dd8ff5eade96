// Differential test of lib/python/filename against packaging.utils.parse_wheel_filename and
// parse_sdist_filename: real-looking and mangled file names, compared field by field or as errors.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSdistFilename, parseWheelFilename } from '../../../lib/python/filename/index.js';
import { tagToString } from '../../../lib/python/tags/index.js';
import { PackagingOracle } from '../../oracle/index.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

const NAMES = ['foo', 'Foo_Bar', 'foo.bar', 'foo__bar', 'zope.interface', 'über', '_x', '', 'a b', 'nump-y'];
const VERSIONS = ['1.0', '1.0.post1', '2!1.0rc1', '1.0+local.7', 'v1.0', '1.0-1', 'bogus', '', '1.0_dev'];
const BUILDS = ['', '1', '1abc', 'abc', '00', '123456789012'];
const TAGS = [
  'py3-none-any',
  'py2.py3-none-any',
  'py3.py2-none-any',
  'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp39-abi3-macosx_11_0_arm64',
  'py3--any',
  '3py-none-any',
  'py3-none',
  'CP312-CP312-WIN_AMD64',
];

const WHEEL = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.constantFrom(...VERSIONS),
    fc.constantFrom(...BUILDS),
    fc.constantFrom(...TAGS),
  )
  .map(([name, version, build, tags]) => `${name}-${version}${build === '' ? '' : `-${build}`}-${tags}.whl`);
const MANGLED = fc
  .tuple(WHEEL, fc.nat(40), fc.constantFrom('-', '.', '', 'x', '.whl'))
  .map(([f, at, s]) => f.slice(0, at) + s + f.slice(at));

it('parseWheelFilename agrees with packaging on 3,000 file names', async () => {
  const files = fc.sample(fc.tuple(fc.oneof(WHEEL, MANGLED), fc.boolean()), { numRuns: 3000, seed: 427 });
  const answers = await oracle.batch('utils.parse_wheel_filename', files);
  // Both outcomes must be well represented for the comparison to mean something.
  expect(answers.filter((a) => a.error === undefined).length).toBeGreaterThan(300);
  expect(answers.filter((a) => a.error !== undefined).length).toBeGreaterThan(300);
  const mismatches = files.flatMap(([file, validateOrder], i) => {
    let actual: unknown;
    try {
      const w = parseWheelFilename(file, { validateOrder });
      actual = {
        name: w.name,
        version: w.version.toString(),
        build: w.build === undefined ? null : [String(w.build.number), w.build.suffix],
        tags: w.tags.map(tagToString).sort(),
      };
    } catch {
      actual = 'error';
    }
    const answer = answers[i]!;
    const expected =
      answer.error === undefined ? { ...answer.ok, tags: [...answer.ok.tags].sort() } : 'error';
    return JSON.stringify(actual) === JSON.stringify(expected)
      ? []
      : [{ file, validateOrder, actual, expected }];
  });
  expect(mismatches).toEqual([]);
});

it('parseSdistFilename agrees with packaging on 2,000 file names', async () => {
  const SDIST = fc
    .tuple(
      fc.constantFrom(...NAMES, 'foo-bar', '-'),
      fc.constantFrom(...VERSIONS),
      fc.constantFrom('.tar.gz', '.zip', '.tar.bz2', '.tgz', ''),
    )
    .map(([n, v, ext]) => `${n}-${v}${ext}`);
  const files = fc.sample(fc.oneof(SDIST, fc.constantFrom('foo.tar.gz', '-1.0.zip', 'foo-.zip')), {
    numRuns: 2000,
    seed: 625,
  });
  const answers = await oracle.batch(
    'utils.parse_sdist_filename',
    files.map((f) => [f] as [string]),
  );
  const mismatches = files.flatMap((file, i) => {
    let actual: unknown;
    try {
      const s = parseSdistFilename(file);
      actual = { name: s.name, version: s.version.toString() };
    } catch {
      actual = 'error';
    }
    const answer = answers[i]!;
    const expected = answer.error === undefined ? answer.ok : 'error';
    return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ file, actual, expected }];
  });
  expect(mismatches).toEqual([]);
});
