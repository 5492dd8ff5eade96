// Decodes a quoted marker value as packaging does, with `ast.literal_eval`: the text between the quotes is
// a Python string literal, so backslash escapes are interpreted and a raw line break ends it too early.

/** The reason a quoted string is not a valid Python string literal. */
export class PythonStringError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Decode `literal`, a token including its quotes (`'…'` or `"…"`) that contains no unescaped quote of
 * its own kind. Throws PythonStringError where Python's parser raises.
 */
export function decodePythonStringLiteral(literal: string): string {
  const body = literal.slice(1, -1);
  // Python refuses NUL in source, and a raw CR or LF inside a one-line string (CR is read as LF).
  if (body.includes('\0')) throw new PythonStringError('source code cannot contain null bytes');
  // Python compiles the literal from UTF-8, which cannot hold a lone surrogate (escapes can make one).
  if (LONE_SURROGATE.test(body)) throw new PythonStringError('surrogates not allowed');
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === '\n' || c === '\r') {
      throw new PythonStringError('unterminated string literal');
    }
    if (c !== '\\') {
      out += c;
      i += 1;
      continue;
    }
    // A backslash as the last character escapes the closing quote: the literal never ends.
    if (i + 1 >= body.length) throw new PythonStringError('unterminated string literal');
    const e = body[i + 1] as string;
    if (e === '\n') {
      i += 2; // line continuation
      continue;
    }
    if (e === '\r') {
      i += body[i + 2] === '\n' ? 3 : 2; // CR LF and lone CR are newlines too
      continue;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      while (j < body.length && j < i + 4 && (body[j] as string) >= '0' && (body[j] as string) <= '7') j += 1;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, j), 8));
      i = j;
      continue;
    }
    const hexLength = HEX_LENGTH[e];
    if (hexLength !== undefined) {
      const digits = body.slice(i + 2, i + 2 + hexLength);
      if (digits.length !== hexLength || !HEX.test(digits)) {
        throw new PythonStringError(`truncated \\${e} escape`);
      }
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) throw new PythonStringError('illegal Unicode character');
      out += String.fromCodePoint(code);
      i += 2 + hexLength;
      continue;
    }
    if (e === 'N') {
      // Python resolves \N{NAME} from its Unicode name database, which we do not carry.
      throw new PythonStringError('\\N{...} escapes are not supported');
    }
    // Unknown escapes stay as written (Python only warns).
    out += '\\' + e;
    i += 2;
  }
  return out;
}
