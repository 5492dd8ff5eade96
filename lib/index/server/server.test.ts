// The loopback index over real HTTP: negotiation, redirects, ranges, stub wheels whose published
// hashes match the served bytes.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { buildCorpus } from '../__fixtures__/corpus-builder.js';
import { bufferZipSource, ZipArchive } from '../zip/index.js';
import { negotiate, serveCorpus, synthesizeWheel } from './index.js';
import type { LoopbackIndex } from './index.js';

let server: LoopbackIndex;
beforeAll(async () => {
  server = await serveCorpus(
    buildCorpus([
      { project: 'Foo.Bar', version: '1.0', requires: ['idna>=3'], requiresPython: '>=3.8,<4' },
      {
        project: 'Foo.Bar',
        version: '2.0',
        files: ['foo_bar-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'],
        yanked: 'broken <build>',
      },
      { project: 'sdist-only', version: '0.1', files: ['sdist-only-0.1.tar.gz'] },
    ]),
  );
});
afterAll(() => server.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await request(new URL(path, server.url).toString(), { headers });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: Buffer.from(await response.body.arrayBuffer()),
  };
};
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('negotiate (PEP 691)', () => {
  it.each([
    [undefined, 'html'],
    ['application/vnd.pypi.simple.v1+json', 'json'],
    [
      'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01',
      'json',
    ],
    ['text/html', 'html'],
    ['application/vnd.pypi.simple.v1+json;q=0.1, text/html', 'html'],
    ['*/*', 'html'],
    ['application/vnd.pypi.simple.v1+json;q=0', undefined],
    ['image/png', undefined],
  ])('%s → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});

describe('serveCorpus', () => {
  it('redirects non-normalized names (PEP 503) and answers 406 for unknown media types', async () => {
    const redirect = await get('/simple/Foo.Bar/');
    expect(redirect.status).toBe(301);
    expect(redirect.headers['location']).toBe('/simple/foo-bar/');
    expect((await get('/simple/foo-bar/', { accept: 'image/png' })).status).toBe(406);
  });

  it('lists projects at /simple/ in both formats', async () => {
    const json = JSON.parse(
      (await get('/simple/', { accept: 'application/vnd.pypi.simple.v1+json' })).body.toString(),
    );
    expect(json.projects).toEqual([{ name: 'foo-bar' }, { name: 'sdist-only' }]);
    expect((await get('/simple/')).body.toString()).toContain('<a href="/simple/sdist-only/">sdist-only</a>');
  });

  it('publishes stub wheels whose hashes match the bytes served, for pages and PEP 658 files', async () => {
    const page = JSON.parse(
      (await get('/simple/foo-bar/', { accept: 'application/vnd.pypi.simple.v1+json' })).body.toString(),
    );
    expect(page.versions).toEqual(['1.0', '2.0']);
    expect(page.files.map((f: { filename: string }) => f.filename)).toEqual([
      'foo_bar-1.0-py3-none-any.whl',
      'foo_bar-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    ]);
    expect(page.files[1].yanked).toBe('broken <build>');
    for (const file of page.files) {
      const wheel = await get(file.url);
      expect(sha256(wheel.body)).toBe(file.hashes.sha256);
      expect(wheel.body.length).toBe(file.size);
      const metadata = await get(`${file.url}.metadata`);
      expect(sha256(metadata.body)).toBe(file['core-metadata'].sha256);
      // The METADATA inside the wheel is the PEP 658 file, and RECORD lists its real digest.
      const archive = await ZipArchive.open(bufferZipSource(file.filename, wheel.body));
      const entries = Object.fromEntries(
        await Promise.all(archive.entries.map(async (e) => [e.name, (await archive.read(e)).toString()])),
      );
      const distInfo = file.filename.split('-').slice(0, 2).join('-') + '.dist-info';
      expect(entries[`${distInfo}/METADATA`]).toBe(metadata.body.toString());
      const digest = createHash('sha256').update(metadata.body).digest('base64url');
      expect(entries[`${distInfo}/RECORD`]).toContain(
        `${distInfo}/METADATA,sha256=${digest},${metadata.body.length}`,
      );
      expect(entries[`${distInfo}/WHEEL`]).toContain('Wheel-Version: 1.0');
    }
  });

  it('writes every tag of a compressed tag set into WHEEL', async () => {
    const wheel = synthesizeWheel('x-1.0-py2.py3-none-any.whl', Buffer.from('Name: x\nVersion: 1.0\n'));
    const archive = await ZipArchive.open(bufferZipSource('x', wheel));
    const text = (
      await archive.read(archive.entries.find((e) => e.name === 'x-1.0.dist-info/WHEEL')!)
    ).toString();
    expect(text).toContain('Tag: py2-none-any\nTag: py3-none-any\n');
    expect(text).toContain('Root-Is-Purelib: true');
  });

  it('escapes data-requires-python and data-yanked in HTML', async () => {
    const html = (await get('/simple/foo-bar/')).body.toString();
    expect(html).toContain('data-requires-python="&gt;=3.8,&lt;4"');
    expect(html).toContain('data-yanked="broken &lt;build&gt;"');
    expect(html).toContain('data-core-metadata="sha256=');
    expect(html).toContain('data-dist-info-metadata="sha256=');
  });

  it('publishes an sdist-only release as one synthesized pure wheel', async () => {
    const page = JSON.parse(
      (await get('/simple/sdist-only/', { accept: 'application/vnd.pypi.simple.v1+json' })).body.toString(),
    );
    expect(page.files.map((f: { filename: string }) => f.filename)).toEqual([
      'sdist_only-0.1-py3-none-any.whl',
    ]);
  });

  it.each([
    ['bytes=0-3', 206, 'bytes 0-3/'],
    ['bytes=-10', 206, undefined],
    ['bytes=999999-', 416, 'bytes */'],
  ])('answers Range %s with %i', async (range, status, contentRange) => {
    const url = `/files/foo-bar/foo_bar-1.0-py3-none-any.whl`;
    const response = await get(url, { range });
    expect(response.status).toBe(status);
    if (contentRange !== undefined) expect(String(response.headers['content-range'])).toContain(contentRange);
    if (range === 'bytes=0-3') expect(response.body.toString('latin1')).toBe('PK\x03\x04');
  });
});
