// Test support: the `thoth` command run in process, its stdout and stderr captured as text, colour off.
import { PassThrough } from 'node:stream';
import { main } from '../thoth.js';

export interface ThothRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `thoth <args>` with `env` (THOTH_HOME and whatever the test sets) plus NO_COLOR=1. */
export async function runThoth(args: string[], env: Record<string, string>): Promise<ThothRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(args, { stdout, stderr, env: { NO_COLOR: '1', ...env } });
  return { code, stdout: out, stderr: err };
}
