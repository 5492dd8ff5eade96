// One PEP 440 version specifier (`>=1.0`, `==2.*`, `~=1.4.2`, `===foo`): parsing exactly what
// packaging's Specifier accepts, its pre-release default, its version ranges and membership.
import {
  compareParsedVersions,
  isPythonWhitespace,
  parseVersion,
  parseVersionDetailed,
  stripPythonWhitespace,
  tryParseVersion,
  Version,
} from '../version/index.js';
import { InvalidSpecifierError } from './errors.js';
import {
  exact,
  FULL_RANGE,
  increment,
  lowerBound,
  MIN_VERSION,
  NEG_INF,
  POS_INF,
  rangesContain,
  upperBound,
  withParts,
} from './range.js';
import type { Interval } from './range.js';

export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

const TWO_CHAR_OPERATORS = new Set(['~=', '==', '!=', '<=', '>=']);

/** A single specifier. `version` is the text after the operator, as written (packaging keeps it raw). */
export class Specifier {
  readonly operator: SpecifierOperator;
  readonly version: string;
  /** True for `==V.*` and `!=V.*`. */
  readonly isWildcard: boolean;
  /** The parsed version (without `.*` for wildcards); for `===` only when the string happens to parse. */
  readonly parsedVersion: Version | undefined;
  private rangeCache: readonly Interval[] | undefined;

  /** @internal use parseSpecifier */
  constructor(
    operator: SpecifierOperator,
    version: string,
    isWildcard: boolean,
    parsed: Version | undefined,
  ) {
    this.operator = operator;
    this.version = version;
    this.isWildcard = isWildcard;
    this.parsedVersion = parsed;
  }

  toString(): string {
    return this.operator + this.version;
  }

  /**
   * Whether the specifier itself asks for pre-releases (packaging's `Specifier.prereleases` when not
   * set explicitly): never for `!=` or a wildcard, unknown (undefined) for an unparsable `===`
   * string, otherwise whether its version is a pre-release or dev release.
   */
  get prereleases(): boolean | undefined {
    if (this.operator === '!=') return false;
    if (this.operator === '==' && this.isWildcard) return false;
    return this.parsedVersion?.isPrerelease;
  }

  /**
   * The key two specifiers are equal by (packaging's `_canonical_spec`): the raw text for `===` and
   * wildcards, else the normalized version with trailing zeros stripped (kept for `~=`).
   */
  get canonicalKey(): string {
    if (this.operator === '===' || this.isWildcard) return `${this.operator}\u0000${this.version}`;
    const v = this.parsedVersion!;
    let text: string;
    if (this.operator === '~=') {
      text = v.toString();
    } else {
      let n = v.release.length;
      while (n > 1 && v.release[n - 1] === 0) n--;
      text = n === v.release.length ? v.toString() : trimmedString(v, n);
    }
    return `${this.operator}\u0000${text}`;
  }

  /** The versions this specifier admits, before any pre-release policy. `===` gives the full line. */
  ranges(): readonly Interval[] {
    this.rangeCache ??= this.operator === '===' ? FULL_RANGE : buildRanges(this);
    return this.rangeCache;
  }

  /**
   * packaging's `Specifier.contains(item, prereleases)`. With `prereleases` unset, a pre-release
   * matches (a single candidate has no alternatives, PEP 440); `false` refuses it. An unparsable
   * item never matches, except that `===` compares strings case-insensitively.
   */
  contains(item: string | Version, options: { prereleases?: boolean } = {}): boolean {
    const prereleases = options.prereleases ?? (this.prereleases === true ? true : undefined);
    if (this.operator === '===') {
      const text = typeof item === 'string' ? item : item.toString();
      if (text.toLowerCase() !== this.version.toLowerCase()) return false;
      if (prereleases !== false) return true;
      const parsed = typeof item === 'string' ? tryParseVersion(item) : item;
      return parsed === undefined || !parsed.isPrerelease;
    }
    const parsed = typeof item === 'string' ? tryParseVersion(item) : item;
    if (parsed === undefined) return false;
    if (prereleases === false && parsed.isPrerelease) return false;
    return rangesContain(this.ranges(), parsed);
  }
}

function trimmedString(v: Version, releaseLength: number): string {
  return withLocal(withParts(v, { release: v.release.slice(0, releaseLength) }).toString(), v);
}

function withLocal(text: string, v: Version): string {
  return v.local === undefined ? text : `${text}+${v.local.join('.')}`;
}

/** The intervals of one standard specifier (PEP 440 §Version specifiers, operator by operator). */
function buildRanges(spec: Specifier): Interval[] {
  const v = spec.parsedVersion!;
  const op = spec.operator;
  if (spec.isWildcard) {
    // ==1.2.* is [1.2.dev0, 1.3.dev0); !=1.2.* its complement.
    const low = exact(withParts(v, { pre: undefined, post: undefined, dev: 0 }));
    const high = exact(nextPrefixDev0(v, v.release.length));
    if (op === '==') return [[lowerBound(low, true), upperBound(high, false)]];
    return [
      [NEG_INF, upperBound(low, false)],
      [lowerBound(high, true), POS_INF],
    ];
  }
  switch (op) {
    case '>=':
      return [[lowerBound(exact(v), true), POS_INF]];
    case '<=':
      return [[NEG_INF, upperBound({ kind: 'after-locals', version: v }, true)]];
    case '>':
      // >V.devN: the next version is V.dev(N+1); >V.postN: V.post(N+1).dev0; otherwise skip V, its
      // locals and its post-releases.
      if (v.dev !== undefined)
        return [[lowerBound(exact(withParts(v, { dev: increment(v.dev) })), true), POS_INF]];
      if (v.post !== undefined) {
        return [[lowerBound(exact(withParts(v, { post: increment(v.post), dev: 0 })), true), POS_INF]];
      }
      return [[lowerBound({ kind: 'after-posts', version: v }, false), POS_INF]];
    case '<': {
      // <V excludes V's own pre-releases unless V is one: stop before V.dev0.
      const bound = v.isPrerelease ? v : withParts(v, { dev: 0 });
      if (compareParsedVersions(bound, MIN_VERSION) <= 0) return [];
      return [[NEG_INF, upperBound(exact(bound), false)]];
    }
    case '~=': {
      // ~=1.4.5 is >=1.4.5, ==1.4.*: the upper end is 1.5.dev0.
      return [
        [lowerBound(exact(v), true), upperBound(exact(nextPrefixDev0(v, v.release.length - 1)), false)],
      ];
    }
    case '==':
    case '!=': {
      // Without a local segment in the specifier, candidates' locals are ignored (PEP 440 §Version
      // matching): the range reaches up to after-locals(V).
      const hasLocal = spec.version.includes('+');
      const top = hasLocal ? exact(v) : { kind: 'after-locals' as const, version: v };
      if (op === '==') return [[lowerBound(exact(v), true), upperBound(top, true)]];
      return [
        [NEG_INF, upperBound(exact(v), false)],
        [lowerBound(top, false), POS_INF],
      ];
    }
    default:
      return [];
  }
}

/** The .dev0 of the release after the first `length` release numbers: (1.2, 2) -> 1.3.dev0. */
function nextPrefixDev0(v: Version, length: number): Version {
  const release = v.release.slice(0, length);
  release[length - 1] = increment(release[length - 1]!);
  return withParts(v, { release, pre: undefined, post: undefined, dev: 0 });
}

/** Parses one specifier; `offset` places error columns inside a larger input. */
export function parseSpecifierAt(text: string, input: string = text, offset = 0): Specifier {
  let start = 0;
  while (start < text.length && isPythonWhitespace(text.charCodeAt(start))) start++;
  const fail = (reason: string, at: number): never => {
    throw new InvalidSpecifierError(input, reason, offset + at + 1);
  };
  let operator: SpecifierOperator;
  if (text.startsWith('===', start)) operator = '===';
  else if (TWO_CHAR_OPERATORS.has(text.slice(start, start + 2)))
    operator = text.slice(start, start + 2) as SpecifierOperator;
  else if (text[start] === '<' || text[start] === '>') operator = text[start] as SpecifierOperator;
  else return fail('expected an operator (~=, ==, !=, <=, >=, <, >, ===)', start);

  let bodyStart = start + operator.length;
  while (bodyStart < text.length && isPythonWhitespace(text.charCodeAt(bodyStart))) bodyStart++;
  const body = stripPythonWhitespace(text.slice(bodyStart));

  if (operator === '===') {
    // Arbitrary equality: any string without whitespace, ';' (markers follow) or ')' (PEP 508 parens).
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 0x3b || c === 0x29 || isPythonWhitespace(c))
        fail(`'===' takes one string without whitespace, ';' or ')'`, bodyStart + i);
    }
    return new Specifier(operator, body, false, tryParseVersion(body));
  }
  if (body.length === 0) return fail(`expected a version after '${operator}'`, bodyStart);

  if (body.endsWith('.*')) {
    if (operator !== '==' && operator !== '!=')
      return fail(`a '.*' wildcard is only allowed with '==' and '!='`, bodyStart + body.length - 2);
    const prefix = body.slice(0, -2);
    const bad = checkWildcardPrefix(prefix);
    if (bad >= 0) return fail(`a '.*' wildcard must follow a plain release such as 1.2`, bodyStart + bad);
    return new Specifier(operator, body, true, parseVersion(prefix));
  }

  const parsed = parseVersionDetailed(body);
  if (!(parsed instanceof Version)) return fail(parsed.reason, bodyStart + parsed.index);
  if (parsed.local !== undefined && operator !== '==' && operator !== '!=') {
    return fail(`a local version is not allowed with '${operator}'`, bodyStart + body.indexOf('+'));
  }
  if (operator === '~=' && parsed.release.length < 2)
    return fail(`'~=' needs at least two release numbers`, bodyStart);
  return new Specifier(operator, body, false, parsed);
}

/** Index of the first character breaking `v?(N!)?N(.N)*`, or -1 when the prefix is one. */
function checkWildcardPrefix(s: string): number {
  let i = 0;
  if (i < s.length && (s.charCodeAt(i) | 0x20) === 0x76) i++;
  const digits = (): number => {
    const from = i;
    while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    return i - from;
  };
  if (digits() === 0) return i;
  if (s[i] === '!') {
    i++;
    if (digits() === 0) return i;
  }
  while (i < s.length) {
    if (s[i] !== '.') return i;
    i++;
    if (digits() === 0) return i;
  }
  // The digits must also be readable as numbers (Python's int() limit).
  return tryParseVersion(s) === undefined ? 0 : -1;
}
