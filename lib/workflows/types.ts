// The workflow-engine port: how Thoth submits a pipeline (a WorkflowTemplate in workflows/) and
// follows it. Two families implement it: Argo (REST server or Workflow custom resources) in a
// cluster, and the local engine that runs the same YAML on one machine.
import type { Logger } from '../log/index.js';

/** Lifecycle phase of a workflow or of one of its nodes, spelled as Argo spells it. */
export type WorkflowPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

/** Phase of one node; adds Argo's non-running outcomes of a node that never ran. */
export type NodePhase = WorkflowPhase | 'Skipped' | 'Omitted';

/** Where a submission starts from: a WorkflowTemplate (the usual case) or a CronWorkflow's spec. */
export type ResourceKind = 'WorkflowTemplate' | 'CronWorkflow';

/** What to run. */
export interface SubmitRequest {
  /** Name of the WorkflowTemplate (or CronWorkflow) in workflows/, e.g. `thoth-solve`. */
  template: string;
  /** Kind of `template`; default `WorkflowTemplate`. */
  resourceKind?: ResourceKind;
  /**
   * The workflow's name, deterministic (see `workflowName`): submitting the same name twice is
   * refused by Argo (409) and by the local engine, which makes redelivered messages harmless.
   */
  name: string;
  /** Values for the template's `spec.arguments.parameters`, by parameter name (snake_case). */
  parameters?: Record<string, string>;
  /** Labels put on the workflow (e.g. the correlation id), for listing and selection. */
  labels?: Record<string, string>;
}

/**
 * Outcome of a submission. `already-exists` is not an error: it is the expected answer when a message
 * is delivered twice, and the caller treats it as done (or watches the existing workflow).
 */
export type SubmitResult =
  { outcome: 'submitted'; name: string } | { outcome: 'already-exists'; name: string };

/** One node (task, step, retry attempt, fan-out child) of a workflow. */
export interface WorkflowNodeStatus {
  /** Stable node id inside the workflow. */
  id: string;
  /** Display path, e.g. `thoth-solve-1a2b.solve` or `main.bandit(0:flask)`. */
  name: string;
  /** Template run by the node (after templateRef resolution: `<workflowtemplate>/<template>`). */
  templateName: string;
  /** `Pod`/`Container` for leaves; `DAG`, `Steps`, `Retry`, `TaskGroup`, `Skipped` for the others. */
  type: string;
  phase: NodePhase;
  /** Why it failed, was skipped or omitted. */
  message?: string;
  /** Exit code of a leaf's container or in-process step, when it ran to an exit. */
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  /** Output parameters by name. */
  outputs?: Record<string, string>;
}

/** A workflow as seen now. */
export interface WorkflowStatus {
  name: string;
  /** The WorkflowTemplate it was submitted from, when known. */
  template?: string;
  phase: WorkflowPhase;
  /** Why the workflow failed or errored. */
  message?: string;
  /** ISO-8601 instants; absent until known. */
  startedAt?: string;
  finishedAt?: string;
  /** The parameters it runs with (defaults filled in). */
  parameters: Record<string, string>;
  labels: Record<string, string>;
  nodes: WorkflowNodeStatus[];
}

/** One line of a summary listing. */
export type WorkflowSummary = Pick<
  WorkflowStatus,
  'name' | 'template' | 'phase' | 'startedAt' | 'finishedAt' | 'message'
>;

/** One line of a step's log. */
export interface WorkflowLogLine {
  /** Node display name the line came from. */
  node: string;
  /** The line, without its trailing newline. */
  content: string;
}

export interface WatchOptions {
  /** Polling period for engines that poll; default 2000 ms for Argo, 50 ms locally. */
  pollIntervalMs?: number;
  /** Stop waiting (the workflow keeps running) and throw WorkflowWatchTimeoutError after this long. */
  timeoutMs?: number;
  /** Called with each status seen while waiting. */
  onUpdate?: (status: WorkflowStatus) => void;
  signal?: AbortSignal;
}

export interface ListOptions {
  /** Only workflows in this phase. */
  phase?: WorkflowPhase;
  /** Only workflows submitted from this template. */
  template?: string;
  /** At most this many, newest first. */
  limit?: number;
}

/** The port. Every member is safe to call from any process that shares the engine's configuration. */
export interface WorkflowEngine {
  /** `argo`, `kubernetes` or `local`; for logs and `thoth workflows` output. */
  readonly kind: string;
  /**
   * Start a workflow from a template under a fixed name. A name already taken yields
   * `{outcome: 'already-exists'}`; an unknown template or a parameter the template does not
   * declare (or outside its enum) throws InputError; an unreachable engine throws HostError.
   */
  submit(request: SubmitRequest): Promise<SubmitResult>;
  /** The workflow's status, or `undefined` when no workflow has that name. */
  get(name: string): Promise<WorkflowStatus | undefined>;
  /**
   * Wait until the workflow's phase is Succeeded, Failed or Error and return that status.
   * Throws WorkflowNotFoundError when it does not exist and WorkflowWatchTimeoutError on timeout.
   */
  watch(name: string, options?: WatchOptions): Promise<WorkflowStatus>;
  /** Log lines of every leaf node (or of the one node whose display name or id is `node`). */
  logs(name: string, options?: { node?: string }): Promise<WorkflowLogLine[]>;
  /** Known workflows, newest first. */
  list(options?: ListOptions): Promise<WorkflowSummary[]>;
  /** Release connections; running local workflows keep running until they finish. */
  close(): Promise<void>;
}

/** What an in-process step receives besides its argv. */
export interface StepIo {
  /** Directory for output parameters and artifacts (`/tmp/outputs` in a pod). */
  outputsDir: string;
  /** Directory holding input artifacts (`/tmp/inputs` in a pod). */
  inputsDir: string;
  /** Logger whose lines become the node's log. */
  log: Logger;
  /** Aborted when the step's deadline or the workflow's deadline passes. */
  signal: AbortSignal;
}

/** One step that `thoth-step <name>` runs; entries of steps/registry.ts. */
export interface StepDefinition {
  /** The step name, equal to the template name and to `steps/<name>.ts`. */
  name: string;
  /** One line for `thoth-step --help` and the README. */
  description: string;
  /**
   * Run with the arguments after `thoth-step <name>`; resolve to the exit code (see exit-codes.ts:
   * 0 ok, 2 bad input, 3 contract error, 75 host error worth a retry). Throwing counts as an Error
   * node (exit code 1).
   */
  run(argv: string[], io: StepIo): Promise<number>;
}

/** Step name → step; the local engine runs `thoth-step <name>` containers through it in process. */
export type StepRegistry = ReadonlyMap<string, StepDefinition>;
