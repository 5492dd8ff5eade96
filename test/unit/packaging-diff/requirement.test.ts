// Differential test of lib/python/requirement against packaging.requirements.Requirement: generated
// requirement strings (valid and mutated) must be accepted or refused alike, and accepted ones must
// agree on name, extras, specifier, URL, marker and the canonical string.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseRequirement } from '../../../lib/python/requirement/index.js';
import { PackagingOracle } from '../../oracle/index.js';
import { mutated, requirementString } from './pep508-arbitraries.js';

let oracle: PackagingOracle;
beforeAll(async () => {
  oracle = await PackagingOracle.start();
});
afterAll(async () => {
  await oracle.close();
});

/** Our view in the oracle's shape, or the error code. */
function describeRequirement(text: string): unknown {
  try {
    const r = parseRequirement(text);
    return {
      name: r.name,
      extras: [...r.extras],
      specifier: r.specifier.toString(),
      url: r.url ?? null,
      marker: r.marker === undefined ? null : r.marker.toString(),
      str: r.toString(),
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    // packaging raises InvalidRequirement for parse errors and ValueError when str() cannot quote a value.
    return code === 'invalid-requirement' ? 'InvalidRequirement' : 'ValueError';
  }
}

it('parseRequirement agrees with packaging on 8,000 generated requirement strings', async () => {
  const inputs = fc.sample(
    fc.oneof(
      { weight: 3, arbitrary: requirementString },
      { weight: 2, arbitrary: mutated(requirementString) },
    ),
    {
      numRuns: 8000,
      seed: 440,
    },
  );
  const answers = await oracle.batch(
    'requirement.parse',
    inputs.map((r) => [r] as [string]),
  );
  expect(answers.filter((a) => a.error === undefined).length).toBeGreaterThan(2000);
  expect(answers.filter((a) => a.error !== undefined).length).toBeGreaterThan(1500);
  const mismatches = inputs.flatMap((text, i) => {
    const answer = answers[i]!;
    const expected =
      answer.error === undefined
        ? answer.ok
        : answer.error.type === 'InvalidRequirement'
          ? 'InvalidRequirement'
          : 'ValueError';
    const actual = describeRequirement(text);
    return JSON.stringify(actual) === JSON.stringify(expected)
      ? []
      : [{ text, actual, expected, message: answer.error?.message }];
  });
  expect(mismatches).toEqual([]);
});
