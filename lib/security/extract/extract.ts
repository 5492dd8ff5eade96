// Safe extraction of an sdist (.tar.gz or .zip) that may be hostile: the security-indicator steps unpack
// whatever an index serves. Two phases: every entry is read and checked in memory first (paths, types,
// sizes, counts, compression ratio), and only an archive that passes as a whole is written, so a refused
// archive writes nothing at all. Links are never created: one pointing outside refuses the archive, one
// pointing inside is skipped (bandit and cloc walk real files only).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'tar';
import type { ReadEntry } from 'tar';
import yauzl from 'yauzl';
import type { Entry as ZipEntry } from 'yauzl';
import { UnsafeArchiveError } from '../errors.js';
import type { UnsafeArchiveReason } from '../errors.js';

/** Resource limits; defaults suit an sdist in a 512 MiB pod. */
export interface ExtractLimits {
  /** Most entries (files, directories, links) in the archive. */
  maxEntries: number;
  /** Largest single file, bytes. */
  maxFileBytes: number;
  /** Most bytes after decompression (the tar stream, or all zip entries together). */
  maxTotalBytes: number;
  /** Largest decompressed/compressed ratio once past `ratioFloorBytes` (text compresses ~5-10x). */
  maxRatio: number;
  /** Below this many decompressed bytes the ratio is not checked (a tiny archive cannot be a bomb). */
  ratioFloorBytes: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxEntries: 20_000,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** What was written. */
export interface ExtractSummary {
  files: number;
  directories: number;
  bytes: number;
  /** Links (symbolic or hard) pointing inside the archive, not created. */
  skippedLinks: number;
  /** The single top-level directory of the archive (`name-1.0/` for an sdist), if there is one. */
  root: string | undefined;
}

interface PlannedFile {
  path: string;
  data: Buffer;
  executable: boolean;
}

interface Plan {
  files: Map<string, PlannedFile>;
  directories: Set<string>;
  skippedLinks: number;
  entries: number;
  bytes: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;

/**
 * A checked relative path: `./` prefixes dropped, backslashes read as separators (Windows-made zips),
 * absolute paths and anything resolving above the root refused.
 */
export function safeEntryPath(archive: string, raw: string): string | undefined {
  const fail = (reason: UnsafeArchiveReason, detail: string): never => {
    throw new UnsafeArchiveError(archive, reason, detail, raw);
  };
  if (raw.includes('\0')) fail('path-traversal', `entry name "${raw.replace(/\0/g, '\\0')}" contains NUL`);
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    fail('absolute-path', `entry "${raw}" is an absolute path`);
  const normalized = posix.normalize(name).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) {
    fail('path-traversal', `entry "${raw}" resolves outside the extraction directory`);
  }
  return normalized === '.' || normalized === '' ? undefined : normalized;
}

/** Whether a link at `entryPath` to `target` stays inside the root (resolved lexically). */
function linkStaysInside(entryPath: string, target: string, hard: boolean): boolean {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/') || /^[A-Za-z]:/.test(t)) return false;
  // A hard link's target is relative to the archive root, a symlink's to the link's own directory.
  const resolved = posix.normalize(hard ? t : posix.join(posix.dirname(entryPath), t));
  return !(resolved === '..' || resolved.startsWith('../'));
}

class Planner {
  readonly plan: Plan = { files: new Map(), directories: new Set(), skippedLinks: 0, entries: 0, bytes: 0 };
  constructor(
    readonly archive: string,
    readonly limits: ExtractLimits,
  ) {}

  fail(reason: UnsafeArchiveReason, detail: string, entry?: string): never {
    throw new UnsafeArchiveError(this.archive, reason, detail, entry);
  }

  count(raw: string): void {
    if (++this.plan.entries > this.limits.maxEntries) {
      this.fail('too-many-files', `more than ${this.limits.maxEntries} entries`, raw);
    }
  }

  checkSize(raw: string, size: number): void {
    if (size > this.limits.maxFileBytes) {
      this.fail('file-too-large', `entry "${raw}" is ${size} bytes, over ${this.limits.maxFileBytes}`, raw);
    }
  }

  directory(raw: string): void {
    this.count(raw);
    const path = safeEntryPath(this.archive, raw);
    if (path !== undefined) this.plan.directories.add(path);
  }

  file(raw: string, data: Buffer, executable: boolean): void {
    this.count(raw);
    this.checkSize(raw, data.length);
    const path = safeEntryPath(this.archive, raw);
    if (path === undefined) this.fail('path-traversal', `entry "${raw}" names the root as a file`, raw);
    this.plan.bytes += data.length;
    if (this.plan.bytes > this.limits.maxTotalBytes) {
      this.fail('total-too-large', `more than ${this.limits.maxTotalBytes} bytes in total`, raw);
    }
    this.plan.files.set(path, { path, data, executable });
  }

  link(raw: string, target: string, hard: boolean): void {
    this.count(raw);
    const path = safeEntryPath(this.archive, raw) ?? '.';
    if (!linkStaysInside(path, target, hard)) {
      this.fail(
        'link-escape',
        `${hard ? 'hard link' : 'symbolic link'} "${raw}" points outside the archive ("${target}")`,
        raw,
      );
    }
    this.plan.skippedLinks++;
  }
}

/** The byte cap for inflating `compressed` bytes: the total limit, or the ratio limit when lower. */
function inflateCap(compressed: number, limits: ExtractLimits): { cap: number; byRatio: boolean } {
  const byRatio = Math.max(limits.ratioFloorBytes, compressed * limits.maxRatio);
  return byRatio < limits.maxTotalBytes
    ? { cap: byRatio, byRatio: true }
    : { cap: limits.maxTotalBytes, byRatio: false };
}

async function planTarGz(archive: string, bytes: Buffer, limits: ExtractLimits): Promise<Plan> {
  const planner = new Planner(archive, limits);
  const { cap, byRatio } = inflateCap(bytes.length, limits);
  let tar: Buffer;
  try {
    // Inflate with a hard output cap: a bomb stops at the cap instead of filling memory.
    tar = gunzipSync(bytes, { maxOutputLength: cap });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return byRatio
        ? planner.fail(
            'compression-ratio',
            `inflates more than ${limits.maxRatio} times its ${bytes.length} bytes`,
          )
        : planner.fail('total-too-large', `inflates to more than ${limits.maxTotalBytes} bytes`);
    }
    return planner.fail('corrupt-archive', `not a gzip stream (${(error as Error).message})`);
  }
  await new Promise<void>((resolvePlan, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry(entry: ReadEntry) {
        const abort = (error: unknown): void => {
          entry.resume();
          parser.abort(error as Error);
        };
        try {
          planTarEntry(planner, entry, abort);
        } catch (error) {
          abort(error);
        }
      },
    });
    parser.on('error', (error: Error) =>
      reject(
        error instanceof UnsafeArchiveError
          ? error
          : new UnsafeArchiveError(archive, 'corrupt-archive', `not a tar archive (${error.message})`),
      ),
    );
    parser.on('abort', (error: Error) => reject(error));
    parser.on('close', () => resolvePlan());
    parser.end(tar);
  });
  return planner.plan;
}

function planTarEntry(planner: Planner, entry: ReadEntry, abort: (error: unknown) => void): void {
  const raw = entry.path;
  switch (entry.type) {
    case 'Directory':
      planner.directory(raw);
      entry.resume();
      return;
    case 'File':
    case 'OldFile':
    case 'ContiguousFile': {
      planner.checkSize(raw, entry.size ?? 0);
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        try {
          planner.file(raw, Buffer.concat(chunks), ((entry.mode ?? 0) & 0o111) !== 0);
        } catch (error) {
          abort(error);
        }
      });
      return;
    }
    case 'SymbolicLink':
    case 'Link':
      planner.link(raw, entry.linkpath ?? '', entry.type === 'Link');
      entry.resume();
      return;
    default:
      // CharacterDevice, BlockDevice, FIFO and anything unknown: never created.
      planner.fail('special-file', `entry "${raw}" is a ${entry.type} entry`, raw);
  }
}

async function planZip(archive: string, bytes: Buffer, limits: ExtractLimits): Promise<Plan> {
  const planner = new Planner(archive, limits);
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings off: yauzl would reject bad names with an untyped error; we decode and judge them.
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    return planner.fail('corrupt-archive', `not a zip archive (${(error as Error).message})`);
  }
  const { cap, byRatio } = inflateCap(bytes.length, limits);
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      await planZipEntry(planner, zip, entry, (n) => {
        inflated += n;
        if (inflated > cap) {
          if (byRatio)
            planner.fail(
              'compression-ratio',
              `inflates more than ${limits.maxRatio} times its ${bytes.length} bytes`,
            );
          planner.fail('total-too-large', `inflates to more than ${limits.maxTotalBytes} bytes`);
        }
      });
    }
  } catch (error) {
    if (error instanceof UnsafeArchiveError) throw error;
    return planner.fail('corrupt-archive', `cannot read the zip archive (${(error as Error).message})`);
  } finally {
    zip.close();
  }
  return planner.plan;
}

async function planZipEntry(
  planner: Planner,
  zip: yauzl.ZipFile,
  entry: ZipEntry,
  onBytes: (n: number) => void,
): Promise<void> {
  const raw = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    (entry as unknown as { fileNameRaw: Buffer }).fileNameRaw,
    entry.extraFields,
    false,
  );
  // Unix mode bits live in the high 16 bits of the external attributes when the zip was made on Unix.
  const madeOnUnix = (entry as unknown as { versionMadeBy: number }).versionMadeBy >> 8 === 3;
  const mode = madeOnUnix ? entry.externalFileAttributes >>> 16 : 0;
  const type = mode & S_IFMT;
  if (raw.endsWith('/') || raw.endsWith('\\') || type === S_IFDIR) return planner.directory(raw);
  if (type !== 0 && type !== S_IFREG && type !== S_IFLNK) {
    return planner.fail('special-file', `entry "${raw}" has file type 0o${type.toString(8)}`, raw);
  }
  if (type !== S_IFLNK) planner.checkSize(raw, entry.uncompressedSize);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    onBytes(chunk.length);
    // Declared sizes can lie; count what actually comes out.
    if (type !== S_IFLNK) planner.checkSize(raw, size);
    chunks.push(chunk);
  }
  const data = Buffer.concat(chunks);
  if (type === S_IFLNK) return planner.link(raw, data.toString('utf8'), false);
  planner.file(raw, data, (mode & 0o111) !== 0);
}

/** Which archive format a file name denotes, or undefined. */
export function archiveFormat(filename: string): 'tar.gz' | 'zip' | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.zip')) return 'zip';
  return undefined;
}

/**
 * Extract `bytes` (an archive named `filename`) into `destination`, which must not exist or be empty.
 * Throws UnsafeArchiveError, with nothing written, when the archive is refused.
 */
export async function extractArchive(
  filename: string,
  bytes: Buffer,
  destination: string,
  limits: Partial<ExtractLimits> = {},
): Promise<ExtractSummary> {
  const effective = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  const format = archiveFormat(filename);
  if (format === undefined) {
    throw new UnsafeArchiveError(
      filename,
      'unsupported-format',
      'only .tar.gz, .tgz and .zip sdists are extracted',
    );
  }
  const plan =
    format === 'zip'
      ? await planZip(filename, bytes, effective)
      : await planTarGz(filename, bytes, effective);

  const root = resolve(destination);
  await mkdir(root, { recursive: true });
  if ((await readdir(root)).length > 0) {
    throw new UnsafeArchiveError(filename, 'corrupt-archive', `the destination ${root} is not empty`);
  }
  const inside = (path: string): string => {
    const target = resolve(root, path);
    // Already guaranteed by safeEntryPath; checked again where the write happens.
    if (!target.startsWith(root + sep)) {
      throw new UnsafeArchiveError(filename, 'path-traversal', `"${path}" resolves outside ${root}`, path);
    }
    return target;
  };
  const directories = new Set<string>(plan.directories);
  for (const file of plan.files.values()) {
    for (let d = posix.dirname(file.path); d !== '.'; d = posix.dirname(d)) directories.add(d);
  }
  try {
    for (const directory of [...directories].sort()) await mkdir(inside(directory), { recursive: true });
    for (const file of plan.files.values()) {
      const target = inside(file.path);
      await mkdir(dirname(target), { recursive: true });
      // Fixed modes: no setuid/setgid/sticky bits from the archive; only "executable or not".
      await writeFile(target, file.data, { mode: file.executable ? 0o755 : 0o644 });
    }
  } catch (error) {
    if (error instanceof UnsafeArchiveError) throw error;
    // A file and a directory of the same name, say: the archive is inconsistent.
    throw new UnsafeArchiveError(filename, 'corrupt-archive', `cannot write: ${(error as Error).message}`);
  }
  const tops = new Set([...directories, ...plan.files.keys()].map((p) => p.split('/')[0]!));
  const onlyTop = tops.size === 1 ? [...tops][0] : undefined;
  return {
    files: plan.files.size,
    directories: directories.size,
    bytes: plan.bytes,
    skippedLinks: plan.skippedLinks,
    root: onlyTop !== undefined && directories.has(onlyTop) ? join(root, onlyTop) : undefined,
  };
}
