// The error raised for a string that is not a PEP 440 version specifier (or specifier set). It quotes
// the input, says why and points at the column, with a caret line under the input for CLI output.
import { ThothError } from '../../errors/index.js';

export class InvalidSpecifierError extends ThothError {
  /** The whole string given to the parser, unchanged. */
  readonly input: string;
  readonly reason: string;
  /** 1-based column (UTF-16 units) in `input` where the problem starts. */
  readonly column: number;

  constructor(input: string, reason: string, column: number) {
    super('invalid-specifier', `invalid specifier ${JSON.stringify(input)}: ${reason} at column ${column}`, {
      context: { specifier: input, column },
    });
    this.input = input;
    this.reason = reason;
    this.column = column;
  }

  /** The input with a caret under the failing column, for terminals. */
  get pointer(): string {
    return `${this.input}\n${' '.repeat(Math.max(0, this.column - 1))}^`;
  }
}
