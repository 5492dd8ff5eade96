// si-download against a PEP 691 JSON index served on loopback: an sdist is downloaded (hash checked)
// and extracted, a wheel-only release gives UpdateProvidesSourceDistro(false), a release or project that
// is gone gives MissingVersion, and a hostile sdist is refused with exit 2 and nothing written.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMissingVersion, parseUpdateProvidesSourceDistro } from '../lib/contracts/index.js';
import { buildSmallSdist } from '../lib/security/__fixtures__/small-sdist.js';
import { stepIo } from './__fixtures__/step-io.js';
import { parseReleaseArgs, runSiDownload } from './si-download.js';

/** A ustar header + data for one hostile entry (node-tar's writer would sanitize the name). */
function hostileTarGz(name: string): Buffer {
  const data = Buffer.from('owned\n');
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\x0000', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return gzipSync(Buffer.concat([header, data, Buffer.alloc(512 - data.length), Buffer.alloc(1024)]));
}

let server: ReturnType<typeof createServer>;
let indexUrl: string;

beforeAll(async () => {
  const files = new Map<string, Buffer>([
    ['pkg-1.0.tar.gz', await buildSmallSdist()],
    ['pkg-1.0-py3-none-any.whl', Buffer.from('not needed')],
    ['pkg-2.0-py3-none-any.whl', Buffer.from('wheel only')],
    ['evil-1.0.tar.gz', hostileTarGz('evil-1.0/../../../thoth-si-evil.txt')],
  ]);
  const page = (name: string, filenames: string[], versions: string[]): string =>
    JSON.stringify({
      meta: { 'api-version': '1.1' },
      name,
      versions,
      files: filenames.map((filename) => ({
        filename,
        url: `/files/${filename}`,
        hashes: { sha256: createHash('sha256').update(files.get(filename)!).digest('hex') },
        'upload-time': '2024-01-02T03:04:05.000000Z',
      })),
    });
  const pages = new Map([
    [
      'pkg',
      page('pkg', ['pkg-1.0.tar.gz', 'pkg-1.0-py3-none-any.whl', 'pkg-2.0-py3-none-any.whl'], ['1.0', '2.0']),
    ],
    ['evil', page('evil', ['evil-1.0.tar.gz'], ['1.0'])],
  ]);
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    const project = /^\/simple\/([^/]+)\/$/.exec(url)?.[1];
    const file = /^\/files\/(.+)$/.exec(url)?.[1];
    if (project !== undefined && pages.has(project)) {
      response
        .writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' })
        .end(pages.get(project));
    } else if (file !== undefined && files.has(file)) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(files.get(file));
    } else response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const args = (name: string, version: string): string[] => [
  `--package-name=${name}`,
  `--package-version=${version}`,
  `--index-url=${indexUrl}`,
];

describe('si-download', () => {
  it('downloads and extracts the sdist with the release identity beside it', async () => {
    const io = await stepIo();
    expect(await runSiDownload(args('PKG', '1.0'), io)).toBe(0);
    expect(await io.output('failed_status')).toBe('0');
    expect(await io.output('package/source/pkg-1.0/pkg/db.py')).toContain('SELECT');
    expect(await io.outputJson('package/release.json')).toEqual({
      package_name: 'pkg',
      package_version: '1.0',
      index_url: indexUrl,
      released_at: '2024-01-02T03:04:05.000000Z',
    });
    expect(existsSync(join(io.outputsDir, 'messages.json'))).toBe(false);
  });

  it.each([
    ['a wheel-only release', '2.0', 'UpdateProvidesSourceDistro'],
    ['a release that is gone', '3.0', 'MissingVersion'],
  ])('announces %s and sets failed_status=1', async (_label, version, type) => {
    const io = await stepIo();
    expect(await runSiDownload(args('pkg', version), io)).toBe(0);
    expect(await io.output('failed_status')).toBe('1');
    const [message] =
      await io.outputJson<{ type: string; version: number; key: string; payload: unknown }[]>(
        'messages.json',
      );
    expect(message).toMatchObject({ type, version: 1, key: `pypi:pkg:${version}` });
    if (type === 'MissingVersion') {
      expect(parseMissingVersion(message!.payload)).toEqual({
        package_name: 'pkg',
        package_version: '3.0',
        index_url: indexUrl,
        detected_by: 'si-download',
      });
    } else {
      expect(parseUpdateProvidesSourceDistro(message!.payload).provides_source_distro).toBe(false);
    }
    expect(existsSync(join(io.outputsDir, 'package'))).toBe(false);
  });

  it('treats an unknown project as a missing release', async () => {
    const io = await stepIo();
    expect(await runSiDownload(args('no-such-project', '1.0'), io)).toBe(0);
    expect(await io.outputJson('messages.json')).toMatchObject([{ type: 'MissingVersion' }]);
  });

  it('refuses a hostile sdist with exit 2 and writes nothing of it', async () => {
    const io = await stepIo();
    expect(await runSiDownload(args('evil', '1.0'), io)).toBe(2);
    expect(await readdir(io.outputsDir)).toEqual([]);
    expect(existsSync(join(tmpdir(), 'thoth-si-evil.txt'))).toBe(false);
  });

  it.each([
    [['--package-name=x', '--package-version=1'], 'si-download: missing --index-url'],
    [['--package-name=x', '--package-version=1', '--index-url=ftp://x'], 'is not an http(s) URL'],
    [['--nope'], "Unknown option '--nope'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseReleaseArgs('si-download', argv)).toThrow(message);
  });
});
