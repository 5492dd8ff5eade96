// Public face of lib/solver: solve releases of one package for several environments from index
// metadata alone (no installs, no builds), and wrap the result as a validated solver document.
export const id = 'solver';
export const description =
  'Releases of one package: files, dependencies with full specifiers, extras and markers, per-environment installability';

export type {
  EnvironmentSpec,
  SolveOutcome,
  SolveRequest,
  SolverPorts,
  SolveStats,
  TargetEnvironment,
  VersionSelection,
} from './types.js';
export { solvePackage, DEFAULT_CONCURRENCY, DEFAULT_METADATA_ATTEMPTS } from './solver.js';
export { solveTransitive, DEFAULT_MAX_PACKAGES, DEFAULT_PACKAGE_CONCURRENCY } from './transitive.js';
export type { TransitiveOptions, TransitiveOutcome, TransitiveStats } from './transitive.js';
export {
  parseEnvironmentShorthand,
  platformFromTag,
  readEnvironmentFile,
  resolveEnvironment,
  resolveEnvironments,
} from './environments.js';
export {
  buildSolverDocument,
  solverDocumentId,
  solverIdempotencyKey,
  SOLVER_ANALYZER,
  SOLVER_DOCUMENT_KIND,
  SOLVER_SCHEMA_VERSION,
} from './document.js';
export type { DocumentContext } from './document.js';
export { readDependencies, markerExtras, requiresExtra } from './dependencies.js';
export { installabilityVerdict } from './installability.js';
export { groupReleases, selectReleases } from './releases.js';
export type { PageRelease, Selection } from './releases.js';
export { createSdistMetadataBuilder } from './build/index.js';
export type {
  BuildFailureCode,
  BuildOutcome,
  BuildRequirementsSource,
  MetadataBuilder,
  SdistBuildOptions,
} from './build/index.js';
