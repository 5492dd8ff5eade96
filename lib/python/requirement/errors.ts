// Errors of requirement parsing: the message quotes the input and underlines the bad span.
import { ThothError } from '../../errors/index.js';
import { formatSyntaxError, type Pep508SyntaxError } from '../marker/index.js';

/** A dependency specifier (PEP 508 requirement) that does not parse. */
export class InvalidRequirementError extends ThothError {
  readonly input: string;
  /** [start, end) offsets of the bad span in `input`, in UTF-16 units. */
  readonly span: readonly [number, number];
  constructor(error: Pep508SyntaxError) {
    super('invalid-requirement', formatSyntaxError(error), {
      cause: error,
      context: { input: error.source, column: [...error.source.slice(0, error.span[0])].length + 1 },
    });
    this.input = error.source;
    this.span = error.span;
  }
}
