// The error a prescription set that cannot be loaded raises: every problem found, one line each,
// naming the file, the unit and the field, so an author fixes them all in one pass.
import { ThothError } from '../../errors/index.js';

/** One problem of a prescription file. */
export interface PrescriptionProblem {
  file: string;
  /** '<prescription>.<name>' or the unit's position (`steps[2]`) when it has no usable name; null for the file. */
  unit: string | null;
  /** Dotted path inside the unit (or the file), e.g. 'run.score'; '' for the whole unit or file. */
  field: string;
  message: string;
}

export function formatProblem(p: PrescriptionProblem): string {
  const where = p.unit === null ? '' : ` unit ${p.unit}:`;
  const field = p.field === '' ? '' : ` ${p.field}`;
  return `${p.file}:${where}${field} ${p.message}`;
}

export class PrescriptionError extends ThothError {
  readonly problems: readonly PrescriptionProblem[];

  constructor(problems: readonly PrescriptionProblem[]) {
    super('invalid-prescription', problems.map(formatProblem).join('\n'), {
      retriable: false,
      context: { files: [...new Set(problems.map((p) => p.file))].join(', '), problems: problems.length },
    });
    this.problems = problems;
  }
}
