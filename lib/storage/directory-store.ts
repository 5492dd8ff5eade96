// DirectoryArtifactStore: the embedded default. Objects are files under a root directory at the
// path given by their key, so `ls` shows the same layout as the bucket. Writes go to a temporary
// file under `<root>/.tmp` and are renamed into place, so a crash never leaves a partial object.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { ArtifactNotFoundError } from './errors.js';
import { assertValidKey } from './keys.js';
import type { ArtifactBody, ArtifactInfo, ArtifactStore, ListOptions } from './types.js';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export class DirectoryArtifactStore implements ArtifactStore {
  readonly kind = 'directory';
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = root;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, body: ArtifactBody): Promise<void> {
    const target = this.pathOf(key);
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    try {
      if (body instanceof Readable) await pipeline(body, createWriteStream(tmp));
      else await writeFile(tmp, body);
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isNotFound(error)) throw new ArtifactNotFoundError(key, this.location, { cause: error });
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Open eagerly so a missing object fails here, not on the first read.
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new ArtifactNotFoundError(key, this.location);
    } catch (error) {
      if (isNotFound(error)) throw new ArtifactNotFoundError(key, this.location, { cause: error });
      throw error;
    }
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ArtifactInfo> {
    // The prefix may end inside a segment (`solver/solve-`): walk from its directory part and filter.
    const slash = prefix.lastIndexOf('/');
    const dirPart = slash === -1 ? '' : prefix.slice(0, slash);
    if (dirPart !== '') assertValidKey(dirPart);
    const start = dirPart === '' ? this.root : join(this.root, ...dirPart.split('/'));
    const keys: string[] = [];
    await this.walk(start, keys);
    keys.sort();
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const info = await stat(join(this.root, ...key.split('/'))).catch(() => undefined);
      if (info === undefined) continue; // deleted while listing
      if (options.since !== undefined && info.mtime < options.since) continue;
      if (options.until !== undefined && info.mtime >= options.until) continue;
      yield { key, size: info.size, lastModified: info.mtime };
    }
  }

  private async walk(dir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // .tmp and other bookkeeping
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await this.walk(path, out);
      else if (entry.isFile()) out.push(relative(this.root, path).split(sep).join('/'));
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async close(): Promise<void> {}
}
