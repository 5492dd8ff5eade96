// Output helpers of the `thoth` command: results go to stdout (JSON with --json, text otherwise),
// progress and diagnostics to stderr; colour only when the stream is a terminal and NO_COLOR is unset.
import { describeError } from '../lib/errors/index.js';

export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
}

export function useColour(stream: { isTTY?: boolean }, env: OutputStreams['env']): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

export function paint(enabled: boolean, style: keyof typeof CODES, text: string): string {
  return enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

/** Print a result: JSON (stable, 2-space) when `json`, else the text the command renders. */
export function printResult(io: OutputStreams, json: boolean, value: unknown, text: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/** Print the one-line error of a failed command to stderr. */
export function printError(io: OutputStreams, error: unknown): void {
  io.stderr.write(`${paint(useColour(io.stderr, io.env), 'red', 'error:')} ${describeError(error)}\n`);
}
