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

// Pre-release spellings, tried in the order of packaging's alternation (alpha|a|beta|b|preview|pre|c|rc):
// the first that matches wins, so "alpha" is read before "a" and "preview" before "pre". Returns the
// spelling's length and sets `matchedLetter`, or 0.
let matchedLetter: PreReleaseLetter = 'a';
function matchPreSpelling(s: string, j: number): number {
  switch (s.charCodeAt(j) | 0x20) {
    case 0x61: // a
      matchedLetter = 'a';
      return matchWord(s, j, 'alpha') ? 5 : 1;
    case 0x62: // b
      matchedLetter = 'b';
      return matchWord(s, j, 'beta') ? 4 : 1;
    case 0x63: // c
      matchedLetter = 'rc';
      return 1;
    case 0x70: // p
      matchedLetter = 'rc';
      return matchWord(s, j, 'preview') ? 7 : matchWord(s, j, 'pre') ? 3 : 0;
    case 0x72: // r
      matchedLetter = 'rc';
      return matchWord(s, j, 'rc') ? 2 : 0;
    default:
      return 0;
  }
}

// Post-release spellings in packaging's order (post|rev|r); returns the length matched, or 0.
function matchPostSpelling(s: string, j: number): number {
  const c = s.charCodeAt(j) | 0x20;
  if (c === 0x70) return matchWord(s, j, 'post') ? 4 : 0;
  if (c === 0x72) return matchWord(s, j, 'rev') ? 3 : 1;
  return 0;
}

/** Index just past the run of ASCII digits starting at `i`. */
function skipDigits(s: string, i: number, end: number): number {
  while (i < end && isAsciiDigit(s.charCodeAt(i))) i++;
  return i;
}

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

  // Epoch and release.
  // Digit runs longer than MAX_DIGITS are noted here and refused once the syntax is known good.
  let longest = 0;
  let longestAt = 0;
  let from = i;
  i = skipDigits(s, i, end);
  if (i === from) return { reason: 'expected a release number', index: i };
  let epoch: VersionNumber = 0;
  if (i < end && s.charCodeAt(i) === 0x21 /* ! */) {
    epoch = digitsToNumber(s, from, i);
    if (i - from > longest) {
      longest = i - from;
      longestAt = from;
    }
    i++;
    from = i;
    i = skipDigits(s, i, end);
    if (i === from) return { reason: 'expected a release number after the epoch', index: i };
  }
  const release: VersionNumber[] = [digitsToNumber(s, from, i)];
  if (i - from > longest) {
    longest = i - from;
    longestAt = from;
  }
  while (i + 1 < end && s.charCodeAt(i) === 0x2e && isAsciiDigit(s.charCodeAt(i + 1))) {
    from = i + 1;
    i = skipDigits(s, from, end);
    release.push(digitsToNumber(s, from, i));
    if (i - from > longest) {
      longest = i - from;
      longestAt = from;
    }
  }

  // Pre-release: [._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? [0-9]*
  let pre: [PreReleaseLetter, VersionNumber] | undefined;
  {
    let j = i;
    if (j < end && isSeparator(s.charCodeAt(j))) j++;
    const length = j < end ? matchPreSpelling(s, j) : 0;
    if (length > 0 && j + length <= end) {
      const letter = matchedLetter;
      j += length;
      if (j < end && isSeparator(s.charCodeAt(j))) j++;
      from = j;
      i = skipDigits(s, j, end);
      pre = [letter, i > from ? digitsToNumber(s, from, i) : 0];
      if (i - from > longest) {
        longest = i - from;
        longestAt = from;
      }
    }
  }

  // Post-release: -N, or [._-]? (post|rev|r) [._-]? [0-9]*
  let post: VersionNumber | undefined;
  if (i + 1 < end && s.charCodeAt(i) === 0x2d && isAsciiDigit(s.charCodeAt(i + 1))) {
    from = i + 1;
    i = skipDigits(s, from, end);
    post = digitsToNumber(s, from, i);
    if (i - from > longest) {
      longest = i - from;
      longestAt = from;
    }
  } else {
    let j = i;
    if (j < end && isSeparator(s.charCodeAt(j))) j++;
    const length = j < end ? matchPostSpelling(s, j) : 0;
    if (length > 0 && j + length <= end) {
      j += length;
      if (j < end && isSeparator(s.charCodeAt(j))) j++;
      from = j;
      i = skipDigits(s, j, end);
      post = i > from ? digitsToNumber(s, from, i) : 0;
      if (i - from > longest) {
        longest = i - from;
        longestAt = from;
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
      from = j;
      i = skipDigits(s, j, end);
      dev = i > from ? digitsToNumber(s, from, i) : 0;
      if (i - from > longest) {
        longest = i - from;
        longestAt = from;
      }
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
      if (allDigits && i - from > longest) {
        longest = i - from;
        longestAt = from;
      }
      local.push(allDigits ? digitsToNumber(s, from, i) : s.slice(from, i).toLowerCase());
      if (i + 1 < end && isSeparator(s.charCodeAt(i)) && isAsciiAlphanumeric(s.charCodeAt(i + 1))) i++;
      else break;
    }
  }

  if (i < end) return { reason: `unexpected ${describeChar(s, i)}`, index: i };
  if (longest > MAX_DIGITS) return { reason: `a number longer than ${MAX_DIGITS} digits`, index: longestAt };
  return new Version({ epoch, release, pre, post, dev, local });
}

function describeChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  return cp < 0x20 || cp === 0x7f || isPythonWhitespace(cp)
    ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
    : JSON.stringify(ch);
}
