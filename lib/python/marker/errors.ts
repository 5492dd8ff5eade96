// Errors of marker parsing and evaluation. Parse errors quote the input and underline the bad span, the
// way uv's pep508 crate does, and keep packaging's wording so messages can be compared with it.
import { ThothError } from '../../errors/index.js';
import type { Pep508SyntaxError } from './tokenizer.js';

/**
 * Render a syntax error as three lines: the message with its column (1-based), the source, and a line of
 * spaces and `^` under the offending span (one `^` when the span is empty, as at the end of input).
 */
export function formatSyntaxError(error: Pep508SyntaxError): string {
  const [start, end] = error.span;
  const column = [...error.source.slice(0, start)].length + 1;
  const width = Math.max(1, [...error.source.slice(start, end)].length);
  const pad = ' '.repeat(column - 1);
  return `${error.message} at column ${column}\n${error.source}\n${pad}${'^'.repeat(width)}`;
}

/** A marker expression that does not parse. */
export class InvalidMarkerError extends ThothError {
  readonly input: string;
  /** [start, end) offsets of the bad span in `input`, in UTF-16 units. */
  readonly span: readonly [number, number];
  constructor(error: Pep508SyntaxError) {
    super('invalid-marker', formatSyntaxError(error), {
      cause: error,
      context: { input: error.source, column: [...error.source.slice(0, error.span[0])].length + 1 },
    });
    this.input = error.source;
    this.span = error.span;
  }
}

/** A marker comparison that is undefined: `~=` on plain strings, or a set-valued variable misused. */
export class UndefinedComparisonError extends ThothError {
  constructor(message: string) {
    super('undefined-comparison', message);
  }
}

/** The marker names an environment variable that the evaluation environment does not have. */
export class UndefinedEnvironmentNameError extends ThothError {
  readonly variable: string;
  constructor(variable: string) {
    super(
      'undefined-environment-name',
      `the marker environment has no value for ${JSON.stringify(variable)}`,
      {
        context: { variable },
      },
    );
    this.variable = variable;
  }
}
