// The Requirement value: a parsed PEP 508 dependency specifier with packaging's fields and string form.
import { Marker, Pep508SyntaxError, Tokenizer } from '../marker/index.js';
import { canonicalizeName, compareCodePoints } from '../name/index.js';
import { parseSpecifierSet, type SpecifierSet } from '../specifier/index.js';
import { InvalidRequirementError } from './errors.js';
import { parseRequirementTokens } from './parser.js';

/** A dependency such as `requests[socks]>=2.8; python_version >= "3.8"`. */
export class Requirement {
  /** The project name as written (compare with `canonicalizeName`). */
  readonly name: string;
  /** Extras as written, without duplicates, sorted by code point (as packaging prints them). */
  readonly extras: readonly string[];
  readonly specifier: SpecifierSet;
  /** The direct reference after `@`, if any. */
  readonly url: string | undefined;
  readonly marker: Marker | undefined;

  constructor(fields: {
    name: string;
    extras: readonly string[];
    specifier: SpecifierSet;
    url: string | undefined;
    marker: Marker | undefined;
  }) {
    this.name = fields.name;
    this.extras = [...new Set(fields.extras)].sort(compareCodePoints);
    this.specifier = fields.specifier;
    this.url = fields.url;
    this.marker = fields.marker;
  }

  /** The canonical form, equal to packaging's `str(Requirement(...))`. */
  toString(): string {
    let text = this.name;
    if (this.extras.length > 0) text += `[${this.extras.join(',')}]`;
    text += this.specifier.toString();
    if (this.url !== undefined) {
      text += ` @ ${this.url}`;
      if (this.marker !== undefined) text += ' ';
    }
    if (this.marker !== undefined) text += `; ${this.marker.toString()}`;
    return text;
  }

  /** The PEP 503 normalized project name. */
  get normalizedName(): string {
    return canonicalizeName(this.name);
  }
}

/** Parse a PEP 508 requirement; throws InvalidRequirementError with the bad span underlined. */
export function parseRequirement(text: string): Requirement {
  try {
    const parsed = parseRequirementTokens(new Tokenizer(text));
    let specifier: SpecifierSet;
    try {
      specifier = parseSpecifierSet(parsed.specifier);
    } catch (error) {
      throw new Pep508SyntaxError(
        error instanceof Error ? error.message : String(error),
        text,
        parsed.specifierSpan,
      );
    }
    return new Requirement({
      name: parsed.name,
      extras: parsed.extras,
      specifier,
      url: parsed.url === '' ? undefined : parsed.url,
      marker: parsed.marker === undefined ? undefined : new Marker(parsed.marker),
    });
  } catch (error) {
    if (error instanceof Pep508SyntaxError) throw new InvalidRequirementError(error);
    throw error;
  }
}

/** Like parseRequirement, but returns undefined for invalid input. */
export function tryParseRequirement(text: string): Requirement | undefined {
  try {
    return parseRequirement(text);
  } catch (error) {
    if (error instanceof InvalidRequirementError) return undefined;
    throw error;
  }
}
