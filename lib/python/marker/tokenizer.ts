// The context-sensitive tokenizer of PEP 508 dependency specifiers and markers, shaped after
// packaging's `_tokenizer` so that what is accepted, and where an error points, match packaging exactly.
// The rules are packaging's regular expressions rewritten for JavaScript: Python's Unicode `\b`, `\w`
// and `\s` are spelled out, and the specifier rule keeps Python's case folding (IGNORECASE outside the
// `(?a:…)` groups lets `ſ` match `s` and `ı`/`İ` match `i`; inside them only ASCII folds).
import { PY_SPACE_CLASS, PY_WORD_CLASS } from '../name/index.js';

/** One token: the rule that matched, its text and its start offset in the source. */
export interface Token {
  name: RuleName;
  text: string;
  position: number;
}

/** A syntax error at a span of the source, before it is wrapped in a marker or requirement error. */
export class Pep508SyntaxError extends Error {
  readonly source: string;
  readonly span: readonly [number, number];
  constructor(message: string, source: string, span: readonly [number, number]) {
    super(message);
    this.name = 'Pep508SyntaxError';
    this.source = source;
    this.span = span;
  }
}

const W = PY_WORD_CLASS;
const NOT_AFTER_WORD = `(?<!${W})`;
const NOT_BEFORE_WORD = `(?!${W})`;
// Python's `\b` after a token whose last character may or may not be a word character.
const PY_BOUNDARY = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;
const S = PY_SPACE_CLASS;

// Letters spelled as classes. `u` = Python IGNORECASE with Unicode folding, `a` = inside `(?a:…)`.
const UNICODE_FOLDS: Record<string, string> = { i: 'iI\u0130\u0131', k: 'kK\u212a', s: 'sS\u017f' };
function letters(word: string, unicode: boolean): string {
  return [...word]
    .map((c) => {
      const folds = unicode ? UNICODE_FOLDS[c] : undefined;
      return `[${folds ?? c + c.toUpperCase()}]`;
    })
    .join('');
}
function alt(words: readonly string[], unicode: boolean): string {
  return `(?:${words.map((w) => letters(w, unicode)).join('|')})`;
}
const PRE_WORDS = ['alpha', 'beta', 'preview', 'pre', 'a', 'b', 'c', 'rc'];
const POST_WORDS = ['post', 'rev', 'r'];

function preRelease(unicode: boolean): string {
  return `(?:[-_.]?${alt(PRE_WORDS, unicode)}[-_.]?[0-9]*)?`;
}
function postRelease(unicode: boolean): string {
  return `(?:(?:-[0-9]+)|(?:[-_.]?${alt(POST_WORDS, unicode)}[-_.]?[0-9]*))?`;
}
function devRelease(unicode: boolean): string {
  return `(?:[-_.]?${letters('dev', unicode)}[-_.]?[0-9]*)?`;
}
const V = letters('v', true);

/** packaging's `Specifier._specifier_regex_str`, with its flags applied by hand. */
export const SPECIFIER_PATTERN =
  '(?:' +
  // `===` takes anything but whitespace, `;` and `)`.
  `(?:===${S}*(?:(?!${S})[^;)])*)` +
  // `==` and `!=` allow a `.*` suffix or pre/post/dev and a local label.
  `|(?:(?:==|!=)${S}*${V}?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*` +
  `(?:\\.\\*|${preRelease(false)}${postRelease(false)}${devRelease(false)}(?:\\+[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*)?)?)` +
  // `~=` needs two release segments; its groups are not ASCII-only in packaging.
  `|(?:~=${S}*${V}?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${preRelease(true)}${postRelease(true)}${devRelease(true)})` +
  // The ordering operators allow neither `.*` nor a local label.
  `|(?:(?:<=|>=|<|>)${S}*${V}?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*${preRelease(false)}${postRelease(false)}${devRelease(false)})` +
  ')';

const VARIABLE_NAMES = [
  'python_version',
  'python_full_version',
  'os[._]name',
  'sys[._]platform',
  'platform_(?:release|system)',
  'platform[._](?:version|machine|python_implementation)',
  'python_implementation',
  'implementation_(?:name|version)',
  'extras?',
  'dependency_groups',
];

const RULE_SOURCES = {
  LEFT_PARENTHESIS: '\\(',
  RIGHT_PARENTHESIS: '\\)',
  LEFT_BRACKET: '\\[',
  RIGHT_BRACKET: '\\]',
  SEMICOLON: ';',
  COMMA: ',',
  QUOTED_STRING: `(?:'[^']*'|"[^"]*")`,
  OP: '(?:===|==|~=|!=|<=|>=|<|>)',
  BOOLOP: `${NOT_AFTER_WORD}(?:or|and)${NOT_BEFORE_WORD}`,
  IN: `${NOT_AFTER_WORD}in${NOT_BEFORE_WORD}`,
  NOT: `${NOT_AFTER_WORD}not${NOT_BEFORE_WORD}`,
  VARIABLE: `${NOT_AFTER_WORD}(?:${VARIABLE_NAMES.join('|')})${NOT_BEFORE_WORD}`,
  SPECIFIER: SPECIFIER_PATTERN,
  AT: '@',
  URL: '[^ \\t]+',
  IDENTIFIER: `${NOT_AFTER_WORD}[a-zA-Z0-9][a-zA-Z0-9._-]*${PY_BOUNDARY}`,
  VERSION_PREFIX_TRAIL: '\\.\\*',
  VERSION_LOCAL_LABEL_TRAIL: '\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*',
  WS: '[ \\t]+',
  END: '$',
} as const;

export type RuleName = keyof typeof RULE_SOURCES;

const RULES: Record<RuleName, RegExp> = Object.fromEntries(
  Object.entries(RULE_SOURCES).map(([name, source]) => [name, new RegExp(source, 'uy')]),
) as Record<RuleName, RegExp>;

/** Reads tokens on demand: the parser asks whether a given rule matches at the current position. */
export class Tokenizer {
  readonly source: string;
  position = 0;
  private nextToken: Token | undefined;

  constructor(source: string) {
    this.source = source;
  }

  /** Skip the token `name` if it is next. */
  consume(name: RuleName): void {
    if (this.check(name)) this.read();
  }

  /** Whether `name` matches next; unless `peek`, the match must then be read. */
  check(name: RuleName, peek = false): boolean {
    if (this.nextToken !== undefined)
      throw new Error(`tokenizer: ${this.nextToken.name} was checked but not read`);
    const rule = RULES[name];
    rule.lastIndex = this.position;
    const match = rule.exec(this.source);
    if (match === null) return false;
    if (!peek) this.nextToken = { name, text: match[0], position: this.position };
    return true;
  }

  /** Read the token `name` or fail with "Expected <expected>". */
  expect(name: RuleName, expected: string): Token {
    if (!this.check(name)) this.raiseSyntaxError(`Expected ${expected}`);
    return this.read();
  }

  /** Consume the token found by the last `check`. */
  read(): Token {
    const token = this.nextToken;
    if (token === undefined) throw new Error('tokenizer: read() without a successful check()');
    this.position += token.text.length;
    this.nextToken = undefined;
    return token;
  }

  raiseSyntaxError(message: string, spanStart?: number, spanEnd?: number): never {
    throw new Pep508SyntaxError(message, this.source, [spanStart ?? this.position, spanEnd ?? this.position]);
  }

  /**
   * Parse `body` optionally enclosed in `open`/`close` tokens (brackets around extras, parentheses around
   * a specifier or a marker group); a missing closer is reported from the opener.
   */
  enclosing<T>(open: RuleName, close: RuleName, around: string, body: () => T): T {
    let openPosition: number | undefined;
    if (this.check(open)) {
      openPosition = this.position;
      this.read();
    }
    const result = body();
    if (openPosition === undefined) return result;
    if (!this.check(close)) {
      this.raiseSyntaxError(`Expected matching ${close} for ${open}, after ${around}`, openPosition);
    }
    this.read();
    return result;
  }
}
