// A small zip central-directory reader that needs only random access: the tail of the archive (for
// the end-of-central-directory record), the central directory, and the one entry wanted. Backed by a
// buffer or by HTTP range requests, it reads a wheel's METADATA with two or three small reads the way
// uv (after prefix-dev/rip) does. Handles zip64 records, stored and deflated entries; checks CRC-32.
import { crc32, inflateRawSync } from 'node:zlib';
import { ArchiveFormatError } from '../errors.js';

/** Random access to an archive. */
export interface ZipSource {
  /** Name of the archive, for error messages. */
  readonly name: string;
  /** The last `length` bytes (fewer when the archive is shorter) and the archive's total size. */
  readTail(length: number): Promise<{ bytes: Buffer; size: number }>;
  /** `length` bytes from `offset`. */
  read(offset: number, length: number): Promise<Buffer>;
}

/** One central-directory entry. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly extraLength: number;
}

/** The guess at how much of the tail holds the central directory (uv uses 16 KiB too). */
export const TAIL_PREFETCH = 16 * 1024;
/** Refuse to inflate an entry larger than this (a METADATA is kilobytes; this guards zip bombs). */
export const MAX_ENTRY_SIZE = 64 * 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A ZipSource over bytes held in memory. */
export function bufferZipSource(name: string, bytes: Buffer): ZipSource {
  return {
    name,
    readTail: (length) =>
      Promise.resolve({ bytes: bytes.subarray(Math.max(0, bytes.length - length)), size: bytes.length }),
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

/** An open archive: its entries and a way to read one. Reads covered by the fetched tail cost nothing. */
export class ZipArchive {
  private constructor(
    private readonly source: ZipSource,
    private readonly tail: Buffer,
    private readonly tailStart: number,
    readonly size: number,
    readonly entries: readonly ZipEntry[],
  ) {}

  /** Read the end-of-central-directory record and the central directory. */
  static async open(source: ZipSource): Promise<ZipArchive> {
    const fail = (reason: string): never => {
      throw new ArchiveFormatError(source.name, reason);
    };
    const { bytes: tail, size } = await source.readTail(TAIL_PREFETCH);
    const tailStart = size - tail.length;
    const eocdAt = findBackwards(tail, EOCD, 22);
    if (eocdAt < 0) fail('no end-of-central-directory record (not a zip archive, or truncated)');
    let count = tail.readUInt16LE(eocdAt + 10);
    let cdSize = tail.readUInt32LE(eocdAt + 12);
    let cdOffset = tail.readUInt32LE(eocdAt + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locatorAt = eocdAt - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR) fail('zip64 locator missing');
      const zip64At = Number(tail.readBigUInt64LE(locatorAt + 8));
      const record =
        zip64At >= tailStart
          ? tail.subarray(zip64At - tailStart, zip64At - tailStart + 56)
          : await source.read(zip64At, 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
        fail('zip64 end-of-central-directory record missing');
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size)
      fail(`central directory (${cdOffset}+${cdSize}) lies beyond the archive size ${size}`);
    const directory =
      cdOffset >= tailStart
        ? tail.subarray(cdOffset - tailStart, cdOffset - tailStart + cdSize)
        : await source.read(cdOffset, cdSize);
    const entries = readCentralDirectory(directory, count, source.name);
    return new ZipArchive(source, tail, tailStart, size, entries);
  }

  /** The inflated bytes of `entry`, CRC-checked. */
  async read(entry: ZipEntry): Promise<Buffer> {
    const fail = (reason: string): never => {
      throw new ArchiveFormatError(this.source.name, `${entry.name}: ${reason}`);
    };
    if (entry.uncompressedSize > MAX_ENTRY_SIZE)
      fail(`entry is ${entry.uncompressedSize} bytes, over the limit`);
    // One read for the local header and the data; the local extra field usually equals the central
    // one, with slack for the cases where it does not.
    const guess = 30 + Buffer.byteLength(entry.name) + entry.extraLength + 256 + entry.compressedSize;
    let chunk = await this.slice(
      entry.localHeaderOffset,
      Math.min(guess, this.size - entry.localHeaderOffset),
    );
    if (chunk.length < 30 || chunk.readUInt32LE(0) !== LOCAL) fail('bad local file header');
    const dataStart = 30 + chunk.readUInt16LE(26) + chunk.readUInt16LE(28);
    if (chunk.length < dataStart + entry.compressedSize) {
      chunk = await this.slice(entry.localHeaderOffset, dataStart + entry.compressedSize);
    }
    const raw = chunk.subarray(dataStart, dataStart + entry.compressedSize);
    if (raw.length !== entry.compressedSize) fail('entry data is truncated');
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_SIZE });
      } catch (error) {
        return fail(`cannot inflate (${(error as Error).message})`);
      }
    } else return fail(`unsupported compression method ${entry.method}`);
    if (data.length !== entry.uncompressedSize)
      fail(`inflated to ${data.length} bytes, expected ${entry.uncompressedSize}`);
    if (crc32(data) >>> 0 !== entry.crc32) fail('CRC-32 mismatch');
    return data;
  }

  private async slice(offset: number, length: number): Promise<Buffer> {
    if (offset >= this.tailStart)
      return this.tail.subarray(offset - this.tailStart, offset - this.tailStart + length);
    return this.source.read(offset, length);
  }
}

function findBackwards(bytes: Buffer, signature: number, minLength: number): number {
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes.
  const lowest = Math.max(0, bytes.length - minLength - 0xffff);
  for (let i = bytes.length - minLength; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) === signature) return i;
  }
  return -1;
}

function readCentralDirectory(directory: Buffer, count: number, name: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) {
      throw new ArchiveFormatError(name, `central directory entry ${i} is malformed`);
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entryName = directory.toString('utf8', at + 46, at + 46 + nameLength);
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    // Zip64 extended information (header id 1): only the fields saturated in the fixed part, in order.
    let extraAt = at + 46 + nameLength;
    const extraEnd = extraAt + extraLength;
    while (extraAt + 4 <= extraEnd) {
      const id = directory.readUInt16LE(extraAt);
      const size = directory.readUInt16LE(extraAt + 2);
      if (id === 1) {
        let p = extraAt + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = Number(directory.readBigUInt64LE(p));
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(directory.readBigUInt64LE(p));
          p += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(directory.readBigUInt64LE(p));
      }
      extraAt += 4 + size;
    }
    entries.push({
      name: entryName,
      method: directory.readUInt16LE(at + 10),
      crc32: directory.readUInt32LE(at + 16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      extraLength,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
