// Test support for the step tests: the directories and io of one step run under a fresh temporary
// directory, a THOTH_HOME of a test's own (embedded graph, document store and bus), and readers of what
// a step wrote. Every directory made here is removed after the last test of the file that made it.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { silentLogger } from '../../lib/log/index.js';
import type { StepIo } from '../../lib/workflows/index.js';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory, removed after the file's last test. */
export async function tempDir(prefix = 'thoth-step-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The io of one step run, with readers of its outputs. */
export interface TestStepIo extends StepIo {
  /** The temporary directory holding `in/` and `out/` (unless other directories were given). */
  dir: string;
  /** Output `name` (a parameter or a file) as text. */
  output(name: string): Promise<string>;
  /** Output `name` parsed as JSON. */
  outputJson<T = unknown>(name: string): Promise<T>;
}

/**
 * io for one run of a step: inputs in `<dir>/in` (created, so a test can put artifacts there), outputs
 * in `<dir>/out` (left for the step to create), a silent log and a signal that never aborts.
 */
export async function stepIo(
  dirs: { inputsDir?: string; outputsDir?: string } = {},
): Promise<TestStepIo> {
  const dir = await tempDir();
  const inputsDir = dirs.inputsDir ?? join(dir, 'in');
  const outputsDir = dirs.outputsDir ?? join(dir, 'out');
  await mkdir(inputsDir, { recursive: true });
  const output = (name: string): Promise<string> => readFile(join(outputsDir, name), 'utf8');
  return {
    dir,
    inputsDir,
    outputsDir,
    log: silentLogger,
    signal: new AbortController().signal,
    output,
    outputJson: async <T>(name: string) => JSON.parse(await output(name)) as T,
  };
}

/** A THOTH_HOME of its own and the environment naming it (the runtime's embedded services live there). */
export async function thothHome(): Promise<{ home: string; env: { THOTH_HOME: string } }> {
  const home = await tempDir('thoth-home-');
  return { home, env: { THOTH_HOME: home } };
}
