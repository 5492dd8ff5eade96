// Running the real consumers (pip, pipenv, packaging) from the Python environment named by THOTH_PYTHON.
// These acceptance tests fail, never skip, when that environment is missing: a lock format is only
// proven by the tool that consumes it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oraclePython } from '../../oracle/index.js';

/** The interpreter with pip, pipenv and packaging; throws with the fix when THOTH_PYTHON is unset. */
export function consumerPython(): string {
  return oraclePython();
}

/** What a finished Python process printed and returned. */
export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the interpreter synchronously with `args`; `env` is added to a minimal environment. */
export function runPython(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): PythonRun {
  const home = mkdtempSync(join(tmpdir(), 'thoth-consumer-home-'));
  const result = spawnSync(consumerPython(), args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
    // A throwaway HOME keeps pip and pipenv from reading or writing the user's configuration and caches.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...options.env },
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a Python snippet and parses the JSON it prints on its last stdout line. */
export function pythonJson<T>(script: string, args: string[] = [], env: Record<string, string> = {}): T {
  const run = runPython(['-c', script, ...args], { env });
  if (run.status !== 0) throw new Error(`python failed (${run.status}):\n${run.stderr}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** A static file server (`python -m http.server`) on 127.0.0.1 and a free port. */
export interface FileServer {
  url: string;
  stop(): void;
}

/** Serves `directory` over HTTP on loopback; resolves once the server prints its port. */
export function serveDirectory(directory: string): Promise<FileServer> {
  const child: ChildProcess = spawn(
    consumerPython(),
    ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', directory],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = /port (\d+)/.exec(output)?.[1];
      if (port !== undefined) {
        child.stdout?.off('data', onData);
        // Keep draining the access log so the server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill() });
      }
    };
    child.stdout?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`http.server exited early (${code}): ${output}`)));
  });
}
