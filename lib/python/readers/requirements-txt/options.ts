// The option part of a requirements-file line, read as pip reads it: pip splits the line at the first
// space-separated token that starts with `-` (break_args_options), splits the rest with shlex (POSIX
// mode) and hands it to optparse with the options listed in req_file.py SUPPORTED_OPTIONS(+_REQ).
// We keep each token's offset so errors can point at the option that failed.

/** The options pip accepts in a requirements file (pip 26: req_file.py SUPPORTED_OPTIONS + _REQ). */
export type OptionId =
  | 'index-url'
  | 'extra-index-url'
  | 'no-index'
  | 'constraint'
  | 'requirement'
  | 'editable'
  | 'find-links'
  | 'no-binary'
  | 'only-binary'
  | 'prefer-binary'
  | 'require-hashes'
  | 'no-require-hashes'
  | 'pre'
  | 'all-releases'
  | 'only-final'
  | 'trusted-host'
  | 'use-feature'
  | 'hash'
  | 'config-settings';

interface OptionSpec {
  id: OptionId;
  names: readonly string[];
  takesValue: boolean;
}

// Spellings from pip/_internal/cli/cmdoptions.py; `--pypi-url` is an old alias of `--index-url`.
const OPTION_SPECS: readonly OptionSpec[] = [
  { id: 'index-url', names: ['-i', '--index-url', '--pypi-url'], takesValue: true },
  { id: 'extra-index-url', names: ['--extra-index-url'], takesValue: true },
  { id: 'no-index', names: ['--no-index'], takesValue: false },
  { id: 'constraint', names: ['-c', '--constraint'], takesValue: true },
  { id: 'requirement', names: ['-r', '--requirement'], takesValue: true },
  { id: 'editable', names: ['-e', '--editable'], takesValue: true },
  { id: 'find-links', names: ['-f', '--find-links'], takesValue: true },
  { id: 'no-binary', names: ['--no-binary'], takesValue: true },
  { id: 'only-binary', names: ['--only-binary'], takesValue: true },
  { id: 'prefer-binary', names: ['--prefer-binary'], takesValue: false },
  { id: 'require-hashes', names: ['--require-hashes'], takesValue: false },
  { id: 'no-require-hashes', names: ['--no-require-hashes'], takesValue: false },
  { id: 'pre', names: ['--pre'], takesValue: false },
  { id: 'all-releases', names: ['--all-releases'], takesValue: true },
  { id: 'only-final', names: ['--only-final'], takesValue: true },
  { id: 'trusted-host', names: ['--trusted-host'], takesValue: true },
  { id: 'use-feature', names: ['--use-feature'], takesValue: true },
  { id: 'hash', names: ['--hash'], takesValue: true },
  { id: 'config-settings', names: ['-C', '--config-settings'], takesValue: true },
];

const LONG_NAMES = new Map<string, OptionSpec>();
const SHORT_NAMES = new Map<string, OptionSpec>();
for (const spec of OPTION_SPECS) {
  for (const name of spec.names) (name.startsWith('--') ? LONG_NAMES : SHORT_NAMES).set(name, spec);
}

/** A token of the option string and the offset of its first character. */
export interface Token {
  value: string;
  offset: number;
}

/** One option occurrence: which option, its value, and offsets into the logical line. */
export interface ParsedOption {
  id: OptionId;
  /** The spelling used (`-r`, `--requirement`, or the abbreviation written). */
  spelling: string;
  /** The value, for options that take one. */
  value?: string;
  /** Offset of the option token in the logical line. */
  offset: number;
  /** Offset of the value (the token after the option, or just after `=`). */
  valueOffset?: number;
}

/** The result of splitting and parsing one line's options. */
export interface ParsedOptions {
  options: ParsedOption[];
  /** Tokens that are not options (optparse's leftover args; pip drops them silently). */
  leftovers: Token[];
}

/** A problem in the option part, with the offset of the offending token in the logical line. */
export class OptionSyntaxError extends Error {
  readonly offset: number;
  readonly length: number;
  constructor(message: string, offset: number, length: number) {
    super(message);
    this.offset = offset;
    this.length = length;
  }
}

/**
 * pip's break_args_options: split on single spaces; tokens before the first one starting with `-` are
 * the requirement (not shlex-split, since markers would be corrupted), the rest are options.
 */
export function breakArgsOptions(line: string): { args: string; options: string; optionsOffset: number } {
  const tokens = line.split(' ');
  const args: string[] = [];
  for (const token of tokens) {
    if (token.startsWith('-')) break;
    args.push(token);
  }
  const argsText = args.join(' ');
  const optionsOffset =
    args.length === tokens.length ? line.length : argsText.length + (args.length > 0 ? 1 : 0);
  return { args: argsText, options: tokens.slice(args.length).join(' '), optionsOffset };
}

const SHLEX_SPACE = new Set([' ', '\t', '\r', '\n']);

/**
 * Python's shlex.split in POSIX mode (as pip calls it): whitespace separates, `'…'` is literal, `"…"`
 * allows `\"` and `\\`, a backslash outside quotes escapes the next character. Offsets are relative
 * to `text`, shifted by `base`.
 */
export function shlexSplit(text: string, base = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && SHLEX_SPACE.has(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    while (i < text.length && !SHLEX_SPACE.has(text[i] ?? '')) {
      const ch = text[i] ?? '';
      if (ch === '\\') {
        if (i + 1 >= text.length) throw new OptionSyntaxError('no escaped character', base + i, 1);
        value += text[i + 1];
        i += 2;
      } else if (ch === "'" || ch === '"') {
        const close = findClosingQuote(text, i, ch);
        if (close < 0) throw new OptionSyntaxError('no closing quotation', base + i, text.length - i);
        const inner = text.slice(i + 1, close);
        value += ch === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner;
        i = close + 1;
      } else {
        value += ch;
        i++;
      }
    }
    tokens.push({ value, offset: base + start });
  }
  return tokens;
}

function findClosingQuote(text: string, open: number, quote: string): number {
  for (let j = open + 1; j < text.length; j++) {
    if (quote === '"' && text[j] === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) {
      j++;
      continue;
    }
    if (text[j] === quote) return j;
  }
  return -1;
}

// optparse's _match_abbrev: an exact long name, or the only long name starting with what was written.
function matchLong(written: string, offset: number): OptionSpec {
  const exact = LONG_NAMES.get(written);
  if (exact !== undefined) return exact;
  const candidates = [...LONG_NAMES.keys()].filter((name) => name.startsWith(written));
  if (candidates.length === 1) return LONG_NAMES.get(candidates[0] ?? '') as OptionSpec;
  if (candidates.length === 0)
    throw new OptionSyntaxError(`no such option: ${written}`, offset, written.length);
  throw new OptionSyntaxError(
    `ambiguous option: ${written} (${candidates.sort().join(', ')}?)`,
    offset,
    written.length,
  );
}

/** optparse over pip's requirements-file options. */
export function parseOptions(tokens: Token[]): ParsedOptions {
  const options: ParsedOption[] = [];
  const leftovers: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    i++;
    const arg = token.value;
    if (arg === '--') {
      leftovers.push(...tokens.slice(i));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const written = eq < 0 ? arg : arg.slice(0, eq);
      const spec = matchLong(written, token.offset);
      if (!spec.takesValue) {
        if (eq >= 0)
          throw new OptionSyntaxError(
            `${spec.names.at(-1)} option does not take a value`,
            token.offset,
            arg.length,
          );
        options.push({ id: spec.id, spelling: written, offset: token.offset });
        continue;
      }
      if (eq >= 0) {
        options.push({
          id: spec.id,
          spelling: written,
          value: arg.slice(eq + 1),
          offset: token.offset,
          valueOffset: token.offset + eq + 1,
        });
        continue;
      }
      const next = tokens[i];
      if (next === undefined)
        throw new OptionSyntaxError(`${written} option requires 1 argument`, token.offset, arg.length);
      i++;
      options.push({
        id: spec.id,
        spelling: written,
        value: next.value,
        offset: token.offset,
        valueOffset: next.offset,
      });
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Every short option pip accepts in a requirements file takes a value (`-r file`, `-rfile`).
      const written = arg.slice(0, 2);
      const spec = SHORT_NAMES.get(written);
      if (spec === undefined) throw new OptionSyntaxError(`no such option: ${written}`, token.offset, 2);
      if (arg.length > 2) {
        options.push({
          id: spec.id,
          spelling: written,
          value: arg.slice(2),
          offset: token.offset,
          valueOffset: token.offset + 2,
        });
        continue;
      }
      const next = tokens[i];
      if (next === undefined)
        throw new OptionSyntaxError(`${written} option requires 1 argument`, token.offset, 2);
      i++;
      options.push({
        id: spec.id,
        spelling: written,
        value: next.value,
        offset: token.offset,
        valueOffset: next.offset,
      });
      continue;
    }
    leftovers.push(token);
  }
  return { options, leftovers };
}
