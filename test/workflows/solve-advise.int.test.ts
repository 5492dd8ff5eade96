// thoth-solve, thoth-graph-sync, thoth-advise and thoth-emit end to end in the local engine: the real
// YAML of workflows/, the real steps, the recorded requests corpus on a loopback index, documents in
// MinIO, the graph in a throwaway PostgreSQL database, messages on Kafka.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentIdentity, Message } from '../../lib/contracts/index.js';
import { migrate, PgGraphStore } from '../../lib/graph/index.js';
import { findHandler, jobWorkflowName, solveKey } from '../../lib/investigator/index.js';
import type { HandlerContext } from '../../lib/investigator/index.js';
import { deps, envelope, policy } from '../../lib/investigator/test-support/fixtures.js';
import { silentLogger } from '../../lib/log/index.js';
import { serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { loadRequestsCorpus } from '../../lib/solver/__fixtures__/corpora.js';
import { STEPS } from '../../steps/registry.js';
import { startHarness, nodeOf, taskPhases } from './harness.js';
import type { WorkflowHarness } from './harness.js';

let h: WorkflowHarness;
let index: LoopbackIndex;

beforeAll(async () => {
  index = await serveCorpus(await loadRequestsCorpus(), { port: 0 });
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  await index?.close();
});

const indexUrl = (): string => index.url.replace(/\/+$/, '');

async function solve(name: string, packageName: string, version: string) {
  return h.run('thoth-solve', name, {
    package_name: packageName,
    package_version: version,
    index_url: indexUrl(),
    python_version: '3.11',
    artifact_prefix: h.artifactPrefix,
  });
}

async function putRequest(name: string, requirements: string): Promise<void> {
  await h.store.put(
    `${h.artifactPrefix}/adviser/${name}.request`,
    JSON.stringify({
      application_stack: { requirements, requirements_format: 'pip' },
      runtime_environment: { python_version: '3.11', machine: 'x86_64' },
      recommendation_type: 'latest',
    }),
  );
}

describe('thoth-solve', () => {
  it('solve → graph-sync → emit: the document in S3, the release in the graph, SolvedPackage on Kafka', async () => {
    const name = h.name('solve');
    const status = await solve(name, 'requests', '2.32.3');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({ solve: 'Succeeded', 'graph-sync': 'Succeeded', emit: 'Succeeded' });
    expect(nodeOf(status, 'emit')?.outputs).toEqual({ sent_count: '1' });

    const document = await h.json<{ metadata: { document_id: string }; result: { releases: unknown[] } }>(
      `${h.artifactPrefix}/solver/${name}`,
    );
    expect(document.metadata.document_id).toBe(name);
    expect(document.result.releases).toHaveLength(1);

    const rows = await h.query(
      `SELECT r.package_name, r.version, v.installable, s.document_id
         FROM python_release r JOIN release_verdict v ON v.release_id = r.id
         JOIN solver_run s ON s.id = v.solver_run_id`,
    );
    expect(rows).toEqual([
      { package_name: 'requests', version: '2.32.3', installable: true, document_id: name },
    ]);
    const dependencies = await h.query<{ name: string }>(
      `SELECT d.name FROM python_dependency d JOIN python_release r ON r.id = d.release_id
        WHERE r.version = '2.32.3' ORDER BY d.name`,
    );
    expect(dependencies.map((d) => d.name)).toEqual(
      expect.arrayContaining(['certifi', 'charset-normalizer', 'idna', 'urllib3']),
    );

    const messages = await h.messages('solved-package');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      type: 'SolvedPackage',
      key: 'pypi:requests:2.32.3',
      payload: {
        package_name: 'requests',
        package_version: '2.32.3',
        index_url: indexUrl(),
        document_id: name,
        verdict: { installable: true },
      },
    });
  });

  it('a bad index URL fails the solve task with its reason; nothing downstream runs', async () => {
    const name = h.name('solve');
    const status = await h.run('thoth-solve', name, {
      package_name: 'requests',
      package_version: '2.32.3',
      index_url: 'ftp://nowhere.invalid/simple',
      artifact_prefix: h.artifactPrefix,
    });
    expect(status.phase).toBe('Failed');
    expect(status.message).toMatch(/^task solve failed: exit code 2 \(bad-input\): solve: index URL/);
    expect(nodeOf(status, 'solve')).toMatchObject({ phase: 'Failed', exitCode: 2 });
    expect(taskPhases(status)).toMatchObject({ 'graph-sync': 'Omitted', emit: 'Omitted' });
    expect(await h.store.exists(`${h.artifactPrefix}/solver/${name}`)).toBe(false);
  });
});

describe('thoth-solve for an environment the investigator configures', () => {
  // Any id: before the `environment` parameter the step derived `cpython-3.11.0-manylinux_2_34_x86_64`
  // from python_version, so a configured id like this one was never seen as solved.
  const ACME: EnvironmentIdentity = {
    id: 'acme-prod-east',
    os_name: 'ubuntu',
    os_version: '24.04',
    python_version: '3.11',
    platform: 'linux-x86_64',
  };

  it('PackageReleased → thoth-solve with the environment → verdicts under its id; a redelivery is "known"', async () => {
    const graph = new PgGraphStore({ connectionString: h.graphUrl });
    try {
      await migrate(graph);
      const context: HandlerContext = {
        ...deps(graph, h.engine, {
          policy: policy({ environments: [ACME], artifactPrefix: h.artifactPrefix }),
        }),
        log: silentLogger,
        signal: new AbortController().signal,
        heartbeat: () => Promise.resolve(),
      };
      const released = envelope('PackageReleased', {
        package_name: 'urllib3',
        package_version: '2.2.3',
        index_url: indexUrl(),
        upload_time: null,
      }) as unknown as Message;
      const handler = findHandler('PackageReleased', 1)!;
      await handler.handle(released, context);

      const release = { name: 'urllib3', version: '2.2.3', indexUrl: indexUrl() };
      const name = jobWorkflowName('solve', solveKey(release, ACME.id), 1);
      const submitted = await h.engine.get(name);
      expect(submitted?.parameters).toMatchObject({
        python_version: '3.11',
        environment:
          'id=acme-prod-east,python=3.11,platform=manylinux_2_34_x86_64,os=ubuntu,os_version=24.04',
      });
      const status = await h.engine.watch(name);
      expect(status.phase, status.message).toBe('Succeeded');
      expect(
        await h.query(
          `SELECT e.key, v.installable FROM release_verdict v
             JOIN runtime_environment e ON e.id = v.environment_id
             JOIN python_release r ON r.id = v.release_id
            WHERE r.package_name = 'urllib3' AND r.version = '2.2.3'`,
        ),
      ).toEqual([{ key: 'acme-prod-east', installable: true }]);
      const solved = (await h.messages('solved-package')).filter((m) => m.key === 'pypi:urllib3:2.2.3');
      expect(solved.map((m) => (m.payload as { environment: unknown }).environment)).toEqual([ACME]);

      // The investigator's "already solved?" check now reads the id the solver wrote.
      await handler.handle(released, context);
      expect(context.metrics.skipped.get({ kind: 'solve', reason: 'known' })).toBe(1);
    } finally {
      await graph.close();
    }
  });
});

describe('thoth-graph-sync', () => {
  it('syncs a stored solver document into the graph', async () => {
    // The document comes from the solve step itself (--store), as the CLI's `thoth solve` does.
    const id = h.name('gsync');
    const solveStep = STEPS.get('solve');
    const dir = await mkdtemp(join(tmpdir(), 'thoth-gsync-'));
    const code = await solveStep!.run(
      [
        '--package-name=requests',
        '--package-version=2.31.0',
        `--index-url=${indexUrl()}`,
        '--python-version=3.11',
        `--document-id=${id}`,
        '--store',
      ],
      {
        inputsDir: join(dir, 'in'),
        outputsDir: join(dir, 'out'),
        log: silentLogger,
        signal: new AbortController().signal,
      },
    );
    expect(code).toBe(0);

    const status = await h.run('thoth-graph-sync', h.name('graph-sync'), {
      document_type: 'solver',
      document_id: id,
      artifact_prefix: h.artifactPrefix,
    });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(
      await h.query(
        `SELECT r.version FROM python_release r JOIN release_verdict v ON v.release_id = r.id
           JOIN solver_run s ON s.id = v.solver_run_id WHERE s.document_id = $1`,
        [id],
      ),
    ).toEqual([{ version: '2.31.0' }]);
  });

  it('a document that violates its schema fails the workflow with the step error and stays in S3', async () => {
    const id = h.name('bad');
    const key = `${h.artifactPrefix}/solver/${id}`;
    const bad = JSON.stringify({ metadata: { document_id: id }, result: { releases: 'none' } });
    await h.store.put(key, bad);
    const status = await h.run('thoth-graph-sync', h.name('graph-sync'), {
      document_type: 'solver',
      document_id: id,
      artifact_prefix: h.artifactPrefix,
    });
    expect(status.phase).toBe('Failed');
    expect(nodeOf(status, 'graph-sync')).toMatchObject({ phase: 'Failed', exitCode: 3 });
    expect(status.message).toMatch(/^task graph-sync failed: exit code 3 \(contract-violation\): .*solver/);
    // Contract violations are final: one attempt, no retry.
    expect(status.nodes.filter((n) => n.type === 'Pod')).toHaveLength(1);
    expect((await h.store.get(key)).toString()).toBe(bad);
    expect(await h.query('SELECT 1 FROM solver_run WHERE document_id = $1', [id])).toEqual([]);
  });
});

describe('thoth-advise', () => {
  it('missing knowledge: the adviser document is synced and UnresolvedPackage is emitted', async () => {
    const name = h.name('advise');
    await putRequest(name, 'flask>=2\n');
    const status = await h.run('thoth-advise', name, { artifact_prefix: h.artifactPrefix });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      advise: 'Succeeded',
      'graph-sync': 'Succeeded',
      'emit-unresolved': 'Succeeded',
    });
    expect(nodeOf(status, 'advise')?.outputs).toEqual({ unresolved_count: '1' });
    const document = await h.json<{ result: { error: { code: string } | null } }>(
      `${h.artifactPrefix}/adviser/${name}`,
    );
    expect(document.result.error?.code).toBe('unresolved-dependencies');
    expect(
      await h.query(
        `SELECT u.package_name, a.need_re_run FROM adviser_run a
           JOIN adviser_unresolved u ON u.adviser_run_id = a.id WHERE a.document_id = $1`,
        [name],
      ),
    ).toEqual([{ package_name: 'flask', need_re_run: true }]);
    const messages = await h.messages('unresolved-package');
    expect(messages.map((m) => [m.key, (m.payload as { specifier: string }).specifier])).toEqual([
      ['pypi:flask', '>=2'],
    ]);
    expect(messages[0]?.payload).toMatchObject({ requested_by: { kind: 'adviser', document_id: name } });
  });

  it('known packages: a stack is advised, nothing is emitted, and sync_result=false skips graph-sync', async () => {
    const solved = await solve(h.name('solve'), 'idna', '3.7');
    expect(solved.phase, solved.message).toBe('Succeeded');
    const name = h.name('advise');
    await putRequest(name, 'idna==3.7\n');
    const before = (await h.messages('unresolved-package')).length;
    const status = await h.run('thoth-advise', name, {
      artifact_prefix: h.artifactPrefix,
      sync_result: 'false',
    });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      advise: 'Succeeded',
      'graph-sync': 'Skipped',
      'emit-unresolved': 'Skipped',
    });
    expect(nodeOf(status, 'advise')?.outputs).toEqual({ unresolved_count: '0' });
    const document = await h.json<{
      result: { error: unknown; products: { project: { requirements_locked: unknown } }[] };
    }>(`${h.artifactPrefix}/adviser/${name}`);
    expect(document.result.error).toBeNull();
    expect(JSON.stringify(document.result.products)).toContain('3.7');
    expect(await h.query('SELECT 1 FROM adviser_run WHERE document_id = $1', [name])).toEqual([]);
    expect(await h.messages('unresolved-package')).toHaveLength(before);
  });

  it('a request that is not there fails the advise task before the step runs', async () => {
    const status = await h.run('thoth-advise', h.name('advise'), { artifact_prefix: h.artifactPrefix });
    expect(status.phase).toBe('Error');
    expect(nodeOf(status, 'advise')?.message).toMatch(/input artifact "request": nothing stored under/);
  });
});

describe('thoth-emit', () => {
  it('publishes one message given as parameters', async () => {
    const payload = {
      package_name: 'idna',
      package_version: '3.7',
      index_url: indexUrl(),
      provides_source_distro: false,
    };
    const status = await h.run('thoth-emit', h.name('emit'), {
      message_type: 'UpdateProvidesSourceDistro',
      message_key: 'pypi:idna:3.7',
      payload: JSON.stringify(payload),
    });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(nodeOf(status, 'emit')?.outputs).toEqual({ sent_count: '1' });
    const messages = await h.messages('update-provides-source-distro');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'UpdateProvidesSourceDistro', key: 'pypi:idna:3.7', payload });
  });

  it('a payload that violates its schema sends nothing and fails with the contract error', async () => {
    const status = await h.run('thoth-emit', h.name('emit'), {
      message_type: 'MissingPackage',
      message_key: 'pypi:nope',
      payload: '{"unexpected": true}',
    });
    expect(status.phase).toBe('Failed');
    expect(nodeOf(status, 'emit')).toMatchObject({ phase: 'Failed', exitCode: 3 });
    expect(await h.messages('missing-package')).toEqual([]);
  });
});
