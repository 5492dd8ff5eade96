// Public face of the adviser's knowledge sources: the graph-backed one and the in-memory one.
export { GraphKnowledgeSource } from './graph.js';
export { InMemoryKnowledgeSource, dependencyFromText, fixtureRelease } from './in-memory.js';
export type { ReleaseSpec } from './in-memory.js';
