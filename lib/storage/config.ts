// Build an ArtifactStore from configuration: a local directory (embedded default) or S3.
import { DirectoryArtifactStore } from './directory-store.js';
import { S3ArtifactStore } from './s3-store.js';
import type { S3StoreConfig } from './s3-store.js';
import type { ArtifactStore } from './types.js';

export type ArtifactStoreConfig = { kind: 'directory'; root: string } | ({ kind: 's3' } & S3StoreConfig);

export function createArtifactStore(config: ArtifactStoreConfig): ArtifactStore {
  return config.kind === 'directory' ? new DirectoryArtifactStore(config.root) : new S3ArtifactStore(config);
}
