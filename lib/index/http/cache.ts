// An on-disk HTTP cache (the directory is injected). Pages are stored with their validators (ETag,
// Last-Modified) and freshness (Cache-Control max-age; no-cache means "always revalidate", no-store
// means "do not keep"), so a second read is either served locally or revalidated with a 304. Content
// that cannot change for a given file hash (PEP 658 metadata, METADATA read by ranges, PKG-INFO) is
// kept by that hash, with no revalidation at all.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What is kept about a cached response beside its body. */
export interface CachedPageMeta {
  readonly url: string;
  readonly contentType: string | undefined;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
  /** When the response was stored or last revalidated (ms since the epoch, from the injected clock). */
  readonly storedAt: number;
  /** Seconds the response stays fresh; 0 means revalidate on every use. */
  readonly maxAgeSeconds: number;
}

export interface CachedPage {
  readonly meta: CachedPageMeta;
  readonly body: Buffer;
}

/** Freshness and storability from a Cache-Control header. */
export function readCacheControl(value: string | undefined): { maxAgeSeconds: number; isStorable: boolean } {
  const directives = (value ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  const isStorable = !directives.includes('no-store');
  if (directives.includes('no-cache')) return { maxAgeSeconds: 0, isStorable };
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  const seconds = maxAge === undefined ? 0 : Number.parseInt(maxAge.slice('max-age='.length), 10);
  return { maxAgeSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 0, isStorable };
}

export class HttpCache {
  constructor(
    /** The cache directory; created on first write. */
    readonly directory: string,
    /** Clock in ms since the epoch, injected so tests can age entries. */
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached page for `key` (URL plus the variant, e.g. the Accept header), or undefined. */
  async getPage(key: string): Promise<CachedPage | undefined> {
    const base = this.pagePath(key);
    try {
      const meta = JSON.parse(await readFile(`${base}.json`, 'utf8')) as CachedPageMeta;
      const body = await readFile(`${base}.body`);
      return { meta, body };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // A torn or foreign entry is a miss, not a failure: the page is fetched again and rewritten.
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  /** True when the entry can be used without asking the server. */
  isFresh(meta: CachedPageMeta): boolean {
    return this.now() < meta.storedAt + meta.maxAgeSeconds * 1000;
  }

  /** Store (or, after a 304, refresh) a page. */
  async putPage(key: string, meta: Omit<CachedPageMeta, 'storedAt'>, body: Buffer): Promise<void> {
    const base = this.pagePath(key);
    await this.writeAtomic(`${base}.body`, body);
    await this.writeAtomic(`${base}.json`, JSON.stringify({ ...meta, storedAt: this.now() }));
  }

  /** Content addressed by an immutable key (a file hash), in a named bucket; undefined on a miss. */
  async getImmutable(bucket: string, key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.immutablePath(bucket, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async putImmutable(bucket: string, key: string, body: Buffer): Promise<void> {
    await this.writeAtomic(this.immutablePath(bucket, key), body);
  }

  private pagePath(key: string): string {
    const digest = createHash('sha256').update(key).digest('hex');
    return join(this.directory, 'pages', digest.slice(0, 2), digest);
  }

  private immutablePath(bucket: string, key: string): string {
    const safe = createHash('sha256').update(key).digest('hex');
    return join(this.directory, 'immutable', bucket.replace(/[^a-z0-9-]/gi, '_'), safe.slice(0, 2), safe);
  }

  /** Write to a temporary name and rename, so a concurrent reader never sees half a file. */
  private async writeAtomic(path: string, data: string | Buffer): Promise<void> {
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }
}
