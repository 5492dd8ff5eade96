// Public face of lib/index/corpus: the corpus format (gzip'd JSON lines), loading and writing it, and
// capturing one from a live index.
export {
  CORPUS_FORMAT,
  CORPUS_FORMAT_VERSION,
  decodeCorpus,
  encodeCorpus,
  loadCorpus,
  writeCorpus,
} from './format.js';
export type { Corpus, CorpusFile, CorpusHeader, CorpusProject, CorpusRelease } from './format.js';
export { captureCorpus } from './capture.js';
export type { CaptureOptions } from './capture.js';
