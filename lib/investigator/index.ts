// Public face of lib/investigator: the consumer that turns Kafka messages into workflow submissions.
// Handlers (by type and version), the scheduling policy (job table + deterministic names +
// back-pressure), the job follow-up, configuration, metrics and the operations endpoint.
export type {
  HandlerContext,
  InvestigatorDeps,
  InvestigatorPolicy,
  JobKind,
  MessageHandlerSpec,
  RegisteredHandler,
  ScheduleRequest,
  VersionSource,
} from './types.js';
export { JOB_KINDS } from './types.js';
export { HANDLERS, HANDLER_LIST, findHandler, handledTypes } from './handlers/index.js';
export { createDispatcher } from './dispatch.js';
export { schedule, jobWorkflowName } from './schedule.js';
export type { ScheduleOutcome } from './schedule.js';
export { reRunDocumentId, securityIndicatorKey, solveKey, pickVersions } from './learn.js';
export { reconcileJobs } from './reconcile.js';
export type { ReconcileOptions, ReconcileResult } from './reconcile.js';
export { InvestigatorMetrics } from './metrics.js';
export { Counter, Gauge, Registry, PROMETHEUS_CONTENT_TYPE } from './prometheus.js';
export { startOperationsServer } from './http.js';
export type { OperationsServer, OperationsServerOptions } from './http.js';
export { InvestigatorService } from './service.js';
export type { InvestigatorServiceOptions } from './service.js';
export { INVESTIGATOR_VARIABLES, readInvestigatorConfig } from './config.js';
export type { EngineConfig, InvestigatorConfig } from './config.js';
export { IndexVersionSource } from './versions.js';
export {
  ArtifactsNotConfiguredError,
  InterruptedError,
  MissingRequestError,
  NoHandlerError,
  UnknownIndexError,
} from './errors.js';
