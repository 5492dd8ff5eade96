// DocumentStore: JSON documents (the envelope of DESIGN.md: metadata + result) over any ArtifactStore,
// under the shared key layout. Documents are written as canonical JSON (sorted keys, 2-space indent)
// so the same document always has the same bytes and content hashes are stable across stores.
import { documentKey, requestKey, typePrefix } from './keys.js';
import type { KeyLayout } from './keys.js';
import type { ArtifactInfo, ArtifactStore, ListOptions } from './types.js';

/** Check a document against its contract before it is written or after it is read; throws ContractError. */
export type DocumentValidator = (type: string, document: unknown) => void;

/** JSON with object keys sorted at every level and a trailing newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** One listed document: its type, id and object info. */
export interface DocumentInfo extends ArtifactInfo {
  type: string;
  documentId: string;
}

export class DocumentStore {
  constructor(
    readonly store: ArtifactStore,
    readonly layout: KeyLayout,
    private readonly validate?: DocumentValidator,
  ) {}

  /** Validate and write a document; nothing is written when validation fails. Returns its key. */
  async putDocument(type: string, documentId: string, document: unknown): Promise<string> {
    this.validate?.(type, document);
    const key = documentKey(this.layout, type, documentId);
    await this.store.put(key, canonicalJson(document), { contentType: 'application/json' });
    return key;
  }

  /** Read and validate a document; throws ArtifactNotFoundError when absent. */
  async getDocument(type: string, documentId: string): Promise<unknown> {
    const raw = await this.store.get(documentKey(this.layout, type, documentId));
    const document: unknown = JSON.parse(raw.toString('utf8'));
    this.validate?.(type, document);
    return document;
  }

  async hasDocument(type: string, documentId: string): Promise<boolean> {
    return this.store.exists(documentKey(this.layout, type, documentId));
  }

  /** Store the request that produced a document beside it (`<document_id>.request`). */
  async putRequest(type: string, documentId: string, request: unknown): Promise<string> {
    const key = requestKey(this.layout, type, documentId);
    await this.store.put(key, canonicalJson(request), { contentType: 'application/json' });
    return key;
  }

  async getRequest(type: string, documentId: string): Promise<unknown> {
    const raw = await this.store.get(requestKey(this.layout, type, documentId));
    return JSON.parse(raw.toString('utf8')) as unknown;
  }

  /** Documents of one type (requests excluded), in key order, optionally by write time. */
  async *listDocuments(type: string, options: ListOptions = {}): AsyncIterable<DocumentInfo> {
    const prefix = typePrefix(this.layout, type);
    for await (const info of this.store.list(prefix, options)) {
      const documentId = info.key.slice(prefix.length);
      if (documentId.includes('/') || documentId.endsWith('.request')) continue;
      yield { ...info, type, documentId };
    }
  }
}
