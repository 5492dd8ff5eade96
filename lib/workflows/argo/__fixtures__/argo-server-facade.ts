// Test support: a loopback HTTP facade that answers the two Argo server endpoints a submitting client
// needs, on top of any WorkflowEngine (in the tests, the real LocalWorkflowEngine running the real
// workflows/ YAML and steps). It stands in for an Argo server because none can run on this machine:
// Argo's Go module is refused by the module proxy and there is no kube-apiserver for it to act on.
//
//   POST /api/v1/workflows/{namespace}/submit   WorkflowService_SubmitWorkflow
//   GET  /api/v1/workflows/{namespace}/{name}   WorkflowService_GetWorkflow
//
// Every request body is validated against Argo's OAS (argo-oas.ts), and so is every response body it
// sends (a Workflow built from the engine's WorkflowStatus, or a grpc-gateway error); what fails lands
// in `problems`, which the tests assert empty. Errors are answered as Argo's grpc-gateway does: 401
// Unauthenticated (code 16) for a missing or wrong bearer token, 403 PermissionDenied (7) when told
// to refuse, 409 AlreadyExists (6), 400 InvalidArgument (3) for a parameter the template refuses,
// 404 NotFound (5).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../../../errors/index.js';
import type { ResourceKind, WorkflowEngine, WorkflowNodeStatus, WorkflowStatus } from '../../types.js';
import { ARGO_SCHEMA, argoViolations } from './argo-oas.js';

export interface ArgoFacadeOptions {
  /** The engine that runs what is submitted. */
  engine: WorkflowEngine;
  /** The only namespace served; others are answered 404 as if they held nothing. */
  namespace: string;
  /** The bearer token a request must carry; undefined accepts requests without one (auth-mode=server). */
  token?: string;
}

/** One request as the facade saw it. */
export interface FacadeRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

export interface ArgoFacade {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received, in order. */
  requests: FacadeRequest[];
  /** Request and response bodies that violate Argo's OAS, and routes Argo does not have. */
  problems: string[];
  /** Answer every later request with this HTTP status (401 or 403), as a server whose RBAC refuses the token. */
  refuse(status: 401 | 403 | undefined): void;
  close(): Promise<void>;
}

const TEMPLATE_LABEL = 'workflows.argoproj.io/workflow-template';
const FINAL_NODE_PHASES = new Set(['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted']);

/** "k=v" strings (parameters) or one "k=v,k=v" string (labels), as SubmitOpts carries them. */
function pairs(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at > 0) out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

/** The Argo NodeStatus of a port node: Argo names a node by its path and displays its last part. */
function argoNode(workflow: string, node: WorkflowNodeStatus): Record<string, unknown> {
  const slash = node.templateName.indexOf('/');
  const outputs: Record<string, unknown> = {};
  if (node.exitCode !== undefined) outputs['exitCode'] = String(node.exitCode);
  if (node.outputs !== undefined)
    outputs['parameters'] = Object.entries(node.outputs).map(([name, value]) => ({ name, value }));
  return {
    id: node.id,
    name: node.name,
    // `adviser-1a2b(0).advise(1)` (a retried DAG's task's second attempt) is displayed `advise(1)`.
    displayName: node.name.replace(new RegExp(`^${workflow}(\\(\\d+\\))?\\.`), ''),
    type: node.type,
    phase: node.phase,
    ...(slash > 0
      ? {
          templateRef: {
            name: node.templateName.slice(0, slash),
            template: node.templateName.slice(slash + 1),
          },
        }
      : node.templateName === ''
        ? {}
        : { templateName: node.templateName }),
    ...(node.message === undefined ? {} : { message: node.message }),
    ...(node.startedAt === undefined ? {} : { startedAt: node.startedAt }),
    ...(node.finishedAt === undefined ? {} : { finishedAt: node.finishedAt }),
    ...(Object.keys(outputs).length === 0 ? {} : { outputs }),
  };
}

/** The Argo Workflow object of a port status, with `status.progress` counted over pods as Argo does. */
export function argoWorkflow(namespace: string, status: WorkflowStatus): Record<string, unknown> {
  const pods = status.nodes.filter((n) => n.type === 'Pod');
  const done = pods.filter((n) => FINAL_NODE_PHASES.has(n.phase)).length;
  return {
    metadata: {
      name: status.name,
      namespace,
      labels: {
        ...status.labels,
        ...(status.template === undefined ? {} : { [TEMPLATE_LABEL]: status.template }),
        'workflows.argoproj.io/phase': status.phase,
      },
    },
    spec: {
      ...(status.template === undefined ? {} : { workflowTemplateRef: { name: status.template } }),
      arguments: {
        parameters: Object.entries(status.parameters).map(([name, value]) => ({ name, value })),
      },
    },
    status: {
      phase: status.phase,
      progress: `${done}/${pods.length}`,
      ...(status.message === undefined ? {} : { message: status.message }),
      ...(status.startedAt === undefined ? {} : { startedAt: status.startedAt }),
      ...(status.finishedAt === undefined ? {} : { finishedAt: status.finishedAt }),
      nodes: Object.fromEntries(status.nodes.map((n) => [n.id, argoNode(status.name, n)])),
    },
  };
}

export async function startArgoFacade(options: ArgoFacadeOptions): Promise<ArgoFacade> {
  const requests: FacadeRequest[] = [];
  const problems: string[] = [];
  let refusing: 401 | 403 | undefined;

  const reply = (res: ServerResponse, status: number, schema: string, body: unknown): void => {
    problems.push(...argoViolations(schema, body).map((p) => `response ${schema}: ${p}`));
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: number, message: string): void =>
    reply(res, status, ARGO_SCHEMA.error, { code, message });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const url = new URL(req.url ?? '/', 'http://facade');
    const seen: FacadeRequest = { method: req.method ?? '', path: url.pathname };
    if (req.headers.authorization !== undefined) seen.authorization = req.headers.authorization;
    if (text !== '') seen.body = JSON.parse(text) as unknown;
    requests.push(seen);

    if (refusing === 403)
      return error(res, 403, 7, 'workflows.argoproj.io is forbidden: the token may not act in this namespace');
    if (
      refusing === 401 ||
      (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`)
    )
      return error(res, 401, 16, 'token not valid. More info: https://argoproj.github.io/argo-workflows/faq/');

    const ns = `/api/v1/workflows/${options.namespace}`;
    if (req.method === 'POST' && url.pathname === `${ns}/submit`) {
      problems.push(...argoViolations(ARGO_SCHEMA.submit, seen.body).map((p) => `request submit: ${p}`));
      const body = (seen.body ?? {}) as {
        resourceKind?: string;
        resourceName?: string;
        submitOptions?: { name?: string; parameters?: string[]; labels?: string };
      };
      const name = body.submitOptions?.name ?? '';
      try {
        const submitted = await options.engine.submit({
          template: body.resourceName ?? '',
          resourceKind: (body.resourceKind ?? 'WorkflowTemplate') as ResourceKind,
          name,
          parameters: pairs(body.submitOptions?.parameters ?? []),
          labels: pairs((body.submitOptions?.labels ?? '').split(',').filter((l) => l !== '')),
        });
        if (submitted.outcome === 'already-exists')
          return error(res, 409, 6, `workflows.argoproj.io "${name}" already exists`);
        const status = await options.engine.get(name);
        if (status === undefined) return error(res, 500, 13, `workflow ${name} vanished after its submission`);
        return reply(res, 200, ARGO_SCHEMA.workflow, argoWorkflow(options.namespace, status));
      } catch (e) {
        // The template refused a parameter (or does not exist): Argo's InvalidArgument.
        if (e instanceof InputError) return error(res, 400, 3, e.message);
        return error(res, 500, 13, (e as Error).message);
      }
    }
    const get = new RegExp(`^${ns}/([^/]+)$`).exec(url.pathname);
    if (req.method === 'GET' && get !== null) {
      const name = decodeURIComponent(get[1] as string);
      const status = await options.engine.get(name);
      if (status === undefined) return error(res, 404, 5, `workflows.argoproj.io "${name}" not found`);
      return reply(res, 200, ARGO_SCHEMA.workflow, argoWorkflow(options.namespace, status));
    }
    if (!url.pathname.startsWith(`${ns}/`) && url.pathname.startsWith('/api/v1/workflows/'))
      return error(res, 404, 5, `namespace not served by this facade: ${url.pathname}`);
    problems.push(`route the facade does not serve: ${req.method ?? ''} ${url.pathname}`);
    return error(res, 404, 5, `no route ${req.method ?? ''} ${url.pathname}`);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      problems.push(`facade failed: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    problems,
    refuse(status) {
      refusing = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
