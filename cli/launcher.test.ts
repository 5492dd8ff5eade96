// bin/thoth.mjs, the `thoth` executable: it runs the esbuild bundle (rebuilt when a source is newer),
// exits with the command's code, and ends quietly when its reader goes away (`thoth --help | head`).
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const LAUNCHER = join(ROOT, 'bin', 'thoth.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('bin/thoth.mjs', () => {
  it('prints the version from the bundle it keeps current', async () => {
    const { stdout } = await run(process.execPath, [LAUNCHER, '--version'], { cwd: ROOT });
    expect(stdout.trim()).toBe(VERSION);
    const inputs = JSON.parse(
      readFileSync(join(ROOT, 'dist', 'bundle', 'thoth.inputs.json'), 'utf8'),
    ) as string[];
    expect(inputs).toContain('cli/thoth.ts');
  }, 60_000);

  it('exits with the command exit code: 2 for an unknown option', async () => {
    const failure = await run(process.execPath, [LAUNCHER, 'advise', '--no-such-option'], { cwd: ROOT }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/unknown option '--no-such-option'/);
  }, 60_000);

  it('ends quietly when its reader closes the pipe', async () => {
    const child = spawn(process.execPath, [LAUNCHER, '--help'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 60_000);
});
