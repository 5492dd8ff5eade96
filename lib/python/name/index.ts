// Public face of lib/python/name: PEP 503/685 name normalization and validity, plus the Python text
// classes (`\s`, `\w`, `\b`, isidentifier) the other packaging parsers share.
export { canonicalizeName, isValidName, isNormalizedName, normalizeExtra, InvalidNameError } from './name.js';
export type { NormalizedName } from './name.js';
export {
  PY_SPACE_CLASS,
  PY_WORD_CLASS,
  isPythonWordCharAt,
  isPythonWordCharBefore,
  isPythonWordBoundary,
  isPythonIdentifier,
  compareCodePoints,
} from './python-text.js';

export const id = 'pep503-name';
export const description = 'PEP 503 names, name validity and PEP 685 extras as packaging.utils does them';
