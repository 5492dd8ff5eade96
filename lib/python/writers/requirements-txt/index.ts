// Public face of the requirements.txt writer: pip's requirements format with `--hash` lines.
import type { LockWriter } from '../types.js';
import { writeRequirementsTxt } from './write.js';

export const id = 'requirements-txt';
export const displayName = 'pip requirements file with hashes (pip-compile --generate-hashes layout)';

export const writer = {
  id,
  displayName,
  fileName: 'requirements.txt',
  write: writeRequirementsTxt,
} satisfies LockWriter;

export { writeRequirementsTxt };
