// Running an external analyzer (bandit, cloc) as a child process: argument vector only (no shell), a
// time budget, an abort signal, and "not installed" told apart from "failed".
import { execFile } from 'node:child_process';
import { AnalyzerError } from '../errors.js';

export interface RunOptions {
  cwd?: string;
  /** Kill the analyzer after this long (default 15 minutes, inside si-bandit's 20-minute node timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Run `command args…`; resolves with any exit code, rejects only when it could not run or timed out. */
export function runAnalyzer(
  analyzer: string,
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 15 * 60 * 1000,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ exitCode: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          return reject(
            new AnalyzerError(analyzer, `"${command}" is not installed or not on PATH`, { cause: error }),
          );
        }
        if (typeof code === 'number') return resolve({ exitCode: code, stdout, stderr });
        // Killed by the timeout or the abort signal, or another spawn failure.
        return reject(
          new AnalyzerError(analyzer, `"${command}" did not finish (${error.message.split('\n')[0]})`, {
            cause: error,
          }),
        );
      },
    );
  });
}

/** The first version-looking token of a `--version` output (`bandit 1.9.4` → `1.9.4`). */
export function versionFrom(output: string): string | undefined {
  return /\b(\d+(?:\.\d+)+)\b/.exec(output)?.[1];
}
