// Public face of the requirements.txt reader: pip's requirements-file format, also used for
// constraints files (`isConstraintFile` in the read context, or `-c` includes).
import type { ProjectFileReader } from '../types.js';
import { readRequirementsTxt } from './read.js';

export const id = 'requirements-txt';
export const displayName = 'pip requirements file (requirements.txt, constraints.txt)';

export const reader = {
  id,
  displayName,
  fileNames: ['requirements.txt', 'requirements.in', 'constraints.txt'],
  read: readRequirementsTxt,
} satisfies ProjectFileReader;

export { readRequirementsTxt };
export { preprocess, splitLines } from './logical-lines.js';
export type { LogicalLine, PreprocessedFile } from './logical-lines.js';
