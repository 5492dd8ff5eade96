// Recursive-descent parser of PEP 508 marker expressions, following packaging's `_parser` grammar:
//   marker      = marker_atom (BOOLOP marker_atom)*
//   marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?
//   marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
//   marker_var  = VARIABLE | QUOTED_STRING
//   marker_op   = IN | NOT WS IN | OP
// `and` and `or` are kept flat here; evaluation gives `and` precedence, as packaging does.
import { canonicalizeName } from '../name/index.js';
import type {
  MarkerAtom,
  MarkerBoolOp,
  MarkerComparison,
  MarkerList,
  MarkerOperand,
  MarkerOperator,
} from './ast.js';
import { decodePythonStringLiteral, PythonStringError } from './python-string.js';
import { Pep508SyntaxError, type Tokenizer } from './tokenizer.js';

/** Variables whose value is a set in lock files (PEP 751); "x" in extras compares normalized names. */
export const SET_VARIABLES: ReadonlySet<string> = new Set(['extras', 'dependency_groups']);

/** Parse a whole marker expression and require the end of input. */
export function parseFullMarker(tokenizer: Tokenizer): MarkerList {
  const marker = parseMarkerTokens(tokenizer);
  tokenizer.expect('END', 'end of marker expression');
  return marker;
}

/** Parse a marker expression at the tokenizer's position (used after `;` in a requirement). */
export function parseMarkerTokens(tokenizer: Tokenizer): MarkerList {
  const expression: Array<MarkerAtom | MarkerBoolOp> = [parseMarkerAtom(tokenizer)];
  while (tokenizer.check('BOOLOP')) {
    const token = tokenizer.read();
    expression.push(token.text as MarkerBoolOp, parseMarkerAtom(tokenizer));
  }
  return expression;
}

function parseMarkerAtom(tokenizer: Tokenizer): MarkerAtom {
  tokenizer.consume('WS');
  let marker: MarkerAtom;
  if (tokenizer.check('LEFT_PARENTHESIS', true)) {
    marker = tokenizer.enclosing('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'marker expression', () => {
      tokenizer.consume('WS');
      const inner = parseMarkerTokens(tokenizer);
      tokenizer.consume('WS');
      return inner;
    });
  } else {
    marker = parseMarkerItem(tokenizer);
  }
  tokenizer.consume('WS');
  return marker;
}

function parseMarkerItem(tokenizer: Tokenizer): MarkerComparison {
  tokenizer.consume('WS');
  const left = parseMarkerVar(tokenizer);
  tokenizer.consume('WS');
  const op = parseMarkerOp(tokenizer);
  tokenizer.consume('WS');
  const right = parseMarkerVar(tokenizer);
  tokenizer.consume('WS');
  return normalizeExtras({ kind: 'comparison', left, op, right });
}

function parseMarkerVar(tokenizer: Tokenizer): MarkerOperand {
  if (tokenizer.check('VARIABLE')) {
    const name = tokenizer.read().text.replace('.', '_');
    // `python_implementation` is the legacy (PEP 345) spelling of platform_python_implementation.
    return {
      kind: 'variable',
      name: name === 'python_implementation' ? 'platform_python_implementation' : name,
    };
  }
  if (tokenizer.check('QUOTED_STRING')) {
    const token = tokenizer.read();
    try {
      return { kind: 'value', value: decodePythonStringLiteral(token.text) };
    } catch (error) {
      if (!(error instanceof PythonStringError)) throw error;
      throw new Pep508SyntaxError('Invalid quoted string', tokenizer.source, [
        token.position,
        token.position + token.text.length,
      ]);
    }
  }
  return tokenizer.raiseSyntaxError('Expected a marker variable or quoted string');
}

function parseMarkerOp(tokenizer: Tokenizer): MarkerOperator {
  if (tokenizer.check('IN')) {
    tokenizer.read();
    return 'in';
  }
  if (tokenizer.check('NOT')) {
    tokenizer.read();
    tokenizer.expect('WS', "whitespace after 'not'");
    tokenizer.expect('IN', "'in' after 'not'");
    return 'not in';
  }
  if (tokenizer.check('OP')) return tokenizer.read().text as MarkerOperator;
  return tokenizer.raiseSyntaxError(
    'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in',
  );
}

/**
 * PEP 685: the value compared with `extra` is normalized when parsed, and so is the name tested for
 * membership in `extras` or `dependency_groups` (PEP 751, PEP 735), so equal markers print equal.
 */
function normalizeExtras(comparison: MarkerComparison): MarkerComparison {
  const { left, op, right } = comparison;
  if (left.kind === 'variable' && left.name === 'extra' && right.kind === 'value') {
    return { kind: 'comparison', left, op, right: { kind: 'value', value: canonicalizeName(right.value) } };
  }
  if (right.kind === 'variable' && left.kind === 'value') {
    if (right.name === 'extra' || SET_VARIABLES.has(right.name)) {
      return { kind: 'comparison', left: { kind: 'value', value: canonicalizeName(left.value) }, op, right };
    }
  }
  return comparison;
}
