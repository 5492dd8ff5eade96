// Public face of lib/solver/build: the opt-in PEP 517 metadata build of sdists whose metadata the
// index cannot tell (for the sandboxed solver pod), and the bounded child-process runner it uses.
export { createSdistMetadataBuilder } from './builder.js';
export type {
  BuildFailure,
  BuildFailureCode,
  BuildOutcome,
  BuildRequirementsSource,
  MetadataBuilder,
  SdistBuildOptions,
} from './builder.js';
export { runBounded } from './process.js';
export type { BoundedRunOptions, BoundedRunResult } from './process.js';
export { jsonMetadataToText, metadataFromReport } from './report.js';
