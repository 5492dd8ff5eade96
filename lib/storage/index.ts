// Public face of lib/storage: the artifact-store port, its two implementations, the key layout and
// the JSON document layer on top.
export type { ArtifactBody, ArtifactInfo, ArtifactStore, ListOptions } from './types.js';
export { ArtifactKeyError, ArtifactNotFoundError } from './errors.js';
export { assertValidKey, documentKey, requestKey, typePrefix } from './keys.js';
export type { KeyLayout } from './keys.js';
export { DirectoryArtifactStore } from './directory-store.js';
export { S3ArtifactStore } from './s3-store.js';
export type { S3StoreConfig } from './s3-store.js';
export { DocumentStore, canonicalJson } from './documents.js';
export type { DocumentInfo, DocumentValidator } from './documents.js';
export { createArtifactStore } from './config.js';
export type { ArtifactStoreConfig } from './config.js';
