// A hand-written, single-pass PEP 440 version parser that accepts exactly what packaging's
// VERSION_PATTERN accepts (with the possessive quantifiers packaging uses on Python >= 3.11.5) and
// builds the same parts. No regex, so no backtracking: each optional segment is tried once, greedily,
// and kept if it matches on its own, which is what an atomic `(...)?+` group does.
import { isAsciiAlphanumeric, isAsciiDigit, isPythonWhitespace, isSeparator } from './chars.js';
import { Version } from './version.js';
import type { LocalSegment, PreReleaseLetter, VersionNumber } from './version.js';

/** Why a string is not a version and where (0-based index into the original input). */
export interface VersionParseFailure {
  reason: string;
  index: number;
}

// Python's int() refuses strings of more than 4300 digits (sys.int_info.str_digits_check_threshold
// default), so packaging raises ValueError for such a segment; we refuse it as invalid.
const MAX_DIGITS = 4300;

/** Reads a run of ASCII digits as a VersionNumber: a number when safe, else a bigint. */
export function digitsToNumber(s: string, start: number, end: number): VersionNumber {
  if (end - start <= 15) {
    let n = 0;
    for (let i = start; i < end; i++) n = n * 10 + (s.charCodeAt(i) - 48);
    return n;
  }
  const big = BigInt(s.slice(start, end));
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

// Pre-release spellings in the order of packaging's alternation (alpha|a|beta|b|preview|pre|c|rc):
// the first that matches wins, so "alpha" is read before "a" and "preview" before "pre".
const PRE_SPELLINGS: readonly (readonly [string, PreReleaseLetter])[] = [
  ['alpha', 'a'],
  ['a', 'a'],
  ['beta', 'b'],
  ['b', 'b'],
  ['preview', 'rc'],
  ['pre', 'rc'],
  ['c', 'rc'],
  ['rc', 'rc'],
];
const POST_SPELLINGS: readonly string[] = ['post', 'rev', 'r'];

/** True when `word` (lowercase ASCII) occurs at `i` in `s`, ignoring ASCII case. */
function matchWord(s: string, i: number, word: string): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Parses `input` as packaging's `Version(input)` does. Returns the Version, or the reason and index
 * where it stopped.
 */
export function parseVersionParts(input: string): Version | VersionParseFailure {
  const s = input;
  let start = 0;
  let end = s.length;
  // `\s*` on both sides of the pattern; the pattern itself contains no whitespace.
  while (start < end && isPythonWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isPythonWhitespace(s.charCodeAt(end - 1))) end--;
  let i = start;
  if (i === end) return { reason: 'expected a version, found nothing', index: i };

  // Optional leading "v" (PEP 440 §Preceding v character).
  if ((s.charCodeAt(i) | 0x20) === 0x76) i++;

  const readDigits = (): number => {
    const from = i;
    while (i < end && isAsciiDigit(s.charCodeAt(i))) i++;
    return i - from;
  };
  let tooLong = -1;
  const number = (from: number, to: number): VersionNumber => {
    if (to - from > MAX_DIGITS && tooLong < 0) tooLong = from;
    return digitsToNumber(s, from, to);
  };

  // Epoch and release.
  let from = i;
  if (readDigits() === 0) return { reason: 'expected a release number', index: i };
  let epoch: VersionNumber = 0;
  if (i < end && s.charCodeAt(i) === 0x21 /* ! */) {
    epoch = number(from, i);
    i++;
    from = i;
    if (readDigits() === 0) return { reason: 'expected a release number after the epoch', index: i };
  }
  const release: VersionNumber[] = [number(from, i)];
  while (i + 1 < end && s.charCodeAt(i) === 0x2e && isAsciiDigit(s.charCodeAt(i + 1))) {
    i++;
    from = i;
    readDigits();
    release.push(number(from, i));
  }

  // Pre-release: [._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? [0-9]*
  let pre: [PreReleaseLetter, VersionNumber] | undefined;
  {
    let j = i;
    if (j < end && isSeparator(s.charCodeAt(j))) j++;
    for (const [word, letter] of PRE_SPELLINGS) {
      if (matchWord(s, j, word)) {
        j += word.length;
        if (j < end && isSeparator(s.charCodeAt(j))) j++;
        i = j;
        from = i;
        pre = [letter, readDigits() > 0 ? number(from, i) : 0];
        break;
      }
    }
  }

  // Post-release: -N, or [._-]? (post|rev|r) [._-]? [0-9]*
  let post: VersionNumber | undefined;
  if (i + 1 < end && s.charCodeAt(i) === 0x2d && isAsciiDigit(s.charCodeAt(i + 1))) {
    i++;
    from = i;
    readDigits();
    post = number(from, i);
  } else {
    let j = i;
    if (j < end && isSeparator(s.charCodeAt(j))) j++;
    for (const word of POST_SPELLINGS) {
      if (matchWord(s, j, word)) {
        j += word.length;
        if (j < end && isSeparator(s.charCodeAt(j))) j++;
        i = j;
        from = i;
        post = readDigits() > 0 ? number(from, i) : 0;
        break;
      }
    }
  }

  // Development release: [._-]? dev [._-]? [0-9]*
  let dev: VersionNumber | undefined;
  {
    let j = i;
    if (j < end && isSeparator(s.charCodeAt(j))) j++;
    if (matchWord(s, j, 'dev')) {
      j += 3;
      if (j < end && isSeparator(s.charCodeAt(j))) j++;
      i = j;
      from = i;
      dev = readDigits() > 0 ? number(from, i) : 0;
    }
  }

  // Local version: + [a-z0-9]+ ([._-][a-z0-9]+)*
  let local: LocalSegment[] | undefined;
  if (i + 1 < end && s.charCodeAt(i) === 0x2b && isAsciiAlphanumeric(s.charCodeAt(i + 1))) {
    i++;
    local = [];
    for (;;) {
      from = i;
      let allDigits = true;
      while (i < end) {
        const c = s.charCodeAt(i);
        if (!isAsciiAlphanumeric(c)) break;
        if (!isAsciiDigit(c)) allDigits = false;
        i++;
      }
      local.push(allDigits ? number(from, i) : s.slice(from, i).toLowerCase());
      if (i + 1 < end && isSeparator(s.charCodeAt(i)) && isAsciiAlphanumeric(s.charCodeAt(i + 1))) i++;
      else break;
    }
  }

  if (i < end) return { reason: `unexpected ${describeChar(s, i)}`, index: i };
  if (tooLong >= 0) return { reason: `a number longer than ${MAX_DIGITS} digits`, index: tooLong };
  return new Version({ epoch, release, pre, post, dev, local });
}

function describeChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  return cp < 0x20 || cp === 0x7f || isPythonWhitespace(cp)
    ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
    : JSON.stringify(ch);
}
