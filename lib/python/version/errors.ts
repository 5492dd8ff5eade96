// The error raised for a string that is not a PEP 440 version. It quotes the input, says why it was
// refused and points at the column where parsing stopped.
import { ThothError } from '../../errors/index.js';

export class InvalidVersionError extends ThothError {
  /** The string that failed to parse, unchanged. */
  readonly input: string;
  /** Why it was refused, e.g. "expected a release number". */
  readonly reason: string;
  /** 1-based column (UTF-16 units) of the first character that could not be read. */
  readonly column: number;

  constructor(input: string, reason: string, column: number) {
    super('invalid-version', `invalid version ${JSON.stringify(input)}: ${reason} at column ${column}`, {
      context: { version: input, column },
    });
    this.input = input;
    this.reason = reason;
    this.column = column;
  }
}
