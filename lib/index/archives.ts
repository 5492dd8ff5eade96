// Finding core metadata inside distribution archives: `<name>-<version>.dist-info/METADATA` in a wheel
// (PEP 427), the top-level `PKG-INFO` of an sdist (PEP 643; tar.gz through node-tar's streaming parser,
// zip through the zip reader). Nothing is extracted to disk.
import { Parser } from 'tar';
import { canonicalizeName } from '../python/name/index.js';
import { ArchiveFormatError } from './errors.js';
import { wheelDistribution } from './filenames.js';
import { bufferZipSource, MAX_ENTRY_SIZE, ZipArchive } from './zip/index.js';
import type { ZipEntry } from './zip/index.js';

const DIST_INFO_METADATA = /^([^/]+)\.dist-info\/METADATA$/;

/**
 * The METADATA entry of a wheel. When several `.dist-info` folders exist (vendoring mistakes), the
 * one whose name matches the wheel's distribution name wins, as pip and uv decide.
 */
export function findWheelMetadataEntry(entries: readonly ZipEntry[], filename: string): ZipEntry | undefined {
  const candidates = entries.filter((e) => DIST_INFO_METADATA.test(e.name));
  if (candidates.length <= 1) return candidates[0];
  const distribution = wheelDistribution(filename);
  if (distribution === undefined) return candidates[0];
  const wanted = canonicalizeName(distribution);
  return (
    candidates.find((e) => {
      // `<name>-<version>.dist-info`: the name part never contains a hyphen (PEP 427 escapes it).
      const stem = DIST_INFO_METADATA.exec(e.name)![1]!;
      return canonicalizeName(stem.split('-')[0]!) === wanted;
    }) ?? candidates[0]
  );
}

/** The top-level `PKG-INFO` of a gzip'd tar sdist, or undefined when there is none. */
export function readPkgInfoFromTarGz(filename: string, bytes: Buffer): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    let found: Buffer | undefined;
    let size = 0;
    const parser = new Parser({
      strict: true,
      onReadEntry(entry) {
        // `<top>/PKG-INFO` only: egg-info/PKG-INFO deeper down is not the sdist's own metadata.
        const parts = entry.path.replace(/^\.\//, '').split('/');
        if (found === undefined && parts.length === 2 && parts[1] === 'PKG-INFO' && entry.type === 'File') {
          const chunks: Buffer[] = [];
          entry.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ENTRY_SIZE) chunks.push(chunk);
          });
          entry.on('end', () => {
            found = Buffer.concat(chunks);
          });
        } else {
          entry.resume();
        }
      },
    });
    parser.on('error', (error: Error) =>
      reject(new ArchiveFormatError(filename, error.message, { cause: error })),
    );
    parser.on('close', () => resolve(found));
    parser.end(bytes);
  });
}

/** The top-level `PKG-INFO` of a zip sdist, or undefined when there is none. */
export async function readPkgInfoFromZip(filename: string, bytes: Buffer): Promise<Buffer | undefined> {
  const archive = await ZipArchive.open(bufferZipSource(filename, bytes));
  const entry = archive.entries.find((e) => /^[^/]+\/PKG-INFO$/.test(e.name));
  return entry === undefined ? undefined : archive.read(entry);
}
