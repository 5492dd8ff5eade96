// Public face of lib/python/writers: pure functions from a LockedStack to lock-file text
// (requirements.txt with hashes, Pipfile.lock, pylock.toml).
export { WRITERS, getWriter } from './registry.js';
export { writeRequirementsTxt } from './requirements-txt/index.js';
export { writePipfileLock, computePipfileHash, pipfileHashData } from './pipfile-lock/index.js';
export { writePylockToml } from './pylock-toml/index.js';
export { LockWriteError } from './errors.js';
export type { LockWriteErrorCode } from './errors.js';
export type {
  DirectSource,
  LockedFile,
  LockedPackage,
  LockedSource,
  LockedStack,
  LockWriter,
  WriteOptions,
  WriterId,
} from './types.js';
