import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeArtifactStore } from './artifact-store.contract.js';
import { DirectoryArtifactStore } from './index.js';

describeArtifactStore('directory', async () => ({
  store: new DirectoryArtifactStore(await mkdtemp(join(tmpdir(), 'thoth-store-'))),
  root: 'data',
}));

describe('DirectoryArtifactStore', () => {
  it('keeps the previous object and leaves no temporary file when a streamed write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-store-'));
    const store = new DirectoryArtifactStore(dir);
    await store.put('data/x', 'old');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.put('data/x', failing)).rejects.toThrow('connection reset');
    expect((await store.get('data/x')).toString()).toBe('old');
    expect(await readdir(join(dir, '.tmp'))).toEqual([]);
  });

  it('lays objects out as files at their key path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-store-'));
    const store = new DirectoryArtifactStore(dir);
    await store.put('data/local/solver/solve-1', '{}');
    expect(await readdir(join(dir, 'data', 'local', 'solver'))).toEqual(['solve-1']);
  });
});
