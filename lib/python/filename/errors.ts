// Errors of distribution file names; each message quotes the file name, as uv's WheelFilenameError does.
import { ThothError } from '../../errors/index.js';

export type WheelFilenameProblem =
  'extension' | 'part-count' | 'project-name' | 'version' | 'build-number' | 'tag-order' | 'tag';

/** A wheel file name that does not follow the binary distribution format (PEP 427, PEP 491). */
export class InvalidWheelFilenameError extends ThothError {
  readonly filename: string;
  readonly problem: WheelFilenameProblem;
  constructor(filename: string, problem: WheelFilenameProblem, message: string, cause?: unknown) {
    super('invalid-wheel-filename', message, { cause, context: { file: filename, problem } });
    this.filename = filename;
    this.problem = problem;
  }
}

export type SdistFilenameProblem = 'extension' | 'missing-version' | 'empty-name' | 'version';

/** A source distribution file name that is not `<name>-<version>.tar.gz` or `.zip`. */
export class InvalidSdistFilenameError extends ThothError {
  readonly filename: string;
  readonly problem: SdistFilenameProblem;
  constructor(filename: string, problem: SdistFilenameProblem, message: string, cause?: unknown) {
    super('invalid-sdist-filename', message, { cause, context: { file: filename, problem } });
    this.filename = filename;
    this.problem = problem;
  }
}
