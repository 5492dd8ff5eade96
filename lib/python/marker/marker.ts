// The Marker value: parse a PEP 508 environment marker, print it as packaging does, evaluate it.
import { formatMarker, type MarkerList } from './ast.js';
import { InvalidMarkerError } from './errors.js';
import {
  evaluateMarkerList,
  prepareEnvironment,
  type EvaluateContext,
  type MarkerEnvironment,
} from './evaluate.js';
import { parseFullMarker } from './parser.js';
import { Pep508SyntaxError, Tokenizer } from './tokenizer.js';

/** A parsed marker expression such as `python_version >= "3.8" and sys_platform != "win32"`. */
export class Marker {
  /** The parse tree, in packaging's nested-list shape. */
  readonly markers: MarkerList;

  constructor(markers: MarkerList) {
    this.markers = markers;
  }

  /** The canonical form, equal to packaging's `str(Marker(...))`. */
  toString(): string {
    return formatMarker(this.markers);
  }

  /**
   * Evaluate against `environment` (build one with `defaultEnvironment`). `context` adds packaging's
   * defaults: `extra = ""` for `metadata` (the default), empty `extras`/`dependency_groups` sets for
   * `lock_file`. Throws UndefinedEnvironmentNameError for a variable the environment lacks and
   * UndefinedComparisonError for a comparison packaging leaves undefined.
   */
  evaluate(environment: MarkerEnvironment, context: EvaluateContext = 'metadata'): boolean {
    return evaluateMarkerList(this.markers, prepareEnvironment(environment, context));
  }

  /** `this and other`, as packaging's `Marker.__and__` (a new tree, not re-parsed). */
  and(other: Marker): Marker {
    return new Marker([this.markers, 'and', other.markers]);
  }

  /** `this or other`, as packaging's `Marker.__or__`. */
  or(other: Marker): Marker {
    return new Marker([this.markers, 'or', other.markers]);
  }

  /** Markers are equal when their canonical strings are (as in packaging). */
  equals(other: Marker): boolean {
    return this.toString() === other.toString();
  }
}

/** Parse a marker expression; throws InvalidMarkerError with the bad span underlined. */
export function parseMarker(text: string): Marker {
  try {
    return new Marker(parseFullMarker(new Tokenizer(text)));
  } catch (error) {
    if (error instanceof Pep508SyntaxError) throw new InvalidMarkerError(error);
    throw error;
  }
}

/** Like parseMarker, but returns undefined for invalid input. */
export function tryParseMarker(text: string): Marker | undefined {
  try {
    return parseMarker(text);
  } catch (error) {
    if (error instanceof InvalidMarkerError) return undefined;
    throw error;
  }
}
