// Public face of lib/workflows: the WorkflowEngine port, its three implementations (Argo REST,
// Workflow custom resources, the local engine), the exit-code table and deterministic names.
export type {
  ListOptions,
  NodePhase,
  ResourceKind,
  StepDefinition,
  StepIo,
  StepRegistry,
  SubmitRequest,
  SubmitResult,
  WatchOptions,
  WorkflowEngine,
  WorkflowLogLine,
  WorkflowNodeStatus,
  WorkflowPhase,
  WorkflowStatus,
  WorkflowSummary,
} from './types.js';
export {
  EXIT_CODES,
  RETRIABLE_EXIT_CODES,
  RETRY_EXPRESSION,
  describeExitCode,
  exitCodeForError,
  isRetriableExitCode,
} from './exit-codes.js';
export type { ExitCodeEntry } from './exit-codes.js';
export { MAX_WORKFLOW_NAME_LENGTH, isValidWorkflowName, workflowName } from './names.js';
export {
  ArgoRequestError,
  UnsupportedFeatureError,
  WorkflowDefinitionError,
  WorkflowNotFoundError,
  WorkflowWatchTimeoutError,
} from './errors.js';
export { ArgoWorkflowEngine } from './argo/argo-engine.js';
export type { ArgoEngineConfig } from './argo/argo-engine.js';
// KubernetesWorkflowEngine lives in './kubernetes.js', not here: @kubernetes/client-node takes about a
// second to load, which every `thoth` command would pay for a path only cluster deployments use.
export { isFinalPhase, toWorkflowStatus } from './argo/status.js';
export { ArgoClient } from './argo-client/index.js';
export type { ArgoClientConfig } from './argo-client/index.js';
export {
  LocalWorkflowEngine,
  RunStateStore,
  loadWorkflowDirectory,
  loadWorkflowSources,
} from './engine/index.js';
export type { Catalogue, LocalEngineConfig, RunRecord } from './engine/index.js';
export { submitAndWatch } from './submit.js';
export type { SubmitAndWatchOptions } from './submit.js';
