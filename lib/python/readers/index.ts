// Public face of lib/python/readers: pure functions from project-file text (requirements.txt and
// constraints files, Pipfile, Pipfile.lock, pyproject.toml) to one ProjectRequirements shape.
export { READERS, getReader, readerForFileName } from './registry.js';
export { readRequirementsTxt } from './requirements-txt/index.js';
export { readPipfile } from './pipfile/index.js';
export { readPipfileLock, parsePipfileLock } from './pipfile-lock/index.js';
export type { PipfileLock, PipfileLockEntry, PipfileLockSource } from './pipfile-lock/index.js';
export { readPyprojectToml } from './pyproject-toml/index.js';
export { ProjectFileError } from './errors.js';
export type { ProjectFileErrorCode } from './errors.js';
export type {
  BinaryPolicy,
  IndexSource,
  LoadedFile,
  PackageSwitch,
  ProjectFileReader,
  ProjectRequirement,
  ProjectRequirements,
  PythonRequirement,
  ReadContext,
  ReaderId,
  ReleasePolicy,
  RequirementGroup,
  RequirementKind,
  SourcePosition,
  UnsupportedDirective,
  VcsReference,
} from './types.js';
