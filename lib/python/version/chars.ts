// Character classes as Python's `re` and `str` see them, for parsers that must accept exactly what
// packaging accepts. JavaScript's \s differs from Python's (Python includes U+001C–U+001F and U+0085
// and excludes U+FEFF), so whitespace is checked by code point rather than with a regex.

/** True for the code points Python's `str.isspace()` and `re`'s Unicode `\s` accept. */
export function isPythonWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `str.strip()` with no argument: the string without leading and trailing whitespace. */
export function stripPythonWhitespace(s: string): string {
  let start = 0;
  let end = s.length;
  // Every Python whitespace code point is in the BMP, so UTF-16 units can be tested one by one.
  while (start < end && isPythonWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isPythonWhitespace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** True for an ASCII digit's UTF-16 code unit. */
export function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True for an ASCII letter or digit (the `[a-z0-9]` class under re.IGNORECASE | re.ASCII). */
export function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

/** True for a PEP 440 separator: `.`, `_` or `-`. */
export function isSeparator(code: number): boolean {
  return code === 0x2e || code === 0x5f || code === 0x2d;
}
