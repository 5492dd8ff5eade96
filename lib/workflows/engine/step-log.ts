// Tees a leaf node's output into its log file and remembers the step's last one-line reason, so a
// failed node (and the workflow above it) says why, not only which exit code: in-process steps log
// their reason at error level through pino; local processes print it as their last stderr line
// (steps/README.md: "a step exits with exactly one line"). Argo shows the same through the pod's
// termination message.
import type { DestinationStream } from 'pino';

/** pino's numeric level for `error`. */
const PINO_ERROR = 50;
/** Longest reason kept: the message lands in run records and `thoth workflows get`. */
const MAX_REASON = 500;

export class StepLogTap {
  private reason: string | undefined;
  private stderrTail = '';

  constructor(private readonly out: NodeJS.WritableStream) {}

  /** The last error-level message or stderr line, if the step gave one. */
  get lastReason(): string | undefined {
    const tail = this.stderrTail.trim();
    return this.reason ?? (tail === '' ? undefined : clip(tail));
  }

  /** A pino destination: every line goes to the log, error lines are remembered. */
  pinoDestination(): DestinationStream {
    return {
      write: (line: string) => {
        this.out.write(line);
        this.notePinoLine(line);
      },
    };
  }

  /** Feed a chunk of a local process's stderr (it goes to the log as well). */
  stderr(chunk: Buffer | string): void {
    this.out.write(chunk);
    const lines = `${this.stderrTail}${chunk.toString()}`.split('\n');
    const nonEmpty = lines.filter((l) => l.trim() !== '');
    this.stderrTail = nonEmpty[nonEmpty.length - 1] ?? '';
  }

  private notePinoLine(line: string): void {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    const { level, msg, err } = (entry ?? {}) as {
      level?: unknown;
      msg?: unknown;
      err?: { message?: unknown };
    };
    if (typeof level !== 'number' || level < PINO_ERROR) return;
    // Steps log a fixed message with the error as context (STYLE.md §12): the error's own message
    // is the reason; a bare message stands for itself.
    const text = typeof err?.message === 'string' && err.message !== '' ? err.message : msg;
    if (typeof text === 'string' && text !== '') this.reason = clip(text.split('\n')[0] ?? text);
  }
}

function clip(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
