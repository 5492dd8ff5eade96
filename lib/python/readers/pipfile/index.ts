// Public face of the Pipfile reader (pypa/pipfile format as pipenv reads it).
import type { ProjectFileReader } from '../types.js';
import { readPipfile } from './read.js';

export const id = 'pipfile';
export const displayName = 'Pipfile (pipenv)';

export const reader = {
  id,
  displayName,
  fileNames: ['Pipfile'],
  read: readPipfile,
} satisfies ProjectFileReader;

export { readPipfile };
