// KubernetesWorkflowEngine: the port without the Argo server. Workflows are created as
// `argoproj.io/v1alpha1` Workflow custom resources whose spec points at the WorkflowTemplate
// (`workflowTemplateRef`), through @kubernetes/client-node. The API server's 409 on a taken name is
// the duplicate signal, as with the Argo server. Needs RBAC on workflows and pods/log only.
import { ApiException, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { HostError } from '../../errors/index.js';
import type { ArgoWorkflow, ArgoWorkflowList } from '../argo-client/index.js';
import { ArgoRequestError } from '../errors.js';
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
import { summarize } from './argo-engine.js';
import { TEMPLATE_LABEL, toWorkflowStatus } from './status.js';
import { assertSubmittable } from './submit-options.js';
import { pollUntilFinal } from './watch.js';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';
const PLURAL = 'workflows';

export interface KubernetesEngineConfig {
  kubeConfig: KubeConfig;
  namespace: string;
}

/** The Workflow resource that runs `request`: Argo's own shape for "submit from a template". */
export function toWorkflowResource(namespace: string, request: SubmitRequest): ArgoWorkflow {
  assertSubmittable(request);
  const kind = request.resourceKind ?? 'WorkflowTemplate';
  if (kind !== 'WorkflowTemplate') {
    // A CronWorkflow's spec is not referable from a Workflow; only the Argo server's /submit can do it.
    throw new ArgoRequestError(400, `the Kubernetes engine can only submit WorkflowTemplates, not ${kind}`);
  }
  return {
    apiVersion: `${GROUP}/${VERSION}`,
    kind: 'Workflow',
    metadata: {
      name: request.name,
      namespace,
      labels: { ...(request.labels ?? {}), [TEMPLATE_LABEL]: request.template },
    },
    spec: {
      workflowTemplateRef: { name: request.template },
      arguments: {
        parameters: Object.entries(request.parameters ?? {}).map(([name, value]) => ({ name, value })),
      },
    },
  };
}

function translate(error: unknown, what: string): never {
  if (error instanceof ApiException) {
    const code = error.code;
    if (code === 429 || code >= 500)
      throw new HostError('kubernetes', `${what}: API server answered ${code}`, { cause: error });
    throw new ArgoRequestError(code, `${what}: API server refused the request (${code})`);
  }
  throw new HostError('kubernetes', `${what}: ${(error as Error).message}`, { cause: error });
}

export class KubernetesWorkflowEngine implements WorkflowEngine {
  readonly kind = 'kubernetes';
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly namespace: string;

  constructor(config: KubernetesEngineConfig) {
    this.custom = config.kubeConfig.makeApiClient(CustomObjectsApi);
    this.core = config.kubeConfig.makeApiClient(CoreV1Api);
    this.namespace = config.namespace;
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const body = toWorkflowResource(this.namespace, request);
    try {
      await this.custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: this.namespace,
        plural: PLURAL,
        body,
      });
      return { outcome: 'submitted', name: request.name };
    } catch (error) {
      if (error instanceof ApiException && error.code === 409)
        return { outcome: 'already-exists', name: request.name };
      translate(error, `create workflow ${request.name}`);
    }
  }

  async get(name: string): Promise<WorkflowStatus | undefined> {
    try {
      const wf = (await this.custom.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: this.namespace,
        plural: PLURAL,
        name,
      })) as ArgoWorkflow;
      return toWorkflowStatus(wf);
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      translate(error, `get workflow ${name}`);
    }
  }

  watch(name: string, options: WatchOptions = {}): Promise<WorkflowStatus> {
    return pollUntilFinal(name, (n) => this.get(n), options, 2_000);
  }

  async logs(name: string, options: { node?: string } = {}): Promise<WorkflowLogLine[]> {
    const status = await this.get(name);
    const lines: WorkflowLogLine[] = [];
    // Argo names a node's pod after the node id in the v1 pod-name scheme; leaves only.
    for (const node of status?.nodes ?? []) {
      if (node.type !== 'Pod') continue;
      if (options.node !== undefined && node.id !== options.node && node.name !== options.node) continue;
      try {
        const text = await this.core.readNamespacedPodLog({
          name: node.id,
          namespace: this.namespace,
          container: 'main',
        });
        for (const content of text.split('\n')) if (content !== '') lines.push({ node: node.name, content });
      } catch (error) {
        // A pod already garbage-collected by podGC has no log left: that node simply has no lines.
        if (error instanceof ApiException && error.code === 404) continue;
        translate(error, `logs of ${node.id}`);
      }
    }
    return lines;
  }

  async list(options: ListOptions = {}): Promise<WorkflowSummary[]> {
    const selectors: string[] = [];
    if (options.template !== undefined) selectors.push(`${TEMPLATE_LABEL}=${options.template}`);
    if (options.phase !== undefined) selectors.push(`workflows.argoproj.io/phase=${options.phase}`);
    try {
      const list = (await this.custom.listNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: this.namespace,
        plural: PLURAL,
        ...(selectors.length > 0 ? { labelSelector: selectors.join(',') } : {}),
      })) as ArgoWorkflowList;
      return summarize((list.items ?? []).map(toWorkflowStatus), options.limit);
    } catch (error) {
      translate(error, 'list workflows');
    }
  }

  async close(): Promise<void> {}
}
