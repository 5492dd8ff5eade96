// A small typed HTTP client for the Argo server's REST API (undici). Request and response types come
// from the generated `@argoproj/argo-client` (argo.gen.d.ts, Argo's own swagger converted to OAS3),
// so a field Argo does not know fails `tsc`. Only the operations Thoth uses are wrapped.
import { request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import type { components, operations } from '@argoproj/argo-client';
import { HostError } from '../../errors/index.js';
import { ArgoRequestError } from '../errors.js';

type Schemas = components['schemas'];
export type ArgoWorkflow = Schemas['io.argoproj.workflow.v1alpha1.Workflow'];
export type ArgoWorkflowList = Schemas['io.argoproj.workflow.v1alpha1.WorkflowList'];
export type ArgoSubmitRequest = Schemas['io.argoproj.workflow.v1alpha1.WorkflowSubmitRequest'];
export type ArgoCreateRequest = Schemas['io.argoproj.workflow.v1alpha1.WorkflowCreateRequest'];
export type ArgoLogEntry = Schemas['io.argoproj.workflow.v1alpha1.LogEntry'];
export type ArgoError = Schemas['grpc.gateway.runtime.Error'];
export type ArgoNodeStatus = Schemas['io.argoproj.workflow.v1alpha1.NodeStatus'];
/** Query parameters of WorkflowService_ListWorkflows, as the spec names them. */
export type ArgoListQuery = NonNullable<operations['WorkflowService_ListWorkflows']['parameters']['query']>;

export interface ArgoClientConfig {
  /** Base URL of the Argo server, e.g. `https://argo-server.argo:2746`. */
  baseUrl: string;
  /**
   * A Kubernetes ServiceAccount token (without "Bearer "), sent as `Authorization: Bearer <token>`;
   * `argo server --auth-mode=client` (the default) acts with the token's RBAC. Omit for auth-mode=server.
   */
  token?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** undici dispatcher (TLS options, a custom CA); default the global one. */
  dispatcher?: Dispatcher;
}

/** The answer to a submit or create: the workflow, or the fact that its name is taken (HTTP 409). */
export type CreateOutcome = { created: true; workflow: ArgoWorkflow } | { created: false; error: ArgoError };

export class ArgoClient {
  private readonly base: string;

  constructor(private readonly config: ArgoClientConfig) {
    this.base = config.baseUrl.replace(/\/+$/, '');
  }

  /** POST /api/v1/workflows/{namespace}/submit (WorkflowService_SubmitWorkflow). */
  async submitWorkflow(namespace: string, body: ArgoSubmitRequest): Promise<CreateOutcome> {
    return this.create(`/api/v1/workflows/${encodeURIComponent(namespace)}/submit`, body);
  }

  /** POST /api/v1/workflows/{namespace} (WorkflowService_CreateWorkflow). */
  async createWorkflow(namespace: string, body: ArgoCreateRequest): Promise<CreateOutcome> {
    return this.create(`/api/v1/workflows/${encodeURIComponent(namespace)}`, body);
  }

  /** GET /api/v1/workflows/{namespace}/{name}; undefined on 404. */
  async getWorkflow(namespace: string, name: string): Promise<ArgoWorkflow | undefined> {
    const res = await this.send('GET', `/api/v1/workflows/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`);
    if (res.statusCode === 404) return undefined;
    return (await this.expectOk(res)) as ArgoWorkflow;
  }

  /** GET /api/v1/workflows/{namespace} with list options. */
  async listWorkflows(namespace: string, query: ArgoListQuery = {}): Promise<ArgoWorkflowList> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const qs = params.size > 0 ? `?${params.toString()}` : '';
    const res = await this.send('GET', `/api/v1/workflows/${encodeURIComponent(namespace)}${qs}`);
    return (await this.expectOk(res)) as ArgoWorkflowList;
  }

  /**
   * GET /api/v1/workflows/{namespace}/{name}/log: the server streams one JSON object per line,
   * `{"result": LogEntry}`; this reads the whole stream (used for finished workflows).
   */
  async workflowLogs(namespace: string, name: string, podName?: string): Promise<ArgoLogEntry[]> {
    const params = new URLSearchParams({ 'logOptions.container': 'main' });
    if (podName !== undefined) params.set('podName', podName);
    const res = await this.send(
      'GET',
      `/api/v1/workflows/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/log?${params.toString()}`,
    );
    const text = (await this.expectOkText(res)).trim();
    if (text === '') return [];
    return text.split('\n').flatMap((line) => {
      const parsed = JSON.parse(line) as { result?: ArgoLogEntry };
      return parsed.result === undefined ? [] : [parsed.result];
    });
  }

  private async create(path: string, body: unknown): Promise<CreateOutcome> {
    const res = await this.send('POST', path, body);
    if (res.statusCode === 409) {
      // AlreadyExists (gRPC code 6): the fixed name makes this the idempotent "done before" answer.
      return { created: false, error: (await res.body.json()) as ArgoError };
    }
    return { created: true, workflow: (await this.expectOk(res)) as ArgoWorkflow };
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.config.token !== undefined) headers.authorization = `Bearer ${this.config.token}`;
    const timeout = this.config.timeoutMs ?? 30_000;
    try {
      return await undiciRequest(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        headersTimeout: timeout,
        bodyTimeout: timeout,
        ...(this.config.dispatcher === undefined ? {} : { dispatcher: this.config.dispatcher }),
      });
    } catch (error) {
      throw new HostError('argo', `cannot reach the Argo server at ${this.base}: ${(error as Error).message}`, {
        cause: error,
        context: { method, path },
      });
    }
  }

  private async expectOk(res: Dispatcher.ResponseData): Promise<unknown> {
    return JSON.parse(await this.expectOkText(res)) as unknown;
  }

  private async expectOkText(res: Dispatcher.ResponseData): Promise<string> {
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) return text;
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as ArgoError).message ?? message;
    } catch {
      // Not JSON (a proxy's HTML page): keep the raw start of the body as the message.
    }
    // 429 and 5xx are the host's trouble and worth a retry; 4xx is ours (auth, a bad body) and is not.
    if (res.statusCode === 429 || res.statusCode >= 500) {
      throw new HostError('argo', `Argo server answered ${res.statusCode}: ${message}`, {
        context: { status: res.statusCode },
      });
    }
    throw new ArgoRequestError(res.statusCode, `Argo server refused the request (${res.statusCode}): ${message}`);
  }
}
