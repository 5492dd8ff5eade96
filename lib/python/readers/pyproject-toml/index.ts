// Public face of the pyproject.toml reader: PEP 621 [project] dependencies and PEP 735 dependency groups.
import type { ProjectFileReader } from '../types.js';
import { readPyprojectToml } from './read.js';

export const id = 'pyproject-toml';
export const displayName = 'pyproject.toml (PEP 621 dependencies, PEP 735 dependency groups)';

export const reader = {
  id,
  displayName,
  fileNames: ['pyproject.toml'],
  read: readPyprojectToml,
} satisfies ProjectFileReader;

export { readPyprojectToml };
export { expandDependencyGroups } from './dependency-groups.js';
export type { GroupEntry } from './dependency-groups.js';
