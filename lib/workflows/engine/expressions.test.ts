// The local engine's evaluation of `when`, `depends` and retry expressions, and of durations.
import { describe, expect, it } from 'vitest';
import { evaluate, parseDurationMs, substitute } from './expressions.js';

describe('evaluate', () => {
  it.each([
    ['0 == 0', true],
    ['1 == 0', false],
    ['heads == heads', true],
    ['"a b" == "a b"', true],
    ['3 > 2 && 1 < 2', true],
    ['!(1 == 1) || false', false],
    ['2 in [1, 2, 3]', true],
    ['flask-2.0.1 == flask-2.0.1', true],
    ['true == true', true],
  ])('when %s → %s', (source, expected) => {
    expect(evaluate(source, { bareWordsAreStrings: true })).toBe(expected);
  });

  it('reads variables, including index syntax for hyphenated names', () => {
    const variables = new Map<string, string | boolean>([
      ['tasks.graph-sync.Succeeded', true],
      ['lastRetry.exitCode', '75'],
    ]);
    expect(evaluate("tasks['graph-sync'].Succeeded && asInt(lastRetry.exitCode) == 75", { variables })).toBe(
      true,
    );
  });

  it('refuses unknown names outside `when`', () => {
    expect(() => evaluate('nope == 1')).toThrow(/unknown name "nope"/);
  });
});

describe('substitute', () => {
  it('replaces known tags and names an unknown one', () => {
    const scope = new Map([['inputs.parameters.x', 'flask']]);
    expect(substitute('pkg={{ inputs.parameters.x }}', scope, 't')).toBe('pkg=flask');
    expect(() => substitute('{{inputs.parameters.y}}', scope, 'tmpl')).toThrow(
      /unresolved variable \{\{inputs.parameters.y\}\} in tmpl/,
    );
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['15', 15_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });
});
