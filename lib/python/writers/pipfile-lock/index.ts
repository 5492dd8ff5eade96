// Public face of the Pipfile.lock writer (pipfile-spec 6) and pipenv's Pipfile hash.
import type { LockWriter } from '../types.js';
import { writePipfileLock } from './write.js';

export const id = 'pipfile-lock';
export const displayName = 'Pipfile.lock (pipenv, pipfile-spec 6)';

export const writer = {
  id,
  displayName,
  fileName: 'Pipfile.lock',
  write: writePipfileLock,
} satisfies LockWriter;

export { writePipfileLock };
export { computePipfileHash, hashPipfileData, pipfileHashData } from './pipfile-hash.js';
export { dumpCompact, dumpIndented, pythonFloatRepr, pythonJsonString } from './python-json.js';
export type { PyJson } from './python-json.js';
