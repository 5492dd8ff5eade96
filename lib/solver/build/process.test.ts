// The bounded runner on real child processes (Node itself, so no Python is needed): exit codes, the
// stderr tail, the stdout cap, and a timeout that kills the grandchildren too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBounded } from './index.js';

const work = mkdtempSync(join(tmpdir(), 'thoth-bounded-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const node = (script: string, overrides: Partial<Parameters<typeof runBounded>[2]> = {}) =>
  runBounded(process.execPath, ['-e', script], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '' },
    timeoutMs: 20_000,
    maxStdoutBytes: 1024,
    stderrTailBytes: 16,
    ...overrides,
  });

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runBounded', () => {
  it('returns the exit code, stdout and only the tail of stderr', async () => {
    const result = await node(
      "process.stdout.write('out'); process.stderr.write('x'.repeat(100) + 'THE-END'); process.exit(3)",
    );
    expect(result).toMatchObject({ exitCode: 3, timedOut: false, outputExceeded: false, stdout: 'out' });
    expect(result.stderrTail).toBe(`${'x'.repeat(9)}THE-END`);
  });

  it('passes only the given environment', async () => {
    const result = await node("process.stdout.write(String(process.env.HOME) + ' ' + process.env.ONLY)", {
      env: { ONLY: 'this' },
    });
    expect(result.stdout).toBe('undefined this');
  });

  it('kills the process group when stdout passes the cap', async () => {
    const result = await node("setInterval(() => process.stdout.write('y'.repeat(512)), 5)");
    expect(result.outputExceeded).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout.length).toBeLessThanOrEqual(1024);
  });

  it('kills the whole process group at the time limit, grandchildren included', async () => {
    const pidFile = join(work, 'grandchild.pid');
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
      setInterval(() => {}, 1000);`;
    const result = await node(script, { timeoutMs: 1_500 });
    expect(result.timedOut).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    // SIGKILL is delivered at once, but the kernel may need a moment to reap it.
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it('reports a program that cannot be started', async () => {
    const result = await runBounded(join(work, 'no-such-program'), [], {
      cwd: work,
      env: {},
      timeoutMs: 5_000,
      maxStdoutBytes: 10,
      stderrTailBytes: 10,
    });
    expect(result.spawnError).toContain('ENOENT');
  });
});
