// Public face of lib/index: the PackageIndex port, its HTTP implementation over PEP 503/691/658/714
// indexes, the core-metadata parser, the corpus format and the loopback index server.
export const id = 'python-index';
export const description =
  'PEP 503/691 index client with PEP 658 metadata, wheel range reads, corpora and a loopback index';

export type {
  CoreMetadata,
  Hashes,
  MetadataLookup,
  MetadataNeedsBuild,
  MetadataSource,
  NeedsBuildReason,
  PackageIndex,
  ProjectFile,
  ProjectLookup,
  ProjectNotFound,
  ProjectPage,
} from './types.js';
export {
  ArchiveFormatError,
  CorpusFormatError,
  HashMismatchError,
  IndexFileNotFoundError,
  IndexHostError,
  IndexPageError,
  IndexRequestRejectedError,
  MetadataParseError,
} from './errors.js';
export { HttpPackageIndex, ACCEPT, verifyHashes } from './client.js';
export { PageMemo } from './page-memo.js';
export type { PageMemoOptions } from './page-memo.js';
export type { HttpPackageIndexOptions, IndexClientStats, PageFormat } from './client.js';
export { HttpClient, HttpCache, CredentialStore, parseNetrc, DEFAULT_USER_AGENT } from './http/index.js';
export type { HttpClientOptions } from './http/index.js';
export { parseCoreMetadata, decodeMetadata, stripDescription, compareMetadataVersions } from './metadata.js';
export { readJsonProjectPage, PEP691_JSON } from './simple-json.js';
export { readHtmlProjectPage } from './simple-html.js';
export { fileKind, fileVersion, wheelTags } from './filenames.js';
export {
  captureCorpus,
  decodeCorpus,
  encodeCorpus,
  loadCorpus,
  writeCorpus,
  CORPUS_FORMAT,
  CORPUS_FORMAT_VERSION,
} from './corpus/index.js';
export type {
  CaptureOptions,
  Corpus,
  CorpusFile,
  CorpusHeader,
  CorpusProject,
  CorpusRelease,
} from './corpus/index.js';
export { serveCorpus, synthesizeWheel } from './server/index.js';
export type { LoopbackIndex, ServeFaults, ServeOptions, ServerCounters } from './server/index.js';
export { writeZip, ZipArchive, bufferZipSource } from './zip/index.js';
