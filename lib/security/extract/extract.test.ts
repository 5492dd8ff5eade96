// Hostile archives built byte by byte in the test (path traversal, absolute paths, links out, devices,
// decompression bombs, too many files) are refused with a typed reason and write nothing anywhere;
// an ordinary sdist is extracted with fixed modes and inner links skipped.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeZip } from '../../index/index.js';
import { UnsafeArchiveError } from '../errors.js';
import { extractArchive, safeEntryPath } from './index.js';

interface TarInput {
  name: string;
  /** ustar typeflag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory, '6' FIFO. */
  type?: string;
  data?: Buffer | string;
  linkname?: string;
  mode?: number;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar archive written by hand: node-tar's writer would sanitize the hostile names away. */
function tar(entries: TarInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write(octal(entry.mode ?? 0o644, 8), 100);
    header.write(octal(0, 8), 108);
    header.write(octal(0, 8), 116);
    header.write(octal(data.length, 12), 124);
    header.write(octal(0, 12), 136);
    header.write('        ', 148); // checksum field counts as spaces while summing
    header.write(entry.type ?? '0', 156);
    header.write(entry.linkname ?? '', 157, 100, 'utf8');
    header.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const tarGz = (entries: TarInput[]): Buffer => gzipSync(tar(entries));

/** Set the Unix mode of every central-directory entry named `name` (writeZip writes 0o100644). */
function withZipMode(zip: Buffer, name: string, mode: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (out.readUInt32LE(at) !== 0x02014b50) continue;
    const length = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + length) === name)
      out.writeUInt32LE((mode << 16) >>> 0, at + 38);
  }
  return out;
}

let base: string;
let work: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'thoth-extract-'));
  work = join(base, 'work');
});

async function refused(filename: string, bytes: Buffer, limits = {}): Promise<UnsafeArchiveError> {
  const error = await extractArchive(filename, bytes, work, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnsafeArchiveError);
  // Nothing written: not the work directory, not a sibling, not the traversal targets.
  expect(await readdir(base)).toEqual([]);
  expect(existsSync(join(tmpdir(), 'thoth-evil.txt'))).toBe(false);
  return error as UnsafeArchiveError;
}

describe('refusing hostile archives', () => {
  const ok = { name: 'pkg-1.0/setup.py', data: 'print(1)\n' };

  it.each([
    ['path traversal', [ok, { name: 'pkg-1.0/../../thoth-evil.txt', data: 'x' }], 'path-traversal'],
    ['a bare ..', [{ name: '../thoth-evil.txt', data: 'x' }], 'path-traversal'],
    ['an absolute path', [{ name: '/tmp/thoth-evil.txt', data: 'x' }], 'absolute-path'],
    ['a symlink out (relative)', [ok, { name: 'pkg-1.0/l', type: '2', linkname: '../../..' }], 'link-escape'],
    ['a symlink out (absolute)', [{ name: 'pkg-1.0/l', type: '2', linkname: '/etc/passwd' }], 'link-escape'],
    ['a hard link out', [{ name: 'pkg-1.0/h', type: '1', linkname: '../outside' }], 'link-escape'],
    ['a character device', [{ name: 'pkg-1.0/dev', type: '3' }], 'special-file'],
    ['a FIFO', [{ name: 'pkg-1.0/fifo', type: '6' }], 'special-file'],
  ])('tar.gz with %s', async (_label, entries, reason) => {
    const error = await refused('pkg-1.0.tar.gz', tarGz(entries as TarInput[]));
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toMatch(/^refused to extract pkg-1\.0\.tar\.gz: /);
  });

  it('refuses a gzip decompression bomb before inflating it whole', async () => {
    const bomb = tarGz([{ name: 'pkg-1.0/zeros.py', data: Buffer.alloc(40 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await refused('pkg-1.0.tar.gz', bomb);
    expect(error.reason).toBe('compression-ratio');
    expect(error.message).toMatch(/inflates more than 200 times/);
  });

  it('enforces total size, file size and entry count limits', async () => {
    const files = [1, 2, 3, 4].map((i) => ({ name: `pkg-1.0/m${i}.py`, data: 'x'.repeat(1000) }));
    expect((await refused('p.tar.gz', tarGz(files), { maxEntries: 3 })).reason).toBe('too-many-files');
    expect((await refused('p.tar.gz', tarGz(files), { maxFileBytes: 999 })).reason).toBe('file-too-large');
    expect((await refused('p.tar.gz', tarGz(files), { maxTotalBytes: 3000, maxRatio: 1e9 })).reason).toBe(
      'total-too-large',
    );
  });

  it.each([
    [
      'path traversal',
      writeZip([{ name: 'pkg/../../thoth-evil.txt', data: Buffer.from('x') }]),
      'path-traversal',
    ],
    [
      'a backslash traversal',
      writeZip([{ name: 'pkg\\..\\..\\thoth-evil.txt', data: Buffer.from('x') }]),
      'path-traversal',
    ],
    [
      'an absolute path',
      writeZip([{ name: '/tmp/thoth-evil.txt', data: Buffer.from('x') }]),
      'absolute-path',
    ],
    [
      'a symlink out',
      withZipMode(
        writeZip([{ name: 'pkg/link', data: Buffer.from('../../../etc'), store: true }]),
        'pkg/link',
        0o120777,
      ),
      'link-escape',
    ],
    [
      'a block device',
      withZipMode(writeZip([{ name: 'pkg/sda', data: Buffer.alloc(0) }]), 'pkg/sda', 0o060600),
      'special-file',
    ],
    [
      'a deflate bomb',
      writeZip([{ name: 'pkg/zeros.py', data: Buffer.alloc(40 * 1024 * 1024) }]),
      'compression-ratio',
    ],
    ['garbage', Buffer.from('PK not really'), 'corrupt-archive'],
  ])('zip with %s', async (_label, bytes, reason) => {
    expect((await refused('pkg-1.0.zip', bytes)).reason).toBe(reason);
  });

  it('refuses formats it does not extract, and a non-gzip .tar.gz', async () => {
    expect((await refused('pkg-1.0.tar.bz2', Buffer.from('BZh'))).reason).toBe('unsupported-format');
    expect((await refused('pkg-1.0.tar.gz', Buffer.from('not gzip'))).reason).toBe('corrupt-archive');
  });

  it.each([
    ['./a/b.py', 'a/b.py'],
    ['a//b/./c.py', 'a/b/c.py'],
    ['a/x/../b.py', 'a/b.py'],
    ['./', undefined],
  ])('normalizes the harmless path %s', (raw, expected) => {
    expect(safeEntryPath('x.zip', raw)).toBe(expected);
  });
});

describe('extracting an ordinary sdist', () => {
  it('writes files and directories with fixed modes and skips links that stay inside', async () => {
    const bytes = tarGz([
      { name: 'pkg-1.0/', type: '5', mode: 0o755 },
      { name: 'pkg-1.0/pkg/__init__.py', data: 'VERSION = "1.0"\n', mode: 0o4755 },
      { name: './pkg-1.0/PKG-INFO', data: 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n' },
      { name: 'pkg-1.0/alias.py', type: '2', linkname: 'pkg/__init__.py' },
      { name: 'pkg-1.0/empty/', type: '5' },
    ]);
    const summary = await extractArchive('pkg-1.0.tar.gz', bytes, work);
    expect(summary).toEqual({
      files: 2,
      directories: 3,
      bytes: 16 + 45,
      skippedLinks: 1,
      root: join(work, 'pkg-1.0'),
    });
    expect(await readFile(join(work, 'pkg-1.0', 'pkg', '__init__.py'), 'utf8')).toBe('VERSION = "1.0"\n');
    // setuid dropped: only "executable or not" survives.
    expect((await stat(join(work, 'pkg-1.0', 'pkg', '__init__.py'))).mode & 0o7777).toBe(0o755);
    expect((await stat(join(work, 'pkg-1.0', 'PKG-INFO'))).mode & 0o7777).toBe(0o644);
    expect(existsSync(join(work, 'pkg-1.0', 'alias.py'))).toBe(false);
    expect((await stat(join(work, 'pkg-1.0', 'empty'))).isDirectory()).toBe(true);
  });

  it('extracts a zip sdist and refuses a destination that is not empty', async () => {
    const zip = writeZip([
      { name: 'pkg-1.0/pkg/mod.py', data: Buffer.from('x = 1\n') },
      { name: 'pkg-1.0/setup.py', data: Buffer.from('') },
    ]);
    expect(await extractArchive('pkg-1.0.zip', zip, work)).toMatchObject({
      files: 2,
      root: join(work, 'pkg-1.0'),
    });
    await expect(extractArchive('pkg-1.0.zip', zip, work)).rejects.toThrow(/is not empty/);
  });
});
