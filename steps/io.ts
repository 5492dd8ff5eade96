// A step's input files. Templates name input artifacts by their pod path (/tmp/inputs/…); in a pod
// io.inputsDir is that directory, and the local engine materialises them under its own per-run
// directory, so a step maps the path before reading it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../lib/errors/index.js';
import type { StepIo } from '../lib/workflows/index.js';

const POD_INPUTS = '/tmp/inputs/';

/** Where an input named by its pod path lives for this run; other paths are returned as they are. */
export function localInputPath(path: string, io: Pick<StepIo, 'inputsDir'>): string {
  return path.startsWith(POD_INPUTS) ? join(io.inputsDir, path.slice(POD_INPUTS.length)) : path;
}

/**
 * The JSON of the input file that flag `--<flag>` names. A file that cannot be read or is not JSON is
 * bad input: `<step>: cannot read --<flag> PATH: …` or `<step>: --<flag> is not JSON: …`.
 */
export async function readJsonInput(
  step: string,
  flag: string,
  path: string,
  io: Pick<StepIo, 'inputsDir'>,
): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(localInputPath(path, io), 'utf8');
  } catch (error) {
    throw new InputError(`${step}: cannot read --${flag} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new InputError(`${step}: --${flag} is not JSON: ${(error as Error).message}`);
  }
}
