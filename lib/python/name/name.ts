// Project and extra names: PEP 503 normalization, the core-metadata validity rule (PEP 508 `identifier`)
// and PEP 685 extra normalization, with packaging.utils' exact behaviour.
import { ThothError } from '../../errors/index.js';

/** A name in PEP 503 normalized form (lowercase, runs of `-_.` as one `-`). */
export type NormalizedName = string & { readonly __normalized: unique symbol };

/** A name that is not a valid distribution or extra name. */
export class InvalidNameError extends ThothError {
  readonly input: string;
  constructor(input: string) {
    super('invalid-name', `name is invalid: ${JSON.stringify(input)}`, { context: { package: input } });
    this.input = input;
  }
}

// Core metadata `Name` (PEP 508 `identifier`): ASCII letters and digits at both ends, `._-` inside.
const VALID_NAME = /^(?:[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9])$/i;
const NORMALIZED_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when `name` is a valid distribution (or extra) name per the core metadata spec. */
export function isValidName(name: string): boolean {
  return VALID_NAME.test(name);
}

/**
 * PEP 503 normalization: lowercase, and every run of `-`, `_` and `.` becomes one `-`.
 * Like packaging's canonicalize_name, invalid names are normalized too unless `validate` is set,
 * and Unicode letters are lowercased with the full Unicode mapping (as Python's `str.lower`).
 */
export function canonicalizeName(name: string, options: { validate?: boolean } = {}): NormalizedName {
  if (options.validate === true && !isValidName(name)) throw new InvalidNameError(name);
  return name.toLowerCase().replace(/[-_.]+/g, '-') as NormalizedName;
}

/** True when `name` is valid and already in normalized form. */
export function isNormalizedName(name: string): boolean {
  return NORMALIZED_NAME.test(name);
}

/** PEP 685: extras compare by their PEP 503 normalized form. */
export function normalizeExtra(extra: string): NormalizedName {
  return canonicalizeName(extra);
}
