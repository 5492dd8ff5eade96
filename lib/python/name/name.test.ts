import { describe, expect, it } from 'vitest';
import {
  canonicalizeName,
  InvalidNameError,
  isNormalizedName,
  isValidName,
  normalizeExtra,
} from './index.js';

describe('canonicalizeName (PEP 503)', () => {
  it.each([
    ['Django', 'django'],
    ['oslo.concurrency', 'oslo-concurrency'],
    ['Foo__Bar', 'foo-bar'],
    ['foo-_.-bar', 'foo-bar'],
    ['_not_legal', '-not-legal'], // packaging normalizes invalid names too
    ['ÜBER', 'über'],
  ])('%s → %s', (name, expected) => {
    expect(canonicalizeName(name)).toBe(expected);
  });

  it('validates on request and names the input', () => {
    expect(() => canonicalizeName('-bad-', { validate: true })).toThrow(InvalidNameError);
    expect(() => canonicalizeName('-bad-', { validate: true })).toThrow('name is invalid: "-bad-"');
  });
});

describe('isValidName / isNormalizedName', () => {
  it.each([
    ['requests', true, true],
    ['Requests', true, false],
    ['zope.interface', true, false],
    ['a', true, true],
    ['a-', false, false],
    ['-a', false, false],
    ['a--b', true, false],
    ['über', false, false],
    ['', false, false],
  ])('%j: valid %s, normalized %s', (name, valid, normalized) => {
    expect(isValidName(name)).toBe(valid);
    expect(isNormalizedName(name)).toBe(normalized);
  });
});

it('normalizes extras as names (PEP 685)', () => {
  expect(normalizeExtra('Dev_Tools')).toBe('dev-tools');
});
