// Stub wheels: a valid wheel (PEP 427) that holds only `<name>-<version>.dist-info/` with METADATA
// (the corpus text), WHEEL (tags from the file name) and RECORD (sha256 of each entry), so pip, uv,
// poetry and pdm can resolve against the loopback index and even install. The bytes are deterministic,
// so the hash on a page always matches the file served later.
import { createHash } from 'node:crypto';
import { wheelTags } from '../filenames.js';
import { writeZip } from '../zip/index.js';

/** `METADATA` bytes for a stub: the corpus text, newline-terminated. */
export function stubMetadataBytes(metadataText: string): Buffer {
  return Buffer.from(metadataText.endsWith('\n') ? metadataText : `${metadataText}\n`, 'utf8');
}

/** The escaped distribution name used in wheel file names and `.dist-info` folders (PEP 427/491). */
export function escapeWheelName(normalizedName: string): string {
  return normalizedName.replace(/[-_.]+/g, '_');
}

/** Build the stub wheel named `filename` around `metadata` (the bytes served as METADATA). */
export function synthesizeWheel(filename: string, metadata: Buffer): Buffer {
  const parts = filename.slice(0, -'.whl'.length).split('-');
  const distInfo = `${parts[0]}-${parts[1]}.dist-info`;
  const tags = wheelTags(filename) ?? { python: 'py3', abi: 'none', platform: 'any' };
  const tagLines: string[] = [];
  for (const python of tags.python.split('.')) {
    for (const abi of tags.abi.split('.')) {
      for (const platform of tags.platform.split('.')) tagLines.push(`Tag: ${python}-${abi}-${platform}`);
    }
  }
  const wheel = Buffer.from(
    [
      'Wheel-Version: 1.0',
      'Generator: thoth-loopback-index (stub)',
      `Root-Is-Purelib: ${tags.platform === 'any' ? 'true' : 'false'}`,
      ...tagLines,
      '',
    ].join('\n'),
  );
  const record = (path: string, data: Buffer): string =>
    `${path},sha256=${createHash('sha256').update(data).digest('base64url')},${data.length}`;
  const recordText = Buffer.from(
    [
      record(`${distInfo}/METADATA`, metadata),
      record(`${distInfo}/WHEEL`, wheel),
      `${distInfo}/RECORD,,`,
      '',
    ].join('\n'),
  );
  return writeZip([
    { name: `${distInfo}/METADATA`, data: metadata },
    { name: `${distInfo}/WHEEL`, data: wheel },
    { name: `${distInfo}/RECORD`, data: recordText },
  ]);
}
