import { describe, expect, it } from 'vitest';
import { isPythonCompatible } from './index.js';

describe('isPythonCompatible', () => {
  it.each([
    ['>=3.8', '3.12.4', true],
    ['>=3.8', '3.7.17', false],
    ['>=3.8,<4', '3.13.0rc1', true], // the interpreter's own pre-release counts, as in pip
    ['>=3.13', '3.13.0rc1', false], // but 3.13.0rc1 is still below 3.13
    ['>=3.13.0rc1', '3.13.0rc2', true],
    ['', '2.7.18', true],
    ['~=3.9', '3.11.2', true],
    ['~=3.9.0', '3.10.0', false],
    ['==3.*', '3.12.0', true],
    ['!=3.0.*,!=3.1.*,>=2.7', '3.1.5', false],
    ['!=3.0.*,!=3.1.*,>=2.7', '2.7.18', true],
    ['>=3.8', '3.11.4+local', true],
  ])('%j admits %s: %s', (requiresPython, python, expected) => {
    expect(isPythonCompatible(requiresPython, python)).toBe(expected);
  });

  it('names the malformed input', () => {
    expect(() => isPythonCompatible('>=3.6.*', '3.12.0')).toThrow(/>=3\.6\.\*/);
  });
});
