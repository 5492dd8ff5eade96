// Public face of the adviser: advise(), the result document, the complete resolver and its
// reports, knowledge sources, the MDP layer (state, beam, predictors, units) and their contracts.
export { advise } from './advise.js';
export type { AdviseInput, AdviseLimitsInput, AdviseOutcome, UnresolvedEntry } from './advise.js';
export { ADVISER_SCHEMA_VERSION, adviseResultDocument } from './document.js';
export type { AdviserMetadata } from './document.js';
export { attachBaseline, scoreBaseline } from './baseline.js';
export type { BaselineLock, BaselineRun, ScoredBaseline } from './baseline.js';
export { Beam } from './beam.js';
export { State } from './state.js';
export { seededRandom, termialIndex } from './random.js';
export { PROFILES } from './recommendation.js';
export { toProduct } from './product.js';
export { Expander, explore } from './search.js';
export { GraphKnowledgeSource, InMemoryKnowledgeSource, fixtureRelease } from './knowledge/index.js';
export { activeRequirements, createCatalog, resolve } from './resolver/index.js';
export type { ResolveOutcome, ResolvedPackage } from './resolver/index.js';
export { renderProse, toDerivation } from './report/index.js';
export { PREDICTORS } from './predictors/index.js';
export type { Predictor, PredictorRun } from './predictors/index.js';
export { buildPipeline, UNITS, NotAcceptable, SkipPackage, EagerStopPipeline } from './units/index.js';
export type * from './types.js';
export {
  checkProvenance,
  GraphArtifactSource,
  IndexArtifactSource,
  provenanceDocument,
  readLock,
} from './provenance/index.js';
export type { ProvenanceFinding, ProvenanceLock, ProvenanceReport } from './provenance/index.js';
export { dependencyMonkey, dependencyMonkeyDocument } from './dependency-monkey/index.js';
export type { DecisionType, DependencyMonkeyOutcome } from './dependency-monkey/index.js';
