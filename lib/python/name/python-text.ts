// Character classes of Python's `re` module and `str` methods, which packaging's parsers rely on and which
// differ from JavaScript's: Python's `\s` includes U+001C–U+001F and U+0085 but not U+FEFF, its `\w` and
// `\b` are Unicode-aware, and `str.isidentifier()` follows XID_Start/XID_Continue.

/** Python's `\s` for str patterns (the characters for which `str.isspace()` is true). */
export const PY_SPACE_CLASS =
  '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/** Python's `\w` for str patterns: letters, numbers and the underscore. */
export const PY_WORD_CLASS = '[\\p{L}\\p{N}_]';

const WORD_CHAR = new RegExp(`^${PY_WORD_CLASS}$`, 'u');
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** True when the code point at `index` of `text` is a Python word character (`\w`). */
export function isPythonWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const cp = text.codePointAt(index);
  if (cp === undefined) return false;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/** The word character (if any) that ends just before `index`, honouring surrogate pairs. */
export function isPythonWordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return isPythonWordCharAt(text, start);
}

/** Python's `\b` at `index` of `text`: a word character on exactly one side. */
export function isPythonWordBoundary(text: string, index: number): boolean {
  return isPythonWordCharBefore(text, index) !== isPythonWordCharAt(text, index);
}

/** Python's `str.isidentifier()` (used by packaging.tags for interpreter tags). */
export function isPythonIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** Python's default string order (by code point; JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const diff = (left[i] as string).codePointAt(0)! - (right[i] as string).codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
