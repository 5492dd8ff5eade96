// The key layout shared by every artifact store: `<prefix>/<deployment>/<type>/<document_id>`
// (the original Thoth's layout, reference/thoth-pipeline.md §6). Keys carry no meaning beyond that
// path: a document's kind, solver and environment live in its metadata, never parsed back from its id.
import { ArtifactKeyError } from './errors.js';

/** Where a deployment's documents live inside a store. */
export interface KeyLayout {
  /** Leading path inside the bucket or directory, e.g. `data`; may be empty. */
  prefix: string;
  /** Deployment name, e.g. `thoth-local`, `prod`. */
  deployment: string;
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Throws ArtifactKeyError unless `key` is a relative, normalized, `/`-separated path of safe segments. */
export function assertValidKey(key: string): void {
  if (key.length === 0) throw new ArtifactKeyError(key, 'empty key');
  if (key.length > 1024) throw new ArtifactKeyError(key, 'longer than 1024 characters');
  for (const segment of key.split('/')) {
    if (segment === '')
      throw new ArtifactKeyError(key, 'empty path segment (leading, trailing or double "/")');
    // Leading dots are refused so `.`/`..` can never escape a directory store and so stores can keep
    // their own bookkeeping (temporary files) under dot-names without colliding with a key.
    if (segment.startsWith('.')) throw new ArtifactKeyError(key, `segment "${segment}" starts with "."`);
    if (!SEGMENT.test(segment)) {
      throw new ArtifactKeyError(key, `segment "${segment}" may only use letters, digits, ".", "_" and "-"`);
    }
  }
}

/** The folder of one document type: `<prefix>/<deployment>/<type>/` (always ends with `/`). */
export function typePrefix(layout: KeyLayout, type: string): string {
  const parts = [layout.prefix, layout.deployment, type].filter((p) => p !== '');
  const prefix = `${parts.join('/')}/`;
  assertValidKey(prefix.slice(0, -1));
  return prefix;
}

/** The key of one document: `<prefix>/<deployment>/<type>/<document_id>`. */
export function documentKey(layout: KeyLayout, type: string, documentId: string): string {
  const key = `${typePrefix(layout, type)}${documentId}`;
  assertValidKey(key);
  return key;
}

/** The key of the request that produced a document, stored beside it (`<document_id>.request`). */
export function requestKey(layout: KeyLayout, type: string, documentId: string): string {
  return `${documentKey(layout, type, documentId)}.request`;
}
