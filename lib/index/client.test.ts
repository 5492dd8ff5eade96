// The HTTP client against the real loopback index over real HTTP: pages in both formats, PEP 658,
// range reads, the full-download fallback, sdists, retries, timeouts, 404s, malformed data, the cache
// and credentials.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/index.js';
import { HttpPackageIndex } from './client.js';
import { PageMemo } from './page-memo.js';
import type { HttpPackageIndexOptions } from './client.js';
import { loadCorpus } from './corpus/index.js';
import type { Corpus } from './corpus/index.js';
import {
  HashMismatchError,
  IndexHostError,
  IndexPageError,
  IndexRequestRejectedError,
  MetadataParseError,
} from './errors.js';
import { serveCorpus } from './server/index.js';
import type { LoopbackIndex, ServeOptions } from './server/index.js';
import type { ProjectPage } from './types.js';
import { writeZip } from './zip/index.js';
import { buildCorpus } from './__fixtures__/corpus-builder.js';
import { verifyHashes } from './client.js';

const FAST_RETRY = { retries: 3, initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };
const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

let requestsCorpus: Corpus;
const open: { close(): Promise<void> }[] = [];
const temporary: string[] = [];

beforeAll(async () => {
  requestsCorpus = await loadCorpus(fixture('pypi-corpus-requests.jsonl.gz').pathname);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function serve(corpus: Corpus, options: ServeOptions = {}): Promise<LoopbackIndex> {
  const server = await serveCorpus(corpus, options);
  open.push(server);
  return server;
}

function client(options: Partial<HttpPackageIndexOptions> & { indexUrls: string[] }): HttpPackageIndex {
  const index = new HttpPackageIndex({ retry: FAST_RETRY, ...options });
  open.push(index);
  return index;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thoth-index-'));
  temporary.push(dir);
  return dir;
}

async function page(index: HttpPackageIndex, name: string): Promise<ProjectPage> {
  const result = await index.getProject(name);
  if (result.kind !== 'project') throw new Error(`expected a project page for ${name}`);
  return result;
}

describe('project pages from the loopback index', () => {
  it.each(['json', 'html'] as const)('reads %s pages with the same files', async (format) => {
    const server = await serve(requestsCorpus, { format });
    const index = client({ indexUrls: [server.url] });
    const result = await page(index, 'Requests');
    expect(result).toMatchObject({
      format,
      normalizedName: 'requests',
      indexUrl: server.url,
      droppedFiles: [],
    });
    const wheel = result.files.find((f) => f.filename === 'requests-2.32.3-py3-none-any.whl')!;
    expect(wheel).toMatchObject({ requiresPython: '>=3.8', yanked: false });
    expect(wheel.hashes['sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(wheel.coreMetadata).toEqual({ hashes: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    if (format === 'json') {
      expect(result.versions).toContain('2.32.3');
      expect(wheel.uploadTime).toBe('2024-05-29T15:37:47.027275Z');
    }
  });

  it('negotiates JSON by default (PEP 691) and HTML when asked', async () => {
    const server = await serve(requestsCorpus);
    expect((await page(client({ indexUrls: [server.url] }), 'idna')).format).toBe('json');
    expect((await page(client({ indexUrls: [server.url], format: 'html' }), 'idna')).format).toBe('html');
  });

  it('answers an unknown project with a not-found value naming every index asked', async () => {
    const server = await serve(requestsCorpus);
    const index = client({ indexUrls: [server.url] });
    expect(await index.getProject('No_Such.Project')).toEqual({
      kind: 'not-found',
      name: 'No_Such.Project',
      normalizedName: 'no-such-project',
      indexUrls: [server.url],
    });
    expect(server.counters.notFound).toBe(1);
  });

  it('asks indexes in priority order and takes the first that knows the project', async () => {
    const privateIndex = await serve(buildCorpus([{ project: 'idna', version: '99.0' }]));
    const publicIndex = await serve(requestsCorpus);
    const index = client({ indexUrls: [privateIndex.url, publicIndex.url] });
    const idna = await page(index, 'idna');
    expect(idna.indexUrl).toBe(privateIndex.url);
    expect(idna.files.map((f) => f.filename)).toEqual(['idna-99.0-py3-none-any.whl']);
    expect((await page(index, 'certifi')).indexUrl).toBe(publicIndex.url);
  });

  it.each(['json', 'html'] as const)(
    'reports a malformed %s page as IndexPageError, never an empty list',
    async (format) => {
      const server = await serve(requestsCorpus, { format, faults: { malformedProjects: ['idna'] } });
      const error = await client({ indexUrls: [server.url] })
        .getProject('idna')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IndexPageError);
      expect(error).toMatchObject({ code: 'malformed-index-page', url: `${server.url}idna/` });
      expect((error as IndexPageError).reason).toMatch(format === 'json' ? /`files`/ : /no HTML markup/);
    },
  );
});

describe('core metadata', () => {
  const wheelOf = async (index: HttpPackageIndex, project: string, filename: string) =>
    (await page(index, project)).files.find((f) => f.filename === filename)!;

  it('uses the PEP 658 file when advertised and verifies its hash', async () => {
    const server = await serve(requestsCorpus);
    const index = client({ indexUrls: [server.url] });
    const metadata = await index.getCoreMetadata(
      await wheelOf(index, 'requests', 'requests-2.32.3-py3-none-any.whl'),
    );
    expect(metadata).toMatchObject({
      kind: 'metadata',
      source: 'pep658',
      name: 'requests',
      version: '2.32.3',
    });
    expect(metadata.kind === 'metadata' && metadata.requiresDist).toContain('idna <4,>=2.5');
    expect(server.counters).toMatchObject({ metadata: 1, files: 0 });
  });

  it('reads METADATA by range requests when no PEP 658 file is published', async () => {
    const server = await serve(requestsCorpus, { pep658: false });
    const index = client({ indexUrls: [server.url] });
    const wheel = await wheelOf(index, 'urllib3', 'urllib3-2.2.3-py3-none-any.whl');
    expect(wheel.coreMetadata).toBe(false);
    const metadata = await index.getCoreMetadata(wheel);
    expect(metadata).toMatchObject({
      kind: 'metadata',
      source: 'wheel-range',
      name: 'urllib3',
      version: '2.2.3',
    });
    expect(server.counters.metadata).toBe(0);
    expect(server.counters.rangeRequests).toBeGreaterThanOrEqual(1);
    expect(index.stats.fullDownloads).toBe(0);
  });

  it('reads a real wheel (six 1.17.0) and a large one by ranges, fetching only tail and entry', async () => {
    const six = readFileSync(fixture('pypi-six-1.17.0-py2.py3-none-any.whl'));
    const metadataText = 'Metadata-Version: 2.1\nName: big\nVersion: 1.0\nRequires-Dist: six\n';
    // METADATA first, 200 kB after it: the tail read cannot cover the entry, so a second read is needed.
    const big = writeZip([
      { name: 'big-1.0.dist-info/METADATA', data: Buffer.from(metadataText) },
      { name: 'big/data.bin', data: Buffer.alloc(200_000, 7), store: true },
      { name: 'big-1.0.dist-info/WHEEL', data: Buffer.from('Wheel-Version: 1.0\n') },
      { name: 'big-1.0.dist-info/RECORD', data: Buffer.from('') },
    ]);
    const corpus = buildCorpus([
      { project: 'six', version: '1.17.0', files: ['six-1.17.0-py2.py3-none-any.whl'] },
      { project: 'big', version: '1.0', metadata: metadataText },
    ]);
    const server = await serve(corpus, {
      pep658: false,
      artifacts: new Map([
        ['six-1.17.0-py2.py3-none-any.whl', six],
        ['big-1.0-py3-none-any.whl', big],
      ]),
    });
    const index = client({ indexUrls: [server.url] });
    const sixFile = await wheelOf(index, 'six', 'six-1.17.0-py2.py3-none-any.whl');
    expect(sixFile.hashes['sha256']).toBe('4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274');
    expect(await index.getCoreMetadata(sixFile)).toMatchObject({
      name: 'six',
      version: '1.17.0',
      source: 'wheel-range',
    });
    expect(server.counters.rangeRequests).toBe(1);
    server.resetCounters();
    const bigMetadata = await index.getCoreMetadata(await wheelOf(index, 'big', 'big-1.0-py3-none-any.whl'));
    expect(bigMetadata).toMatchObject({ name: 'big', requiresDist: ['six'], source: 'wheel-range' });
    expect(server.counters.rangeRequests).toBe(2);
  });

  it('falls back to a full download when the server ignores Range, and remembers it', async () => {
    const server = await serve(requestsCorpus, { pep658: false, rangeSupport: false });
    const index = client({ indexUrls: [server.url] });
    const first = await index.getCoreMetadata(await wheelOf(index, 'idna', 'idna-3.10-py3-none-any.whl'));
    expect(first).toMatchObject({ name: 'idna', version: '3.10', source: 'wheel-download' });
    const second = await index.getCoreMetadata(
      await wheelOf(index, 'certifi', 'certifi-2024.8.30-py3-none-any.whl'),
    );
    expect(second).toMatchObject({ name: 'certifi', source: 'wheel-download' });
    expect(index.stats).toMatchObject({ rangeRequests: 1, fullDownloads: 1 });
  });

  it('reports malformed PEP 658 metadata as MetadataParseError with the reason', async () => {
    const server = await serve(requestsCorpus, {
      faults: { malformedMetadata: ['idna-3.10-py3-none-any.whl'] },
    });
    const index = client({ indexUrls: [server.url] });
    // The published hash is that of the good file, so switch off verification by dropping it.
    const file = await wheelOf(index, 'idna', 'idna-3.10-py3-none-any.whl');
    const mismatch = await index.getCoreMetadata(file).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(HashMismatchError);
    const error = await index
      .getCoreMetadata({ ...file, coreMetadata: { hashes: {} } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetadataParseError);
    expect(error).toMatchObject({ code: 'malformed-metadata', file: 'idna-3.10-py3-none-any.whl' });
    expect((error as MetadataParseError).reason).toMatch(/first line is not a header/);
  });

  it('reports metadata without Name as MetadataParseError, in the wheel too', async () => {
    const server = await serve(
      buildCorpus([{ project: 'broken', version: '1.0', metadata: 'Metadata-Version: 2.1\nVersion: 1.0\n' }]),
      {
        pep658: false,
      },
    );
    const index = client({ indexUrls: [server.url] });
    const error = await index
      .getCoreMetadata((await page(index, 'broken')).files[0]!)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'malformed-metadata', reason: 'there is no Name field' });
  });

  describe('sdists', () => {
    const pkgInfo = (version: string, extra = '') =>
      `Metadata-Version: ${version}\nName: sd\nVersion: 1.0\nRequires-Dist: idna>=3\n${extra}`;
    const tarGz = (text: string | undefined) =>
      gzipSync(
        tarball([
          ['sd-1.0/setup.py', 'print(1)\n'],
          ...(text === undefined ? [] : [['sd-1.0/PKG-INFO', text] as const]),
        ]),
      );
    it.each([
      [
        'tar.gz, Metadata-Version 2.2',
        'sd-1.0.tar.gz',
        tarGz(pkgInfo('2.2')),
        { kind: 'metadata', source: 'sdist-pkg-info', requiresDist: ['idna>=3'] },
      ],
      [
        'zip, Metadata-Version 2.4',
        'sd-1.0.zip',
        writeZip([{ name: 'sd-1.0/PKG-INFO', data: Buffer.from(pkgInfo('2.4')) }]),
        { kind: 'metadata' },
      ],
      [
        'Metadata-Version 2.1',
        'sd-1.0.tar.gz',
        tarGz(pkgInfo('2.1')),
        { kind: 'needs-build', reason: 'sdist-metadata-too-old' },
      ],
      [
        'dynamic Requires-Dist',
        'sd-1.0.tar.gz',
        tarGz(pkgInfo('2.2', 'Dynamic: Requires-Dist\n')),
        { kind: 'needs-build', reason: 'sdist-dynamic-dependencies' },
      ],
      [
        'no PKG-INFO',
        'sd-1.0.tar.gz',
        tarGz(undefined),
        { kind: 'needs-build', reason: 'sdist-without-pkg-info' },
      ],
    ])('%s', async (_, filename, bytes, expected) => {
      const server = await serve(buildCorpus([{ project: 'sd', version: '1.0', files: [filename] }]), {
        artifacts: new Map([[filename, bytes]]),
      });
      const index = client({ indexUrls: [server.url] });
      const file = (await page(index, 'sd')).files.find((f) => f.filename === filename)!;
      expect(file.coreMetadata).toBe(false);
      expect(await index.getCoreMetadata(file)).toMatchObject(expected);
    });
  });
});

describe('host failures', () => {
  it('retries 503s and succeeds (fast retry settings passed in)', async () => {
    const server = await serve(requestsCorpus, { faults: { unavailableFirst: 2 } });
    const result = await client({ indexUrls: [server.url] }).getProject('idna');
    expect(result.kind).toBe('project');
    expect(server.counters.faults).toBe(2);
    expect(server.counters.requests).toBe(3);
  });

  it('turns a dead index into a retriable IndexHostError, not "no versions"', async () => {
    const server = await serve(requestsCorpus, { faults: { unavailableFirst: 1000 } });
    const error = await client({ indexUrls: [server.url], retry: { ...FAST_RETRY, retries: 2 } })
      .getProject('idna')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexHostError);
    expect(error).toMatchObject({ code: 'host-unavailable', retriable: true, url: `${server.url}idna/` });
    expect((error as Error).message).toMatch(/after 3 attempts: HTTP 503/);
  });

  it('treats a timeout as a host error', async () => {
    // undici's timers tick about once a second, so a 100 ms timeout fires after ~1 s; the delay exceeds that.
    const server = await serve(requestsCorpus, { faults: { delayMs: 3000 } });
    const error = await client({
      indexUrls: [server.url],
      headersTimeoutMs: 100,
      retry: { ...FAST_RETRY, retries: 0 },
    })
      .getProject('idna')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexHostError);
    expect((error as Error).message).toMatch(/UND_ERR_HEADERS_TIMEOUT/);
  });

  it('treats a refused connection as a host error', async () => {
    const server = await serve(requestsCorpus);
    const url = server.url;
    await server.close();
    const error = await client({ indexUrls: [url], retry: { ...FAST_RETRY, retries: 1 } })
      .getProject('idna')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexHostError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe('HTTP cache', () => {
  it('revalidates with If-None-Match: the second fetch is a 304 and reads the same page', async () => {
    const server = await serve(requestsCorpus);
    const cacheDir = tempDir();
    const first = await page(client({ indexUrls: [server.url], cacheDir }), 'certifi');
    const index = client({ indexUrls: [server.url], cacheDir });
    const second = await page(index, 'certifi');
    expect(second).toEqual(first);
    expect(server.counters).toMatchObject({ pages: 2, notModified: 1 });
    expect(index.stats).toMatchObject({ pageRequests: 1, pagesNotModified: 1 });
  });

  it('serves a fresh page (Cache-Control max-age) without asking, and revalidates once it is stale', async () => {
    const server = await serve(requestsCorpus, { cacheControl: 'max-age=600' });
    const cacheDir = tempDir();
    let now = Date.parse('2025-01-01T00:00:00Z');
    const index = client({ indexUrls: [server.url], cacheDir, now: () => now });
    await page(index, 'idna');
    await page(index, 'idna');
    expect(server.counters.pages).toBe(1);
    expect(index.stats.pagesFromCache).toBe(1);
    now += 601_000;
    await page(index, 'idna');
    expect(server.counters).toMatchObject({ pages: 2, notModified: 1 });
  });

  it('keeps metadata by file hash: a second client reads it without a request', async () => {
    const server = await serve(requestsCorpus);
    const cacheDir = tempDir();
    for (let round = 0; round < 2; round++) {
      const index = client({ indexUrls: [server.url], cacheDir });
      const file = (await page(index, 'idna')).files.find(
        (f) => f.filename === 'idna-3.10-py3-none-any.whl',
      )!;
      expect(await index.getCoreMetadata(file)).toMatchObject({ name: 'idna', version: '3.10' });
    }
    expect(server.counters.metadata).toBe(1);
  });
});

describe('credentials', () => {
  const auth = { username: 'alice', password: 's3cr@t' };

  it('sends user:password from the index URL and never shows it', async () => {
    const server = await serve(requestsCorpus, { basicAuth: auth, faults: { unavailableFirst: 1 } });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      destination: new Writable({
        write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()),
      }),
    });
    const withCredentials = server.url.replace(
      'http://',
      `http://alice:${encodeURIComponent(auth.password)}@`,
    );
    const index = client({ indexUrls: [withCredentials], logger });
    const result = await page(index, 'idna');
    expect(result.indexUrl).toBe(server.url);
    expect(JSON.stringify(result)).not.toContain('s3cr');
    expect(index.indexUrls).toEqual([server.url]);
    expect(lines.join('')).toContain('index request failed, retrying');
    expect(lines.join('')).not.toContain('s3cr');
  });

  it('reads credentials from an injected netrc file', async () => {
    const server = await serve(requestsCorpus, { basicAuth: auth });
    const netrc = join(tempDir(), 'netrc');
    writeFileSync(netrc, `machine 127.0.0.1\n  login alice\n  password s3cr@t\n`);
    expect(
      (await page(client({ indexUrls: [server.url], netrcPath: netrc }), 'idna')).files.length,
    ).toBeGreaterThan(0);
  });

  it('refuses without credentials: IndexRequestRejectedError with the status', async () => {
    const server = await serve(requestsCorpus, { basicAuth: auth });
    const error = await client({ indexUrls: [server.url] })
      .getProject('idna')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexRequestRejectedError);
    expect(error).toMatchObject({ code: 'index-request-rejected', status: 401, retriable: false });
  });
});

describe('verifyHashes', () => {
  it('checks the strongest digest it knows and names the file on a mismatch', () => {
    const bytes = Buffer.from('abc');
    expect(() =>
      verifyHashes(
        bytes,
        { sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
        'f',
      ),
    ).not.toThrow();
    expect(() => verifyHashes(bytes, { sha256: '00' }, 'f.whl')).toThrow(/sha256 of f.whl is ba78/);
    expect(() => verifyHashes(bytes, { 'made-up': '00' }, 'f')).not.toThrow();
  });
});

/** A minimal ustar archive of regular files (test support for sdists). */
function tarball(files: readonly (readonly [string, string])[]): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of files) {
    const data = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

describe('PageMemo shared by clients', () => {
  it('answers a page another client fetched moments ago, concurrent lookups included, and forgets after its ttl', async () => {
    const server = await serve(buildCorpus([{ project: 'memo-pkg', version: '1.0' }]));
    let now = 1_000;
    const memo = new PageMemo({ ttlMs: 60_000, now: () => now });
    const a = client({ indexUrls: [server.url], pageMemo: memo });
    const b = client({ indexUrls: [server.url], pageMemo: memo });
    const [first, second] = await Promise.all([a.getProject('memo-pkg'), b.getProject('Memo_Pkg')]);
    expect(first.kind).toBe('project');
    expect(second).toBe(first);
    expect(await b.getProject('memo-pkg')).toBe(first);
    expect(server.counters.pages).toBe(1);
    expect(memo.hits).toBe(2);
    // A not-found answer is an answer too; a client without the memo fetches on its own.
    expect((await a.getProject('no-such-project')).kind).toBe('not-found');
    expect((await b.getProject('no-such-project')).kind).toBe('not-found');
    expect(server.counters.notFound).toBe(1);
    const requests = server.counters.requests;
    await client({ indexUrls: [server.url] }).getProject('memo-pkg');
    expect(server.counters.requests).toBe(requests + 1);
    now += 60_000;
    await b.getProject('memo-pkg');
    expect(server.counters.requests).toBe(requests + 2);
  });

  it('does not keep a failed lookup: the next caller asks the index again', async () => {
    const server = await serve(buildCorpus([{ project: 'flaky-pkg', version: '1.0' }]), {
      faults: { malformedProjects: ['flaky-pkg'] },
    });
    const memo = new PageMemo();
    const a = client({ indexUrls: [server.url], pageMemo: memo });
    await expect(a.getProject('flaky-pkg')).rejects.toThrow();
    const before = server.counters.requests;
    await expect(a.getProject('flaky-pkg')).rejects.toThrow();
    expect(server.counters.requests).toBeGreaterThan(before);
  });
});
