// Public face of the Pipfile.lock reader (pipfile-spec 6): a typed lock and the common shape.
import type { ProjectFileReader } from '../types.js';
import { readPipfileLock } from './read.js';

export const id = 'pipfile-lock';
export const displayName = 'Pipfile.lock (pipenv, pipfile-spec 6)';

export const reader = {
  id,
  displayName,
  fileNames: ['Pipfile.lock'],
  read: readPipfileLock,
} satisfies ProjectFileReader;

export { readPipfileLock, parsePipfileLock } from './read.js';
export type { PipfileLock, PipfileLockEntry, PipfileLockSource } from './read.js';
