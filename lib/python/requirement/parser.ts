// Recursive-descent parser of PEP 508 dependency specifiers, following packaging's `_parser` grammar:
//   requirement         = WS? IDENTIFIER WS? extras WS? requirement_details END
//   extras              = ('[' WS? extras_list? WS? ']')?
//   extras_list         = IDENTIFIER (WS? ',' WS? IDENTIFIER)*
//   requirement_details = '@' WS? URL (WS requirement_marker?)?
//                       | specifier WS? requirement_marker?
//   specifier           = '(' WS? version_many WS? ')' | WS? version_many WS?
//   version_many        = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?
//   requirement_marker  = ';' marker WS?
import { parseMarkerTokens, type MarkerList, type Tokenizer } from '../marker/index.js';

/** The syntactic parts of a requirement, before the specifier is interpreted. */
export interface ParsedRequirement {
  name: string;
  url: string;
  extras: string[];
  /** The specifiers as written, joined by commas without the whitespace between them. */
  specifier: string;
  /** Offsets of the specifier text in the source, for errors. */
  specifierSpan: [number, number];
  marker: MarkerList | undefined;
}

export function parseRequirementTokens(tokenizer: Tokenizer): ParsedRequirement {
  tokenizer.consume('WS');
  const name = tokenizer.expect('IDENTIFIER', 'package name at the start of dependency specifier').text;
  tokenizer.consume('WS');
  const extras = parseExtras(tokenizer);
  tokenizer.consume('WS');
  const details = parseDetails(tokenizer);
  tokenizer.expect('END', 'end of dependency specifier');
  return { name, extras, ...details };
}

function parseDetails(tokenizer: Tokenizer): Omit<ParsedRequirement, 'name' | 'extras'> {
  const result: Omit<ParsedRequirement, 'name' | 'extras'> = {
    url: '',
    specifier: '',
    specifierSpan: [tokenizer.position, tokenizer.position],
    marker: undefined,
  };
  if (tokenizer.check('AT')) {
    tokenizer.read();
    tokenizer.consume('WS');
    const urlStart = tokenizer.position;
    result.url = tokenizer.expect('URL', 'URL after @').text;
    if (tokenizer.check('END', true)) return result;
    tokenizer.expect('WS', 'whitespace after URL');
    // The input may end after the whitespace.
    if (tokenizer.check('END', true)) return result;
    result.marker = parseRequirementMarker(tokenizer, urlStart, 'semicolon (after URL and whitespace)');
    return result;
  }
  const specifierStart = tokenizer.position;
  result.specifier = parseSpecifier(tokenizer);
  result.specifierSpan = [specifierStart, tokenizer.position];
  tokenizer.consume('WS');
  if (tokenizer.check('END', true)) return result;
  result.marker = parseRequirementMarker(
    tokenizer,
    specifierStart,
    result.specifier !== ''
      ? 'comma (within version specifier), semicolon (after version specifier)'
      : 'semicolon (after name with no version specifier)',
  );
  return result;
}

function parseRequirementMarker(tokenizer: Tokenizer, spanStart: number, expected: string): MarkerList {
  if (!tokenizer.check('SEMICOLON')) tokenizer.raiseSyntaxError(`Expected ${expected} or end`, spanStart);
  tokenizer.read();
  const marker = parseMarkerTokens(tokenizer);
  tokenizer.consume('WS');
  return marker;
}

function parseExtras(tokenizer: Tokenizer): string[] {
  if (!tokenizer.check('LEFT_BRACKET', true)) return [];
  return tokenizer.enclosing('LEFT_BRACKET', 'RIGHT_BRACKET', 'extras', () => {
    tokenizer.consume('WS');
    const extras = parseExtrasList(tokenizer);
    tokenizer.consume('WS');
    return extras;
  });
}

function parseExtrasList(tokenizer: Tokenizer): string[] {
  const extras: string[] = [];
  if (!tokenizer.check('IDENTIFIER')) return extras;
  extras.push(tokenizer.read().text);
  for (;;) {
    tokenizer.consume('WS');
    if (tokenizer.check('IDENTIFIER', true)) tokenizer.raiseSyntaxError('Expected comma between extra names');
    else if (!tokenizer.check('COMMA')) break;
    tokenizer.read();
    tokenizer.consume('WS');
    extras.push(tokenizer.expect('IDENTIFIER', 'extra name after comma').text);
  }
  return extras;
}

function parseSpecifier(tokenizer: Tokenizer): string {
  return tokenizer.enclosing('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'version specifier', () => {
    tokenizer.consume('WS');
    const specifiers = parseVersionMany(tokenizer);
    tokenizer.consume('WS');
    return specifiers;
  });
}

function parseVersionMany(tokenizer: Tokenizer): string {
  let specifiers = '';
  while (tokenizer.check('SPECIFIER')) {
    const spanStart = tokenizer.position;
    const specifier = tokenizer.read().text;
    specifiers += specifier;
    if (tokenizer.check('VERSION_PREFIX_TRAIL', true)) {
      const isEquality =
        specifier.startsWith('!=') || (specifier.startsWith('==') && !specifier.startsWith('==='));
      tokenizer.raiseSyntaxError(
        isEquality
          ? '.* suffix cannot be used with pre-release, post-release, dev or local versions'
          : '.* suffix can only be used with `==` or `!=` operators',
        spanStart,
        tokenizer.position + 1,
      );
    }
    if (tokenizer.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
      tokenizer.raiseSyntaxError(
        'Local version label can only be used with `==` or `!=` operators',
        spanStart,
        tokenizer.position,
      );
    }
    tokenizer.consume('WS');
    if (!tokenizer.check('COMMA')) break;
    specifiers += tokenizer.read().text;
    tokenizer.consume('WS');
  }
  return specifiers;
}
