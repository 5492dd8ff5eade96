// Public face of the provenance check: read a lock (Pipfile.lock, requirements.txt with hashes,
// pylock.toml), check where its artifacts come from against the knowledge graph and the indexes, and
// build the provenance-checker document.
export const id = 'provenance';
export const description =
  'Checks that every locked artifact comes from an allowed index that serves it with the locked digest';

export { checkProvenance } from './check.js';
export type { ProvenanceCheckInput, ProvenanceGap, ProvenanceReport } from './check.js';
export { provenanceDocument, PROVENANCE_ANALYZER, PROVENANCE_SCHEMA_VERSION } from './document.js';
export type { ProvenanceMetadata } from './document.js';
export { GraphArtifactSource } from './graph-artifacts.js';
export { IndexArtifactSource } from './index-artifacts.js';
export type { IndexArtifactSourceOptions } from './index-artifacts.js';
export { DEFAULT_INDEX_URL, lockFormatForFileName, normalizeIndexUrl, readLock } from './lock/index.js';
export type { ReadLockOptions } from './lock/index.js';
export type {
  ArtifactSource,
  LockedFileEntry,
  LockedRelease,
  LockFormat,
  LockSource,
  ProvenanceFinding,
  ProvenanceLock,
  ReleaseArtifacts,
} from './types.js';
