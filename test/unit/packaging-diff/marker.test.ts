// Differential test of lib/python/marker against packaging.markers: generated marker expressions (valid
// and mutated) must be accepted or refused alike, print to the same canonical string, and evaluate to
// the same result (or the same kind of error) in several environments and evaluation contexts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultEnvironment,
  parseMarker,
  UndefinedComparisonError,
  UndefinedEnvironmentNameError,
  type EvaluateContext,
  type MarkerEnvironment,
} from '../../../lib/python/marker/index.js';
import { PackagingOracle } from '../../oracle/index.js';
import { markerExpression, mutated } from './pep508-arbitraries.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

type Outcome = { ok: string } | { error: string };

function ours(text: string): Outcome {
  try {
    return { ok: parseMarker(text).toString() };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? (error as Error).message };
  }
}

const INPUTS = fc.sample(
  fc.oneof({ weight: 3, arbitrary: markerExpression }, { weight: 2, arbitrary: mutated(markerExpression) }),
  {
    numRuns: 6000,
    seed: 508,
  },
);

describe('parseMarker matches packaging.markers.Marker', () => {
  it('accepts and prints 6,000 generated markers alike', async () => {
    const answers = await oracle.batch(
      'marker.parse',
      INPUTS.map((m) => [m] as [string]),
    );
    expect(answers.filter((a) => a.error === undefined).length).toBeGreaterThan(1500);
    expect(answers.filter((a) => a.error !== undefined).length).toBeGreaterThan(1000);
    const mismatches = INPUTS.flatMap((text, i) => {
      const answer = answers[i]!;
      const actual = ours(text);
      // InvalidMarker is a parse error; a ValueError from str() means the value holds both quote kinds.
      const expected: Outcome =
        answer.error === undefined
          ? { ok: answer.ok }
          : { error: answer.error.type === 'InvalidMarker' ? 'invalid-marker' : 'unprintable' };
      const same =
        'ok' in expected
          ? 'ok' in actual && actual.ok === expected.ok
          : 'error' in actual &&
            (expected.error === 'invalid-marker'
              ? actual.error === 'invalid-marker'
              : actual.error !== 'invalid-marker');
      return same ? [] : [{ text, actual, expected, message: answer.error?.message }];
    });
    expect(mismatches).toEqual([]);
  });
});

const ENVIRONMENTS: Array<{
  label: string;
  env: Record<string, string | string[]>;
  context: EvaluateContext;
}> = [
  {
    label: 'linux cp3.11',
    env: defaultEnvironment({
      python: '3.11.4',
      platform: 'linux',
      machine: 'x86_64',
      release: '6.8.0-45-generic',
    }),
    context: 'metadata',
  },
  {
    label: 'darwin cp3.8 extra',
    env: {
      ...defaultEnvironment({ python: '3.8.10', platform: 'darwin', machine: 'arm64', release: '23.1.0' }),
      extra: 'Foo_Bar',
    },
    context: 'metadata',
  },
  {
    label: 'win32 cp3.12',
    env: defaultEnvironment({ python: '3.12.0', platform: 'win32', machine: 'AMD64', release: '10' }),
    context: 'requirement',
  },
  {
    label: 'pypy 3.10 extra test',
    env: {
      ...defaultEnvironment({
        python: '3.10.13',
        platform: 'linux',
        machine: 'aarch64',
        implementation: 'pypy',
        implementationVersion: '7.3.15',
      }),
      extra: 'test',
    },
    context: 'requirement',
  },
  {
    label: 'cp3.13.0rc1',
    env: defaultEnvironment({ python: '3.13.0rc1', platform: 'linux', machine: 'x86_64' }),
    context: 'metadata',
  },
  {
    label: 'untagged 3.11.4+',
    env: defaultEnvironment({ python: '3.11.4+', platform: 'linux', machine: 'x86_64' }),
    context: 'metadata',
  },
  {
    label: 'lock file with extras and groups',
    env: {
      ...defaultEnvironment({ python: '3.9.18', platform: 'linux', machine: 'x86_64' }),
      extras: ['Foo_Bar', 'test'],
      dependency_groups: ['dev'],
    },
    context: 'lock_file',
  },
  {
    label: 'lock file defaults',
    env: defaultEnvironment({ python: '3.12.3', platform: 'darwin', machine: 'x86_64' }),
    context: 'lock_file',
  },
];

function toEnvironment(env: Record<string, string | string[]>): MarkerEnvironment {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, Array.isArray(v) ? new Set(v) : v]));
}

function evaluateOurs(text: string, env: MarkerEnvironment, context: EvaluateContext): boolean | string {
  try {
    return parseMarker(text).evaluate(env, context);
  } catch (error) {
    if (error instanceof UndefinedComparisonError) return 'UndefinedComparison';
    if (error instanceof UndefinedEnvironmentNameError) return 'UndefinedEnvironmentName';
    throw error;
  }
}

describe('Marker.evaluate matches packaging in several environments', () => {
  it.each(ENVIRONMENTS)('$label ($context)', async ({ env, context }) => {
    const valid = INPUTS.filter((m) => 'ok' in ours(m));
    const answers = await oracle.batch(
      'marker.evaluate',
      valid.map((m) => [m, env, context] as [string, typeof env, EvaluateContext]),
    );
    const environment = toEnvironment(env);
    const mismatches = valid.flatMap((text, i) => {
      const answer = answers[i]!;
      const expected = answer.error === undefined ? answer.ok : answer.error.type;
      const actual = evaluateOurs(text, environment, context);
      return actual === expected ? [] : [{ text, actual, expected, message: answer.error?.message }];
    });
    expect(answers.filter((a) => a.ok === true).length).toBeGreaterThan(200);
    expect(answers.filter((a) => a.ok === false).length).toBeGreaterThan(200);
    expect(mismatches).toEqual([]);
  });
});
