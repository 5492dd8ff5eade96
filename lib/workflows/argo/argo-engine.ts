// ArgoWorkflowEngine: the port over the Argo server's REST API. Submission goes through
// `/submit` with resourceKind WorkflowTemplate and a fixed name, so a duplicate is Argo's 409
// AlreadyExists, reported as `already-exists`.
import type { ArgoClientConfig } from '../argo-client/index.js';
import { ArgoClient } from '../argo-client/index.js';
import type {
  ListOptions,
  SubmitRequest,
  SubmitResult,
  WatchOptions,
  WorkflowEngine,
  WorkflowLogLine,
  WorkflowStatus,
  WorkflowSummary,
} from '../types.js';
import { TEMPLATE_LABEL, toWorkflowStatus } from './status.js';
import { toSubmitRequest } from './submit-options.js';
import { pollUntilFinal } from './watch.js';

export interface ArgoEngineConfig extends ArgoClientConfig {
  /** Namespace holding the WorkflowTemplates and the workflows. */
  namespace: string;
}

export class ArgoWorkflowEngine implements WorkflowEngine {
  readonly kind = 'argo';
  private readonly client: ArgoClient;
  private readonly namespace: string;

  constructor(config: ArgoEngineConfig) {
    this.client = new ArgoClient(config);
    this.namespace = config.namespace;
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const outcome = await this.client.submitWorkflow(
      this.namespace,
      toSubmitRequest(this.namespace, request),
    );
    return outcome.created
      ? { outcome: 'submitted', name: outcome.workflow.metadata.name ?? request.name }
      : { outcome: 'already-exists', name: request.name };
  }

  async get(name: string): Promise<WorkflowStatus | undefined> {
    const wf = await this.client.getWorkflow(this.namespace, name);
    return wf === undefined ? undefined : toWorkflowStatus(wf);
  }

  watch(name: string, options: WatchOptions = {}): Promise<WorkflowStatus> {
    return pollUntilFinal(name, (n) => this.get(n), options, 2_000);
  }

  async logs(name: string, options: { node?: string } = {}): Promise<WorkflowLogLine[]> {
    const status = await this.get(name);
    const podNames = new Map<string, string>();
    for (const node of status?.nodes ?? []) podNames.set(node.id, node.name);
    const node =
      options.node === undefined
        ? undefined
        : status?.nodes.find((n) => n.id === options.node || n.name === options.node);
    const entries = await this.client.workflowLogs(this.namespace, name, node?.id);
    return entries.map((e) => ({
      node: podNames.get(e.podName ?? '') ?? e.podName ?? '',
      content: e.content ?? '',
    }));
  }

  async list(options: ListOptions = {}): Promise<WorkflowSummary[]> {
    const selectors: string[] = [];
    if (options.template !== undefined) selectors.push(`${TEMPLATE_LABEL}=${options.template}`);
    if (options.phase !== undefined) selectors.push(`workflows.argoproj.io/phase=${options.phase}`);
    const list = await this.client.listWorkflows(this.namespace, {
      ...(selectors.length > 0 ? { 'listOptions.labelSelector': selectors.join(',') } : {}),
      ...(options.limit !== undefined ? { 'listOptions.limit': String(options.limit) } : {}),
    });
    return summarize((list.items ?? []).map(toWorkflowStatus), options.limit);
  }

  async close(): Promise<void> {}
}

/** Newest first, cut to `limit`. */
export function summarize(statuses: WorkflowStatus[], limit?: number): WorkflowSummary[] {
  const sorted = statuses
    .map(({ name, template, phase, startedAt, finishedAt, message }) => ({
      name,
      template,
      phase,
      startedAt,
      finishedAt,
      message,
    }))
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || a.name.localeCompare(b.name));
  return limit === undefined ? sorted : sorted.slice(0, limit);
}
