// Contract tests of the Argo-backed engines against a loopback stand-in for the Argo server and the
// Kubernetes API (peers we do not own and cannot run here cheaply). Every request body the engines
// send, and every canned response the stand-in returns, is validated with ajv against Argo's own
// API description (OAS3 converted from Argo v3.6.19's swagger.json), and unknown fields are refused
// as well, since Argo's schemas do not say additionalProperties: false (__fixtures__/argo-oas.ts).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HostError } from '../../errors/index.js';
import { ArgoRequestError } from '../errors.js';
import { ArgoWorkflowEngine } from './argo-engine.js';
import { KubernetesWorkflowEngine } from './kubernetes-engine.js';
import { ARGO_SCHEMA as SCHEMA, argoViolations as violations } from './__fixtures__/argo-oas.js';

const TOKEN = 'sa-token-123';

function workflowObject(name: string, phase: string | undefined, template = 'thoth-solve'): unknown {
  return {
    metadata: {
      name,
      namespace: 'thoth',
      labels: { 'workflows.argoproj.io/workflow-template': template },
    },
    spec: {
      workflowTemplateRef: { name: template },
      arguments: { parameters: [{ name: 'package_name', value: 'flask' }] },
    },
    status: {
      ...(phase === undefined ? {} : { phase }),
      startedAt: '2024-05-01T10:00:00Z',
      ...(phase === 'Succeeded' ? { finishedAt: '2024-05-01T10:01:00Z' } : {}),
      nodes: {
        [`${name}-1`]: {
          id: `${name}-1`,
          name: `${name}.solve`,
          displayName: 'solve',
          type: 'Pod',
          phase: phase ?? 'Pending',
          templateRef: { name: 'thoth-step-library', template: 'solve' },
          outputs: { exitCode: '0', parameters: [{ name: 'count', value: '3' }] },
        },
      },
    },
  };
}

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body?: unknown;
}

let server: Server;
let base: string;
let seen: Seen[];
let created: Set<string>;
let polls: Map<string, number>;
let responseProblems: string[];
let failNext: number | undefined;

function reply(res: ServerResponse, status: number, schema: string | undefined, body: unknown): void {
  if (schema !== undefined) responseProblems.push(...violations(schema, body).map((p) => `${schema}${p}`));
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  const url = new URL(req.url ?? '/', 'http://x');
  const entry: Seen = { method: req.method ?? '', url: url.pathname + url.search };
  if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
  if (text !== '') entry.body = JSON.parse(text);
  seen.push(entry);
  if (failNext !== undefined) {
    const status = failNext;
    failNext = undefined;
    return reply(res, status, SCHEMA.error, { code: 14, message: 'upstream unavailable' });
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    return reply(res, 401, SCHEMA.error, { code: 16, message: 'token not valid' });
  }
  const path = url.pathname;
  // --- Argo server
  if (req.method === 'POST' && path === '/api/v1/workflows/thoth/submit') {
    const body = entry.body as { submitOptions?: { name?: string } };
    const name = body.submitOptions?.name ?? '';
    if (created.has(name)) {
      return reply(res, 409, SCHEMA.error, {
        code: 6,
        message: `workflows.argoproj.io "${name}" already exists`,
      });
    }
    created.add(name);
    return reply(res, 200, SCHEMA.workflow, workflowObject(name, undefined));
  }
  const get = /^\/api\/v1\/workflows\/thoth\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && get) {
    const name = decodeURIComponent(get[1] as string);
    if (!created.has(name)) return reply(res, 404, SCHEMA.error, { code: 5, message: 'not found' });
    const n = (polls.get(name) ?? 0) + 1;
    polls.set(name, n);
    return reply(res, 200, SCHEMA.workflow, workflowObject(name, n < 3 ? 'Running' : 'Succeeded'));
  }
  if (req.method === 'GET' && path === '/api/v1/workflows/thoth') {
    return reply(res, 200, SCHEMA.list, {
      metadata: {},
      items: [...created].map((n, i) => ({
        ...(workflowObject(n, 'Succeeded') as object),
        status: { phase: 'Succeeded', startedAt: `2024-05-0${i + 1}T00:00:00Z` },
      })),
    });
  }
  const log = /^\/api\/v1\/workflows\/thoth\/([^/]+)\/log$/.exec(path);
  if (req.method === 'GET' && log) {
    const name = decodeURIComponent(log[1] as string);
    const entries = [
      { content: 'solving flask', podName: `${name}-1` },
      { content: 'done', podName: `${name}-1` },
    ];
    for (const e of entries) responseProblems.push(...violations(SCHEMA.logEntry, e));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(entries.map((e) => JSON.stringify({ result: e })).join('\n') + '\n');
    return;
  }
  // --- Kubernetes API (custom resources)
  if (req.method === 'POST' && path === '/apis/argoproj.io/v1alpha1/namespaces/thoth/workflows') {
    const body = entry.body as { metadata: { name: string } };
    if (created.has(body.metadata.name)) {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'AlreadyExists',
          code: 409,
        }),
      );
      return;
    }
    created.add(body.metadata.name);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return;
  }
  const kget = /^\/apis\/argoproj.io\/v1alpha1\/namespaces\/thoth\/workflows\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && kget) {
    const name = decodeURIComponent(kget[1] as string);
    if (!created.has(name)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 404 }));
      return;
    }
    return reply(res, 200, SCHEMA.workflow, workflowObject(name, 'Failed'));
  }
  reply(res, 404, SCHEMA.error, { code: 5, message: `no route ${req.method} ${path}` });
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  created = new Set();
  polls = new Map();
  responseProblems = [];
  failNext = undefined;
});

/** `null` sends no Authorization header at all. */
const engine = (token: string | null = TOKEN) =>
  new ArgoWorkflowEngine({ baseUrl: base, namespace: 'thoth', ...(token === null ? {} : { token }) });

describe('ArgoWorkflowEngine', () => {
  it('submits from a WorkflowTemplate with a fixed name, a spec-valid body and the bearer token', async () => {
    const result = await engine().submit({
      template: 'thoth-solve',
      name: 'solve-8c1f0e5b2a9d4c3e',
      parameters: { package_name: 'flask', package_version: '2.0.1' },
      labels: { 'thoth-station.ninja/correlation-id': 'c-1' },
    });
    expect(result).toEqual({ outcome: 'submitted', name: 'solve-8c1f0e5b2a9d4c3e' });
    const request = seen[0] as Seen;
    expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    expect(violations(SCHEMA.submit, request.body)).toEqual([]);
    expect(request.body).toEqual({
      namespace: 'thoth',
      resourceKind: 'WorkflowTemplate',
      resourceName: 'thoth-solve',
      submitOptions: {
        name: 'solve-8c1f0e5b2a9d4c3e',
        parameters: ['package_name=flask', 'package_version=2.0.1'],
        labels: 'thoth-station.ninja/correlation-id=c-1',
      },
    });
    expect(responseProblems).toEqual([]);
  });

  it('maps 409 AlreadyExists to already-exists', async () => {
    const argo = engine();
    await argo.submit({ template: 'thoth-solve', name: 'solve-1' });
    expect(await argo.submit({ template: 'thoth-solve', name: 'solve-1' })).toEqual({
      outcome: 'already-exists',
      name: 'solve-1',
    });
    expect(responseProblems).toEqual([]);
  });

  it('watches by polling until a final phase and maps the status', async () => {
    const argo = engine();
    await argo.submit({ template: 'thoth-solve', name: 'solve-2' });
    const phases: string[] = [];
    const status = await argo.watch('solve-2', { pollIntervalMs: 1, onUpdate: (s) => phases.push(s.phase) });
    expect(phases).toEqual(['Running', 'Running', 'Succeeded']);
    expect(status).toMatchObject({
      name: 'solve-2',
      template: 'thoth-solve',
      phase: 'Succeeded',
      parameters: { package_name: 'flask' },
      nodes: [
        {
          name: 'solve',
          templateName: 'thoth-step-library/solve',
          phase: 'Succeeded',
          exitCode: 0,
          outputs: { count: '3' },
        },
      ],
    });
    expect(await argo.get('absent')).toBeUndefined();
    expect(responseProblems).toEqual([]);
  });

  it('reads logs and lists workflows', async () => {
    const argo = engine();
    await argo.submit({ template: 'thoth-solve', name: 'solve-3' });
    await argo.submit({ template: 'thoth-solve', name: 'solve-4' });
    expect(await argo.logs('solve-3')).toEqual([
      { node: 'solve', content: 'solving flask' },
      { node: 'solve', content: 'done' },
    ]);
    expect((await argo.list({ template: 'thoth-solve' })).map((s) => s.name)).toEqual(['solve-4', 'solve-3']);
    const listCall = seen.find((s) => s.url.startsWith('/api/v1/workflows/thoth?'));
    expect(listCall?.url).toContain(
      'listOptions.labelSelector=workflows.argoproj.io%2Fworkflow-template%3Dthoth-solve',
    );
    expect(responseProblems).toEqual([]);
  });

  it.each([
    [null, 401, ArgoRequestError, false],
    ['wrong-token', 401, ArgoRequestError, false],
    [TOKEN, 503, HostError, true],
  ])('token %s, status %i → %o (retriable %s)', async (token, status, type, retriable) => {
    if (status !== 401) failNext = status;
    const error = await engine(token)
      .submit({ template: 'thoth-solve', name: 'solve-5' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as HostError).retriable).toBe(retriable);
  });

  it('turns a refused connection into a retriable HostError', async () => {
    const dead = new ArgoWorkflowEngine({ baseUrl: 'http://127.0.0.1:1', namespace: 'thoth', token: TOKEN });
    const error = await dead.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
  });
});

describe('KubernetesWorkflowEngine', () => {
  const kube = (): KubernetesWorkflowEngine => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: base, skipTLSVerify: true }],
      users: [{ name: 'u', token: TOKEN }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u', namespace: 'thoth' }],
      currentContext: 'x',
    });
    return new KubernetesWorkflowEngine({ kubeConfig: kc, namespace: 'thoth' });
  };

  it('creates a spec-valid Workflow resource referencing the template, and maps 409', async () => {
    const k = kube();
    expect(await k.submit({ template: 'thoth-advise', name: 'advise-1', parameters: { seed: '7' } })).toEqual(
      { outcome: 'submitted', name: 'advise-1' },
    );
    const body = seen[0]?.body;
    expect(seen[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(violations(SCHEMA.workflow, body)).toEqual([]);
    expect(body).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'advise-1', labels: { 'workflows.argoproj.io/workflow-template': 'thoth-advise' } },
      spec: {
        workflowTemplateRef: { name: 'thoth-advise' },
        arguments: { parameters: [{ name: 'seed', value: '7' }] },
      },
    });
    expect(await k.submit({ template: 'thoth-advise', name: 'advise-1' })).toEqual({
      outcome: 'already-exists',
      name: 'advise-1',
    });
    expect((await k.get('advise-1'))?.phase).toBe('Failed');
    expect(await k.get('absent')).toBeUndefined();
  });
});
