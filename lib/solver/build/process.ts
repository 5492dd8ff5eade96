// Running an untrusted build as a child process with hard bounds: argument vector only (no shell), its
// own process group so a timeout kills the backend's grandchildren too (pip runs the PEP 517 hook in a
// subprocess of a subprocess), a byte cap on stdout, and only the tail of stderr kept for the error
// entry. Resolves with what happened; never rejects for the child's behaviour.
import { spawn } from 'node:child_process';

export interface BoundedRunOptions {
  readonly cwd: string;
  /** The whole environment of the child (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Kill the process group after this long. */
  readonly timeoutMs: number;
  /** Kill the process group once stdout exceeds this many bytes. */
  readonly maxStdoutBytes: number;
  /** Bytes of stderr kept (the last ones: a Python traceback ends with the error). */
  readonly stderrTailBytes: number;
}

export interface BoundedRunResult {
  /** The exit code, or null when the child was killed by a signal. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** True when stdout went past maxStdoutBytes and the child was killed for it. */
  readonly outputExceeded: boolean;
  readonly stdout: string;
  /** The last stderrTailBytes of stderr. */
  readonly stderrTail: string;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | undefined;
}

/** Run `command args…` under the bounds above. */
export function runBounded(
  command: string,
  args: readonly string[],
  options: BoundedRunOptions,
): Promise<BoundedRunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A new process group: kill(-pid) reaches every process the build started.
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let timedOut = false;
    let outputExceeded = false;
    let spawnError: string | undefined;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxStdoutBytes) {
        if (!outputExceeded) {
          outputExceeded = true;
          killGroup();
        }
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > options.stderrTailBytes)
        stderr = stderr.subarray(stderr.length - options.stderrTailBytes);
    });
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      // Daemonized leftovers of a finished build must not outlive it either.
      killGroup();
      resolve({
        exitCode,
        signal,
        timedOut,
        outputExceeded,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderrTail: stderr.toString('utf8'),
        spawnError,
      });
    });
  });
}
