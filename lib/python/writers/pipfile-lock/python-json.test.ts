// Python's json.dumps reproduced: expected strings were printed by CPython 3.11's json module.
import { describe, expect, it } from 'vitest';
import { dumpCompact, dumpIndented, pythonFloatRepr, pythonJsonString } from './python-json.js';

describe('pythonFloatRepr', () => {
  it.each([
    [1.0, '1.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1e-7, '1e-07'],
    [-0.0, '-0.0'],
    [3.14, '3.14'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [100.0, '100.0'],
    [12345.678, '12345.678'],
    [-2.5, '-2.5'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
  ])('%d → %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });
});

describe('pythonJsonString (ensure_ascii)', () => {
  it.each([
    ['plain', '"plain"'],
    ['quote " and backslash \\', '"quote \\" and backslash \\\\"'],
    ['é\u007f\u0001😀', '"\\u00e9\\u007f\\u0001\\ud83d\\ude00"'],
    ['tab\tnew\nline\r\b\f', '"tab\\tnew\\nline\\r\\b\\f"'],
    ['~ is the last ASCII kept', '"~ is the last ASCII kept"'],
  ])('%j', (value, text) => {
    expect(pythonJsonString(value)).toBe(text);
  });
});

describe('dumps', () => {
  const value = { b: 'é\u007f\u0001😀', a: [1n, true, null, {}], c: [] };

  it('compact, keys sorted', () => {
    expect(dumpCompact(value)).toBe(
      '{"a":[1,true,null,{}],"b":"\\u00e9\\u007f\\u0001\\ud83d\\ude00","c":[]}',
    );
  });

  it('indented as json.dumps(indent=4, separators=(",", ": "), sort_keys=True)', () => {
    expect(dumpIndented(value)).toBe(
      '{\n    "a": [\n        1,\n        true,\n        null,\n        {}\n    ],\n    "b": "\\u00e9\\u007f\\u0001\\ud83d\\ude00",\n    "c": []\n}',
    );
  });

  it('sorts keys by code point, as Python does, not by UTF-16 unit', () => {
    // U+FB01 sorts before U+1F600 by code point, after it by UTF-16 unit (0xD83D < 0xFB01).
    expect(dumpCompact({ '😀': 1n, ﬁ: 2n })).toBe('{"\\ufb01":2,"\\ud83d\\ude00":1}');
  });
});
