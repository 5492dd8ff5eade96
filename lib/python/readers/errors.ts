// Errors raised by the project-file readers: each names the file, line and column of the input that
// failed and shows the line with the bad span underlined (STYLE.md §11), so a user can fix the file
// without reading our code.
import { ThothError } from '../../errors/index.js';
import type { SourcePosition } from './types.js';

/** Stable codes of the conditions a reader reports. */
export type ProjectFileErrorCode =
  /** A requirements.txt or constraints file line pip would refuse. */
  | 'invalid-requirements-file'
  /** A `-r`/`-c` include chain that comes back to a file already being read. */
  | 'requirements-file-cycle'
  /** A `-r`/`-c` include that the caller's loader could not provide (or no loader was given). */
  | 'requirements-file-not-found'
  /** A Pipfile that is not TOML or does not follow the Pipfile layout. */
  | 'invalid-pipfile'
  /** A Pipfile.lock that is not JSON or does not follow pipfile-spec 6. */
  | 'invalid-pipfile-lock'
  /** A pyproject.toml whose [project] or [dependency-groups] tables break PEP 621 / PEP 735. */
  | 'invalid-pyproject-toml'
  /** A PEP 735 `{include-group = …}` chain that includes itself. */
  | 'dependency-group-cycle';

/** Where and what: the position plus, when known, the text of the line and the length of the bad span. */
export interface ProjectFileErrorLocation extends SourcePosition {
  /** The full text of the physical line at `line`, shown under the message. */
  lineText?: string;
  /** How many characters from `column` to underline; 1 when unknown. */
  length?: number;
}

/** One problem in a project file (requirements.txt, Pipfile, Pipfile.lock, pyproject.toml). Never retriable. */
export class ProjectFileError extends ThothError {
  /** The position quoted in the message (1-based line and column). */
  readonly location: SourcePosition;
  /** The reason alone, without the `file:line:column:` prefix and excerpt. */
  readonly reason: string;

  constructor(
    code: ProjectFileErrorCode,
    reason: string,
    location: ProjectFileErrorLocation,
    cause?: unknown,
  ) {
    super(code, formatMessage(reason, location), {
      retriable: false,
      cause,
      context: { file: location.file, line: location.line, column: location.column },
    });
    this.location = { file: location.file, line: location.line, column: location.column };
    this.reason = reason;
  }
}

function formatMessage(reason: string, location: ProjectFileErrorLocation): string {
  const head = `${location.file}:${location.line}:${location.column}: ${reason}`;
  if (location.lineText === undefined) return head;
  // Tabs would shift the caret; show them as single spaces in both lines.
  const text = location.lineText.replace(/\t/g, ' ');
  const pad = ' '.repeat(Math.max(0, location.column - 1));
  const marks = '^'.repeat(Math.max(1, location.length ?? 1));
  return `${head}\n    ${text}\n    ${pad}${marks}`;
}
