// Public face of the adviser's knowledge sources: the graph-backed one and the in-memory one, and the
// join of the graph's security reads onto releases.
export { GraphKnowledgeSource } from './graph.js';
export type { GraphKnowledgeOptions } from './graph.js';
export { InMemoryKnowledgeSource, dependencyFromText, fixtureRelease } from './in-memory.js';
export type { FixtureAdvisory, InMemoryKnowledgeOptions, ReleaseSpec } from './in-memory.js';
export { withSecurity } from './security.js';
