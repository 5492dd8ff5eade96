// Public face of lib/runtime: configuration of a process from its environment, the factories that
// open the ports (graph, artifact store) it names, and the pipeline composed on one machine (bus,
// investigator, local workflow engine, graph, artifact store) for `thoth advise` and `thoth up`.
export {
  RUNTIME_VARIABLES,
  openDocuments,
  openGraph,
  readRuntimeConfig,
  validateDocument,
} from './config.js';
export type { Env, GraphConfig, RuntimeConfig } from './config.js';
export { openSharedPglite, sharedPgliteHandles } from './shared-graph.js';
export { openAdviseGraph, queryCacheFileFor } from './advise-graph.js';
export type { AdviseGraph } from './advise-graph.js';
export { PipelineActivity } from './activity.js';
export { TrackedWorkflowEngine } from './tracked-engine.js';
export type { FinishedWorkflow, TrackedEngineOptions } from './tracked-engine.js';
export { Pipeline } from './pipeline.js';
export type { PipelineOptions } from './pipeline.js';
export { localSolverImage, solvedPackageMessages } from './solver-image.js';
export type { OutgoingMessageEntry } from './solver-image.js';
export { nextSlot, parseCron } from './cron.js';
export type { CronSchedule } from './cron.js';
export { PeriodicScheduler, readPeriodicJobs } from './periodic.js';
export type { PeriodicJob, PeriodicRun, PeriodicSchedulerOptions } from './periodic.js';
