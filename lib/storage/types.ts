// The artifact-store port: where every Thoth document lives before it is synced into the graph.
// Two implementations share one key layout: S3 (production) and a local directory (embedded default).
import type { Readable } from 'node:stream';

/** One stored object as listed. */
export interface ArtifactInfo {
  /** Full key, `/`-separated, never starting with `/` (e.g. `data/thoth/solver/solve-1a2b3c`). */
  key: string;
  /** Size in bytes. */
  size: number;
  /** When the object was last written (S3 LastModified, file mtime). */
  lastModified: Date;
}

/** A body to store: bytes, text (UTF-8) or a stream of unknown length. */
export type ArtifactBody = Buffer | Uint8Array | string | Readable;

export interface ListOptions {
  /** Only objects written at or after this instant. */
  since?: Date;
  /** Only objects written before this instant. */
  until?: Date;
}

/** Port for storing artifacts under keys; implementations must give identical results for one key layout. */
export interface ArtifactStore {
  /** `directory` or `s3`; for logs and `thoth graph stats`. */
  readonly kind: string;
  /** A description of where objects go, without credentials (e.g. `s3://thoth/`, `/home/u/.thoth/artifacts`). */
  readonly location: string;
  /**
   * Store `body` under `key`, replacing any previous object. Atomic: readers see the old object or the
   * new one, never a partial write; a failed write leaves the previous object as it was.
   */
  put(key: string, body: ArtifactBody, options?: { contentType?: string }): Promise<void>;
  /** The whole object; throws ArtifactNotFoundError when absent. */
  get(key: string): Promise<Buffer>;
  /** A stream of the object; throws ArtifactNotFoundError when absent. */
  getStream(key: string): Promise<Readable>;
  /** True when an object exists under `key`. */
  exists(key: string): Promise<boolean>;
  /** Every object whose key starts with `prefix`, in key order, filtered by write time. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ArtifactInfo>;
  /** Remove the object; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Release connections and handles. */
  close(): Promise<void>;
}
