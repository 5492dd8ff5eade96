// Public face of lib/python/marker: PEP 508 environment markers (parse, print, evaluate) and the
// tokenizer/parser pieces lib/python/requirement builds on.
export { Marker, parseMarker, tryParseMarker } from './marker.js';
export { defaultEnvironment, ENVIRONMENT_MARKER_KEYS } from './environment.js';
export type { EnvironmentInputs } from './environment.js';
export type { MarkerEnvironment, EvaluateContext } from './evaluate.js';
export {
  InvalidMarkerError,
  UndefinedComparisonError,
  UndefinedEnvironmentNameError,
  formatSyntaxError,
} from './errors.js';
export type {
  MarkerList,
  MarkerAtom,
  MarkerComparison,
  MarkerOperand,
  MarkerOperator,
  MarkerVariable,
  MarkerValue,
  MarkerBoolOp,
} from './ast.js';
export { formatMarker } from './ast.js';
export { parseMarkerTokens } from './parser.js';
export { Tokenizer, Pep508SyntaxError, SPECIFIER_PATTERN } from './tokenizer.js';
export type { Token, RuleName } from './tokenizer.js';

export const id = 'pep508-marker';
export const description =
  'PEP 508 environment markers: parse, canonical string and evaluation as packaging.markers does them';
