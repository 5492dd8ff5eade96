// Real-world Requires-Dist lines (recorded by record-fixtures.ts from PyPI's JSON API and from installed
// distributions) parsed by lib/python/requirement and by packaging: same fields, same canonical string,
// and the same marker results for a few environments and extras.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultEnvironment } from '../../../lib/python/marker/index.js';
import { parseRequirement } from '../../../lib/python/requirement/index.js';
import { PackagingOracle } from '../../oracle/index.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

function fixture(name: string): string[] {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

const LINES = [...fixture('requires-dist-pypi.txt'), ...fixture('requires-dist-installed.txt')];

it.each([['requires-dist-pypi.txt'], ['requires-dist-installed.txt']])(
  '%s holds hundreds of lines',
  (name) => {
    expect(fixture(name).length).toBeGreaterThan(500);
  },
);

it(`parses all ${LINES.length} recorded Requires-Dist lines as packaging does`, async () => {
  const answers = await oracle.batch(
    'requirement.parse',
    LINES.map((l) => [l] as [string]),
  );
  const mismatches = LINES.flatMap((line, i) => {
    const answer = answers[i]!;
    let actual: unknown;
    try {
      const r = parseRequirement(line);
      actual = {
        name: r.name,
        extras: [...r.extras],
        specifier: r.specifier.toString(),
        url: r.url ?? null,
        marker: r.marker?.toString() ?? null,
        str: r.toString(),
      };
    } catch (error) {
      actual = `error: ${(error as Error).message}`;
    }
    const expected = answer.error === undefined ? answer.ok : `error: ${answer.error.type}`;
    const same =
      answer.error === undefined
        ? JSON.stringify(actual) === JSON.stringify(expected)
        : String(actual).startsWith('error');
    return same ? [] : [{ line, actual, expected }];
  });
  expect(mismatches).toEqual([]);
});

const ENVIRONMENTS: Array<Record<string, string>> = [
  { ...defaultEnvironment({ python: '3.12.4', platform: 'linux', machine: 'x86_64' }), extra: '' },
  { ...defaultEnvironment({ python: '3.9.18', platform: 'darwin', machine: 'arm64' }), extra: 'dev' },
  { ...defaultEnvironment({ python: '3.13.0rc1', platform: 'win32', machine: 'AMD64' }), extra: 'testing' },
  { ...defaultEnvironment({ python: '3.8.10', platform: 'linux', machine: 'aarch64' }), extra: 'torch' },
];

it.each(
  ENVIRONMENTS.map(
    (env) => [`${env.sys_platform} ${env.python_full_version} extra=${env.extra}`, env] as const,
  ),
)('evaluates every recorded marker as packaging does (%s)', async (_label, env) => {
  const markers = [...new Set(LINES.flatMap((l) => parseRequirement(l).marker?.toString() ?? []))];
  const answers = await oracle.batch(
    'marker.evaluate',
    markers.map((m) => [m, env, 'metadata'] as [string, typeof env, 'metadata']),
  );
  const mismatches = markers.flatMap((marker, i) => {
    const answer = answers[i]!;
    const expected = answer.error === undefined ? answer.ok : answer.error.type;
    let actual: boolean | string;
    try {
      actual = parseRequirement(`x; ${marker}`).marker!.evaluate(env);
    } catch (error) {
      actual = (error as Error).name.replace(/Error$/, '');
    }
    return actual === expected ? [] : [{ marker, actual, expected }];
  });
  expect(mismatches).toEqual([]);
});
