// Public face of lib/index/zip: a range-read-friendly zip reader and a deterministic zip writer.
export { ZipArchive, bufferZipSource, TAIL_PREFETCH, MAX_ENTRY_SIZE } from './reader.js';
export type { ZipEntry, ZipSource } from './reader.js';
export { writeZip } from './writer.js';
export type { ZipInput } from './writer.js';
