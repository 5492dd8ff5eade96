// `thoth advise --argo-server URL` end to end: the CLI's real ArgoWorkflowEngine talks HTTP to a
// loopback facade of the Argo server (lib/workflows/argo/__fixtures__/argo-server-facade.ts), which
// stands in for Argo because Argo cannot run on this machine (its Go module is refused by the module
// proxy, and there is no kube-apiserver). The facade validates every request and response body against
// Argo's OAS and hands submissions to the real LocalWorkflowEngine, which runs the real
// workflows/thoth-advise.yaml with the real steps against MinIO (requests and documents) and a
// throwaway PostgreSQL graph (test/workflows/harness.ts). The graph learns idna 3.7 through a real
// thoth-solve run over the recorded requests corpus first.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAdviseRequest } from '../../lib/contracts/index.js';
import { serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { loadRequestsCorpus } from '../../lib/solver/__fixtures__/corpora.js';
import { startArgoFacade } from '../../lib/workflows/argo/__fixtures__/argo-server-facade.js';
import type { ArgoFacade } from '../../lib/workflows/argo/__fixtures__/argo-server-facade.js';
import { main } from '../../cli/thoth.js';
import { startHarness } from './harness.js';
import type { WorkflowHarness } from './harness.js';

const TOKEN = 'sa-token-advise';
const NAMESPACE = 'thoth';

let h: WorkflowHarness;
let index: LoopbackIndex;
let argo: ArgoFacade;
let dir: string;
let tokenFile: string;

beforeAll(async () => {
  index = await serveCorpus(await loadRequestsCorpus(), { port: 0 });
  h = await startHarness();
  const solved = await h.run('thoth-solve', h.name('solve'), {
    package_name: 'idna',
    package_version: '3.7',
    index_url: index.url.replace(/\/+$/, ''),
    python_version: '3.11',
    artifact_prefix: h.artifactPrefix,
  });
  if (solved.phase !== 'Succeeded') throw new Error(`solving idna 3.7 failed: ${solved.message ?? ''}`);
  argo = await startArgoFacade({ engine: h.engine, namespace: NAMESPACE, token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'thoth-advise-cluster-'));
  tokenFile = join(dir, 'token');
  await writeFile(tokenFile, `${TOKEN}\n`);
});
afterEach(() => {
  argo.refuse(undefined);
  // Every body either way, in every test, matched Argo's OAS, and no route Argo lacks was used.
  expect(argo.problems).toEqual([]);
});
afterAll(async () => {
  await argo?.close();
  await h?.close();
  await index?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** What the CLI's environment holds: the cluster's artifact store and key layout (the harness's). */
function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { THOTH_HOME: join(dir, 'home'), NO_COLOR: '1', ...extra };
  for (const key of [
    'THOTH_ARTIFACTS_URL',
    'THOTH_S3_ENDPOINT',
    'THOTH_S3_REGION',
    'THOTH_S3_ACCESS_KEY_ID',
    'THOTH_S3_SECRET_ACCESS_KEY',
    'THOTH_S3_PREFIX',
    'THOTH_DEPLOYMENT',
  ])
    env[key] = process.env[key] as string;
  return env;
}

async function thoth(
  args: string[],
  env: Record<string, string> = cliEnv(),
  options: { terminal?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  // A terminal on stderr gets the progress line.
  const stderr = Object.assign(new PassThrough(), { isTTY: options.terminal === true });
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(args, { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}

async function project(name: string, requirements: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'requirements.txt'), requirements);
  return path;
}

const cluster = (extra: string[] = []): string[] => [
  '--argo-server',
  argo.url,
  '--namespace',
  NAMESPACE,
  '--argo-token-file',
  tokenFile,
  '--python-version',
  '3.11',
  '--recommendation-type',
  'latest',
  ...extra,
];

/** Keys of stored advise requests of this deployment. */
async function storedRequests(): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of h.store.list(`${h.artifactPrefix}/adviser/`))
    if (info.key.endsWith('.request')) keys.push(info.key);
  return keys;
}

describe('thoth advise --argo-server', () => {
  it('submits thoth-advise through the Argo REST API, reads the result from S3, prints and writes the lock', async () => {
    const path = await project('ok', 'idna==3.7\n');
    const { code, stdout, stderr } = await thoth(['advise', join(path, 'requirements.txt'), ...cluster()]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const name = /advised by workflow (adviser-[0-9a-f]{16}) on /.exec(stdout)?.[1];
    expect(name).toBeDefined();
    expect(stdout).toContain(`advised by workflow ${name} on ${argo.url} (namespace ${NAMESPACE})`);
    expect(stdout).toMatch(/^Stack for cpython-3\.11\.0-\S+ \(latest\), score /);
    expect(stdout).toContain('  idna==3.7\n');
    expect(stdout).toContain(`wrote ${join(path, 'requirements.lock.txt')}`);
    const lock = await readFile(join(path, 'requirements.lock.txt'), 'utf8');
    expect(lock).toMatch(/^idna==3\.7 \\\n\s+--hash=sha256:[0-9a-f]{64}/m);

    // The HTTP conversation: the name looked up first (nothing written before Argo answered), then
    // one submission from the WorkflowTemplate with the bearer token, then polls.
    const calls = argo.requests.filter((r) => r.path.endsWith(name!) || r.path.endsWith('/submit'));
    expect(calls.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v1/workflows/${NAMESPACE}/${name}`,
      `POST /api/v1/workflows/${NAMESPACE}/submit`,
    ]);
    expect(calls.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(calls[1]?.body).toEqual({
      namespace: NAMESPACE,
      resourceKind: 'WorkflowTemplate',
      resourceName: 'thoth-advise',
      submitOptions: {
        name,
        parameters: expect.arrayContaining([
          'recommendation_type=latest',
          'requirements_format=pip',
          'python_version=3.11',
          'seed=42',
          `artifact_prefix=${h.artifactPrefix}`,
        ]) as unknown,
        labels: 'thoth-station.ninja/source-type=cli',
      },
    });

    // The request the template read, and the workflow the real engine ran.
    const request = parseAdviseRequest(await h.json(`${h.artifactPrefix}/adviser/${name}.request`));
    expect(request).toMatchObject({
      application_stack: {
        requirements: 'idna==3.7\n',
        requirements_format: 'pip',
        requirements_locked: null,
      },
      runtime_environment: { python_version: '3.11' },
      recommendation_type: 'latest',
      seed: 42,
    });
    const status = await h.engine.get(name!);
    expect(status).toMatchObject({ template: 'thoth-advise', phase: 'Succeeded' });
  });

  it('--json prints the document; the same request follows the workflow that ran instead of advising twice', async () => {
    const path = await project('ok', 'idna==3.7\n');
    const submissions = argo.requests.filter((r) => r.path.endsWith('/submit')).length;
    const { code, stdout, stderr } = await thoth([
      'advise',
      join(path, 'requirements.txt'),
      // The first test's lock would be this run's baseline, and so another request.
      ...cluster(['--json', '--no-baseline']),
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as {
      metadata: { document_id: string; analyzer: string };
      result: { products: { lock: { packages: { name: string; version: string }[] } }[] };
    };
    expect(document.metadata.analyzer).toBe('thoth-adviser');
    expect(document.result.products[0]?.lock.packages).toEqual([
      expect.objectContaining({ name: 'idna', version: '3.7' }),
    ]);
    expect(argo.requests.filter((r) => r.path.endsWith('/submit')).length).toBe(submissions);
    expect((await h.engine.get(document.metadata.document_id))?.phase).toBe('Succeeded');
  });

  it('sends the current lock as requirements_locked; with THOTH_GRAPH_URL the locks carry the graph’s file names (pylock.toml)', async () => {
    const path = await project('graph', 'idna==3.7\n');
    await writeFile(join(path, 'requirements.lock.txt'), 'idna==3.6\n');
    const { code, stdout, stderr } = await thoth(
      ['advise', join(path, 'requirements.txt'), ...cluster(['--lock-format', 'requirements', 'pylock'])],
      cliEnv({ THOTH_GRAPH_URL: h.graphUrl }),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('your current lock (requirements_locked (requirements.txt))');
    const pylock = await readFile(join(path, 'pylock.toml'), 'utf8');
    expect(pylock).toMatch(/name = "idna"\nversion = "3\.7"/);
    expect(pylock).toMatch(/wheels = \[|sdist = /);
    // The requirements lock is the same whether its hashes came from the graph or from the document.
    expect(await readFile(join(path, 'requirements.lock.txt'), 'utf8')).toBe(
      await readFile(join(dir, 'ok', 'requirements.lock.txt'), 'utf8'),
    );
    const name = /advised by workflow (adviser-[0-9a-f]{16})/.exec(stdout)?.[1];
    const request = parseAdviseRequest(await h.json(`${h.artifactPrefix}/adviser/${name}.request`));
    expect(request.application_stack.requirements_locked).toBe('idna==3.6\n');
  });

  it('a pylock.toml without a graph to name its files is refused before anything is submitted', async () => {
    const path = await project('nograph', 'idna==3.7\n');
    const before = argo.requests.length;
    const { code, stderr } = await thoth([
      'advise',
      join(path, 'requirements.txt'),
      ...cluster(['--lock-format', 'pylock']),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --lock-format pylock needs file names and URLs .*THOTH_GRAPH_URL/);
    expect(argo.requests.length).toBe(before);
  });

  it.each([
    {
      case: 'a configuration error in the step (exit 2, final)',
      env: { THOTH_GRAPH_URL: 'mysql://graph.invalid/thoth' },
      code: 1,
      message:
        /^error: workflow adviser-[0-9a-f]{16} failed in advise: exit code 2 \(bad-input\): .*THOTH_GRAPH_URL must start with/,
    },
    {
      case: 'an unreachable graph (exit 75, retried by the template, then failed)',
      env: { THOTH_GRAPH_URL: 'postgres://thoth@127.0.0.1:1/thoth' },
      code: 75,
      message: /^error: workflow adviser-[0-9a-f]{16} failed in advise: exit code 75 \(host-unavailable\): /,
    },
  ])('a failed workflow names its failing node: $case', async ({ env, code, message }) => {
    const path = await project(`failed-${code}`, `idna==3.7\n# ${code}\n`);
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    // The steps run in this process and read it, as a pod reads its ConfigMap and Secret.
    Object.assign(process.env, env);
    let result;
    try {
      result = await thoth(['advise', join(path, 'requirements.txt'), ...cluster()]);
    } finally {
      Object.assign(process.env, saved);
    }
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(await readdir(path)).toEqual(['requirements.txt']);
  });

  it('a parameter the template refuses is a 400: exit 2, and the request it stored is removed again', async () => {
    const path = await project('py38', 'idna==3.7\n');
    const before = await storedRequests();
    const args = cluster().map((a) => (a === '3.11' ? '3.8' : a));
    const { code, stderr } = await thoth(['advise', join(path, 'requirements.txt'), ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: the Argo server at \S+ refused the request \(400\): .*python_version/);
    expect(await storedRequests()).toEqual(before);
    expect(await readdir(path)).toEqual(['requirements.txt']);
  });

  it.each([
    {
      refuse: undefined,
      token: 'not-the-token',
      status: 401,
      message: /did not accept the token \(401\): token not valid.*--argo-token-file/,
    },
    {
      refuse: 403 as const,
      token: TOKEN,
      status: 403,
      message: /refused the token in namespace thoth \(403\): .*RBAC/,
    },
  ])(
    'a server answering $status: exit 2, one line, nothing stored or written',
    async ({ refuse, token, message }) => {
      argo.refuse(refuse);
      const path = await project(`refused-${String(refuse)}`, 'idna==3.7\n');
      const file = join(dir, `token-${String(refuse)}`);
      await writeFile(file, token);
      const before = await storedRequests();
      const args = cluster().map((a) => (a === tokenFile ? file : a));
      const { code, stdout, stderr } = await thoth(['advise', join(path, 'requirements.txt'), ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
      expect(await storedRequests()).toEqual(before);
      expect(await readdir(path)).toEqual(['requirements.txt']);
    },
  );

  it('a result missing from S3: exit 1 naming the key and the store, no lock written', async () => {
    const path = await project('missing', 'idna==3.7\n# missing\n');
    const first = await thoth(['advise', join(path, 'requirements.txt'), ...cluster(['--no-baseline'])]);
    expect(first.code).toBe(0);
    const name = /advised by workflow (adviser-[0-9a-f]{16})/.exec(first.stdout)![1]!;
    await h.store.delete(`${h.artifactPrefix}/adviser/${name}`);
    const out = join(path, 'out');
    await mkdir(out);
    const { code, stdout, stderr } = await thoth([
      'advise',
      join(path, 'requirements.txt'),
      ...cluster(['--no-baseline', '--output-dir', out]),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `error: workflow ${name} succeeded but its result ${h.artifactPrefix}/adviser/${name} is not in s3://`,
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('--timeout: exit 124 while the workflow goes on; the same command then follows it to its result', async () => {
    const path = await project('timeout', 'idna==3.7\n# timeout\n');
    // The CLI polls Argo every 2 s, so a 1 s budget ends at the first status that is not final.
    const first = await thoth([
      'advise',
      join(path, 'requirements.txt'),
      ...cluster(['--count', '2', '--timeout', '1']),
    ]);
    expect(first.code).toBe(124);
    expect(first.stderr).toMatch(
      /^error: workflow adviser-[0-9a-f]{16} did not finish within 1 s \(--timeout\); it keeps running/,
    );
    expect(await readdir(path)).toEqual(['requirements.txt']);
    const second = await thoth(
      ['advise', join(path, 'requirements.txt'), ...cluster(['--count', '2'])],
      cliEnv(),
      { terminal: true },
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('submitted before for the same request (--rerun advises anew)');
    const name = /advised by workflow (adviser-[0-9a-f]{16})/.exec(second.stdout)![1]!;
    // The progress line, rewritten in place, ends at the final phase.
    expect(second.stderr).toMatch(new RegExp(`\\r${name}: Succeeded, (\\d+)/\\1 steps done\u001b\\[K\\n$`));
    expect((await h.engine.get(name))?.parameters['count']).toBe('2');
    const request = parseAdviseRequest(await h.json(`${h.artifactPrefix}/adviser/${name}.request`));
    expect(request.limits).toEqual({ count: 2 });
  });
});
