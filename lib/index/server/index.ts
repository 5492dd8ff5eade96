// Public face of lib/index/server: the loopback index over a corpus, and the stub-wheel synthesizer.
export { serveCorpus, negotiate } from './serve.js';
export type { LoopbackIndex, ServeFaults, ServeOptions, ServerCounters } from './serve.js';
export { synthesizeWheel, stubMetadataBytes, escapeWheelName } from './stub-wheel.js';
export { publishProject } from './published.js';
export type { PublishedFile, PublishedProject } from './published.js';
