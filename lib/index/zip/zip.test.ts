import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArchiveFormatError } from '../errors.js';
import { bufferZipSource, TAIL_PREFETCH, writeZip, ZipArchive } from './index.js';
import type { ZipSource } from './index.js';

/** A ZipSource that records every read, to check how little is fetched. */
function recording(bytes: Buffer): { source: ZipSource; reads: string[] } {
  const inner = bufferZipSource('test.zip', bytes);
  const reads: string[] = [];
  return {
    reads,
    source: {
      name: 'test.zip',
      readTail: (length) => (reads.push(`tail ${length}`), inner.readTail(length)),
      read: (offset, length) => (reads.push(`read ${offset}+${length}`), inner.read(offset, length)),
    },
  };
}

describe('zip reader', () => {
  it('reads METADATA from a real wheel (six 1.17.0 from PyPI) with one tail read', async () => {
    const wheel = readFileSync(
      new URL('../__fixtures__/pypi-six-1.17.0-py2.py3-none-any.whl', import.meta.url),
    );
    const { source, reads } = recording(wheel);
    const archive = await ZipArchive.open(source);
    expect(archive.entries.map((e) => e.name)).toContain('six-1.17.0.dist-info/METADATA');
    const entry = archive.entries.find((e) => e.name === 'six-1.17.0.dist-info/METADATA')!;
    const text = (await archive.read(entry)).toString();
    expect(text).toMatch(/^Metadata-Version: 2\.1\nName: six\nVersion: 1\.17\.0\n/);
    expect(reads).toEqual([`tail ${TAIL_PREFETCH}`]);
  });

  it('round-trips what the writer wrote, stored and deflated, with one extra read for an early entry', async () => {
    const big = Buffer.alloc(100_000, 'x');
    const zip = writeZip([
      { name: 'a/METADATA', data: Buffer.from('Name: a\n') },
      { name: 'big.bin', data: big, store: true },
      { name: 'ünïcode.txt', data: Buffer.from('é') },
    ]);
    const { source, reads } = recording(zip);
    const archive = await ZipArchive.open(source);
    expect(archive.entries.map((e) => [e.name, e.method])).toEqual([
      ['a/METADATA', 8],
      ['big.bin', 0],
      ['ünïcode.txt', 8],
    ]);
    expect((await archive.read(archive.entries[0]!)).toString()).toBe('Name: a\n');
    expect(reads).toHaveLength(2);
    expect((await archive.read(archive.entries[1]!)).equals(big)).toBe(true);
    expect((await archive.read(archive.entries[2]!)).toString()).toBe('é');
  });

  it('writes the same bytes for the same input', () => {
    const entries = [{ name: 'x', data: Buffer.from('y') }];
    expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
  });

  it.each([
    [
      'not a zip',
      Buffer.from('hello world, this is not a zip archive at all'),
      'no end-of-central-directory record',
    ],
    [
      'a truncated zip',
      writeZip([{ name: 'x', data: Buffer.alloc(1000, 1), store: true }]).subarray(0, 200),
      'no end-of-central-directory record',
    ],
  ])('rejects %s', async (_, bytes, reason) => {
    await expect(ZipArchive.open(bufferZipSource('bad.zip', bytes))).rejects.toThrow(ArchiveFormatError);
    await expect(ZipArchive.open(bufferZipSource('bad.zip', bytes))).rejects.toThrow(reason);
  });

  it('detects a corrupted entry by its CRC', async () => {
    const zip = writeZip([{ name: 'x', data: Buffer.from('abcdef'), store: true }]);
    zip[30 + 1] = 'Z'.charCodeAt(0); // first data byte after the 30-byte header and 1-byte name
    const archive = await ZipArchive.open(bufferZipSource('crc.zip', zip));
    await expect(archive.read(archive.entries[0]!)).rejects.toThrow('CRC-32 mismatch');
  });
});
