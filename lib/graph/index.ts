// Public face of lib/graph: the knowledge-graph port, its two backends, migrations and queries.
export type { GraphStore, SqlExecutor } from './types.js';
export { GraphQueryError, MigrationError, mapGraphError } from './errors.js';
export { PgGraphStore } from './pg-store.js';
export type { PgStoreConfig } from './pg-store.js';
export { PgliteGraphStore } from './pglite-store.js';
export { CachedGraphReader } from './query-cache.js';
export type { QueryCacheOptions, QueryCacheStats, RevisionedGraph } from './query-cache.js';
export { readRevision, revisionFileOf } from './revision.js';
export { loadMigrations, migrate, MIGRATIONS_DIR } from './migrator.js';
export type { Migration, MigrateResult } from './migrator.js';
export type {
  DependencyRecord,
  EnvironmentRecord,
  FileRecord,
  ReleaseRecord,
  VerdictRecord,
} from './records.js';
export {
  bumpGraphVersion,
  graphVersion,
  upsertEnvironments,
  upsertIndex,
  upsertRelease,
  upsertSolverRun,
} from './queries/releases.js';
export { loadClosure, loadPackages } from './queries/adviser.js';
export { loadReleaseArtifacts } from './queries/artifacts.js';
export type { ReleaseArtifactRow } from './queries/artifacts.js';
export type { KnownDependency, KnownRelease } from './queries/adviser.js';
export { claimJob, finishJob, jobCounts } from './queries/jobs.js';
export type { ClaimOutcome, ClaimRequest, JobStatus } from './queries/jobs.js';
export { markFileAbsent, setMissing, setProvidesSourceDistro } from './queries/flags.js';
export type { ReleaseRef } from './queries/flags.js';
export { graphStats } from './queries/stats.js';
export type { GraphStats } from './queries/stats.js';
export {
  rebuildGraph,
  syncDocument,
  syncFromStore,
  solverDocumentToRecords,
  SYNC_ORDER,
} from './sync/index.js';
export type { BatchOptions, BatchResult, SolverRecords, SyncOutcome } from './sync/index.js';
export {
  adviserRun,
  hasSecurityIndicators,
  isIndexEnabled,
  markFileAbsentByHash,
  markReRunScheduled,
  pendingReRunsFor,
  recordListedReleases,
  releaseFlags,
  solvedEnvironments,
  solvedVersions,
  versionsSolvedInAll,
  submittedJobCounts,
  submittedJobs,
} from './queries/investigator.js';
export type { PendingReRun, PendingUnresolved, SubmittedJob } from './queries/investigator.js';
export {
  affectedReleasesOf,
  deleteAdvisory,
  getAdvisory,
  getWatchPosition,
  linkAffectedRelease,
  listReleasesByName,
  loadAdvisoriesForPackages,
  replaceAffectedReleases,
  setWatchPosition,
  upsertAdvisory,
} from './queries/advisories.js';
export type {
  AdvisoryAffectedRecord,
  AdvisoryRecord,
  AdvisoryReleaseRow,
  StoredAdvisory,
} from './queries/advisories.js';
export { loadReleaseAdvisories, loadSecurityIndicators } from './queries/security.js';
export type {
  AdvisoryReleaseRef,
  ReleaseAdvisoryRecord,
  ReleaseSecurityIndicatorRecord,
  SeverityConfidenceCounts,
} from './queries/security.js';
export { unanalysedReleases, unsolvedPairs } from './queries/refresh.js';
export type { UnanalysedRelease, UnsolvedPair } from './queries/refresh.js';
