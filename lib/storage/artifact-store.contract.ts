// The behaviour every ArtifactStore must have, as one test suite run against each implementation
// (directory in the unit project, S3/MinIO in the integration project).
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactKeyError, ArtifactNotFoundError, DocumentStore } from './index.js';
import type { ArtifactStore } from './index.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Register the shared suite; `open` gives a store whose keys under `root` are empty at the start. */
export function describeArtifactStore(
  name: string,
  open: () => Promise<{ store: ArtifactStore; root: string }>,
): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    let store: ArtifactStore;
    let root: string;
    beforeAll(async () => {
      ({ store, root } = await open());
    });
    afterAll(async () => {
      for await (const info of store.list(`${root}/`)) await store.delete(info.key);
      await store.close();
    });

    it('writes and reads back bytes and text', async () => {
      await store.put(`${root}/a/text`, 'héllo');
      await store.put(`${root}/a/bytes`, Buffer.from([0, 1, 2, 255]));
      expect((await store.get(`${root}/a/text`)).toString('utf8')).toBe('héllo');
      expect([...(await store.get(`${root}/a/bytes`))]).toEqual([0, 1, 2, 255]);
      expect(await store.exists(`${root}/a/text`)).toBe(true);
    });

    it('streams a body larger than 64 KiB in and out byte for byte', async () => {
      const data = randomBytes(300 * 1024 + 7);
      await store.put(`${root}/big/blob`, Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]));
      const back = await readAll(await store.getStream(`${root}/big/blob`));
      expect(back.length).toBe(data.length);
      expect(createHash('sha256').update(back).digest('hex')).toBe(
        createHash('sha256').update(data).digest('hex'),
      );
    });

    it('replaces an object on a second write', async () => {
      await store.put(`${root}/replace/x`, 'one');
      await store.put(`${root}/replace/x`, 'two');
      expect((await store.get(`${root}/replace/x`)).toString()).toBe('two');
    });

    it('reports a missing object as ArtifactNotFoundError, from get and getStream alike', async () => {
      await expect(store.get(`${root}/missing`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
      await expect(store.getStream(`${root}/missing`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
      expect(await store.exists(`${root}/missing`)).toBe(false);
    });

    it.each([['../escape'], ['/absolute'], ['a//b'], ['a/./b'], ['a/.hidden'], ['']])(
      'refuses the unsafe key %j',
      async (key) => {
        await expect(store.put(key, 'x')).rejects.toBeInstanceOf(ArtifactKeyError);
      },
    );

    it('lists by prefix in key order, including a prefix ending mid-segment', async () => {
      await store.put(`${root}/list/solver/solve-b`, '{}');
      await store.put(`${root}/list/solver/solve-a`, '{}');
      await store.put(`${root}/list/solver/other-c`, '{}');
      await store.put(`${root}/list/adviser/advise-d`, '{}');
      const all = await collect(store.list(`${root}/list/solver/`));
      expect(all.map((i) => i.key)).toEqual([
        `${root}/list/solver/other-c`,
        `${root}/list/solver/solve-a`,
        `${root}/list/solver/solve-b`,
      ]);
      const some = await collect(store.list(`${root}/list/solver/solve-`));
      expect(some.map((i) => i.key)).toEqual([`${root}/list/solver/solve-a`, `${root}/list/solver/solve-b`]);
      expect(all.every((i) => i.size === 2 && i.lastModified instanceof Date)).toBe(true);
    });

    it('filters listings by write time', async () => {
      await store.put(`${root}/time/x`, '1');
      const [info] = await collect(store.list(`${root}/time/`));
      expect(info).toBeDefined();
      const later = new Date(info!.lastModified.getTime() + 60_000);
      expect(await collect(store.list(`${root}/time/`, { since: later }))).toEqual([]);
      expect(await collect(store.list(`${root}/time/`, { until: later }))).toHaveLength(1);
    });

    it('deletes, and deleting an absent key is not an error', async () => {
      await store.put(`${root}/del/x`, '1');
      await store.delete(`${root}/del/x`);
      await store.delete(`${root}/del/x`);
      expect(await store.exists(`${root}/del/x`)).toBe(false);
    });

    it('stores documents as canonical JSON under the shared layout and lists them without requests', async () => {
      const seen: string[] = [];
      const docs = new DocumentStore(store, { prefix: root, deployment: 'test' }, (type) => {
        seen.push(type);
      });
      const key = await docs.putDocument('solver', 'solve-1234', {
        result: { b: 1, a: [2] },
        metadata: { x: 1 },
      });
      expect(key).toBe(`${root}/test/solver/solve-1234`);
      await docs.putRequest('solver', 'solve-1234', { package: 'flask' });
      expect((await store.get(key)).toString()).toBe(
        '{\n  "metadata": {\n    "x": 1\n  },\n  "result": {\n    "a": [\n      2\n    ],\n    "b": 1\n  }\n}\n',
      );
      expect(await docs.getDocument('solver', 'solve-1234')).toEqual({
        metadata: { x: 1 },
        result: { a: [2], b: 1 },
      });
      expect(await docs.getRequest('solver', 'solve-1234')).toEqual({ package: 'flask' });
      const listed = await collect(docs.listDocuments('solver'));
      expect(listed.map((d) => d.documentId)).toEqual(['solve-1234']);
      expect(seen).toEqual(['solver', 'solver']);
    });

    it('writes nothing when the validator refuses the document', async () => {
      const docs = new DocumentStore(store, { prefix: root, deployment: 'test' }, () => {
        throw new Error('invalid');
      });
      await expect(docs.putDocument('adviser', 'advise-1', {})).rejects.toThrow('invalid');
      expect(await docs.hasDocument('adviser', 'advise-1')).toBe(false);
    });
  });
}
