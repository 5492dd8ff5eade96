// Paths of a step's files. Templates name input artifacts by their pod path (/tmp/inputs/…); in a pod
// io.inputsDir is that directory, and the local engine materialises them under its own per-run
// directory, so a step maps the path before reading it.
import { join } from 'node:path';
import type { StepIo } from '../lib/workflows/index.js';

const POD_INPUTS = '/tmp/inputs/';

/** Where an input named by its pod path lives for this run; other paths are returned as they are. */
export function localInputPath(path: string, io: Pick<StepIo, 'inputsDir'>): string {
  return path.startsWith(POD_INPUTS) ? join(io.inputsDir, path.slice(POD_INPUTS.length)) : path;
}
