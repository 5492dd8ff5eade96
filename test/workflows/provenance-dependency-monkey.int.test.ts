// thoth-provenance-check and thoth-dependency-monkey end to end in the local engine: the real YAML of
// workflows/, the real steps, the recorded requests corpus on a loopback index, the knowledge the
// graph holds learned through thoth-solve runs, documents in MinIO, the graph in a throwaway
// PostgreSQL database, UnresolvedPackage on Kafka when a run meets a package the graph does not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockedPackages, stackOf, writeLock } from '../../lib/adviser/provenance/__fixtures__/indexes.js';
import type { MessageEnvelope } from '../../lib/contracts/index.js';
import { serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { loadRequestsCorpus } from '../../lib/solver/__fixtures__/corpora.js';
import { startHarness, nodeOf, taskPhases } from './harness.js';
import type { WorkflowHarness } from './harness.js';

let h: WorkflowHarness;
let index: LoopbackIndex;

/** What the graph learns before the tests: idna 3.7, 3.8 and 3.10 solved for CPython 3.11. */
const SOLVED = ['3.7', '3.8', '3.10'];

beforeAll(async () => {
  index = await serveCorpus(await loadRequestsCorpus(), { port: 0 });
  h = await startHarness();
  for (const version of SOLVED) {
    const status = await h.run('thoth-solve', h.name('solve'), {
      package_name: 'idna',
      package_version: version,
      index_url: indexUrl(),
      python_version: '3.11',
      artifact_prefix: h.artifactPrefix,
    });
    expect(status.phase, status.message).toBe('Succeeded');
  }
}, 60_000);
afterAll(async () => {
  await h?.close();
  await index?.close();
});

const indexUrl = (): string => index.url.replace(/\/+$/, '');

interface UnresolvedPayload {
  package_name: string;
  package_version: string | null;
  specifier: string | null;
  index_url: string;
  environment: { id: string } | null;
  requested_by: { kind: string; document_id: string } | null;
}

/** UnresolvedPackage messages a workflow published (requested_by names its document). */
async function unresolvedFrom(documentId: string): Promise<MessageEnvelope[]> {
  return (await h.messages('unresolved-package')).filter(
    (m) => (m.payload as unknown as UnresolvedPayload).requested_by?.document_id === documentId,
  );
}

describe('thoth-provenance-check', () => {
  /** A requirements.txt lock of `releases` with the digests the loopback index publishes. */
  async function lockOf(
    releases: ReadonlyArray<readonly [string, string]>,
    tamper: (sha256: string) => string = (s) => s,
  ): Promise<string> {
    const packages = (await lockedPackages(indexUrl(), releases)).map((p) => ({
      ...p,
      files: p.files.map((f) => ({ ...f, sha256: tamper(f.sha256) })),
    }));
    return writeLock.requirementsTxt(
      stackOf(packages, [{ name: 'loopback', url: indexUrl(), verifySsl: true }]),
    );
  }

  async function check(lock: string, requirements: string) {
    const name = h.name('provenance-checker');
    await h.store.put(
      `${h.artifactPrefix}/provenance-checker/${name}.request`,
      JSON.stringify({
        application_stack: { requirements, requirements_format: 'pip', requirements_locked: lock },
        allowed_indexes: null,
      }),
    );
    const status = await h.run('thoth-provenance-check', name, { artifact_prefix: h.artifactPrefix });
    const document = await h.json<{
      metadata: { document_id: string };
      result: { error: unknown; findings: { type: string; id: string; package_name: string | null }[] };
    }>(`${h.artifactPrefix}/provenance-checker/${name}`);
    return { name, status, document };
  }

  it('a clean lock of known releases: no errors, the run synced, nothing emitted', async () => {
    const { name, status, document } = await check(await lockOf([['idna', '3.10']]), 'idna==3.10\n');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      'provenance-check': 'Succeeded',
      'graph-sync': 'Succeeded',
      'emit-unresolved': 'Skipped',
    });
    expect(nodeOf(status, 'provenance-check')?.outputs).toEqual({ error_count: '0', unresolved_count: '0' });
    expect(document.metadata.document_id).toBe(name);
    expect(document.result.findings.filter((f) => f.type === 'error')).toEqual([]);
    expect(await h.query(`SELECT kind, summary FROM analysis_run WHERE document_id = $1`, [name])).toEqual([
      { kind: 'provenance', summary: { findings: document.result.findings.length } },
    ]);
    expect(await unresolvedFrom(name)).toEqual([]);
  });

  it('a lock with a wrong hash: the error is in the document in S3, and the workflow succeeds', async () => {
    // One digest changed: the file the lock names is no longer the one the index (and the graph) has.
    const flip = (sha256: string): string => `${sha256[0] === '0' ? '1' : '0'}${sha256.slice(1)}`;
    const { name, status, document } = await check(await lockOf([['idna', '3.10']], flip), 'idna==3.10\n');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(nodeOf(status, 'provenance-check')?.outputs).toMatchObject({ error_count: '1' });
    expect(document.result.findings.filter((f) => f.type === 'error')).toEqual([
      expect.objectContaining({ id: 'invalid-artifact-hash', package_name: 'idna' }),
    ]);
    expect(await h.query('SELECT 1 FROM analysis_run WHERE document_id = $1', [name])).toHaveLength(1);
  });

  it('missing knowledge: UnresolvedPackage for the release the graph lacks is published', async () => {
    const { name, status } = await check(
      await lockOf([
        ['certifi', '2024.8.30'],
        ['idna', '3.10'],
      ]),
      'certifi==2024.8.30\nidna==3.10\n',
    );
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toMatchObject({ 'emit-unresolved': 'Succeeded' });
    expect(nodeOf(status, 'provenance-check')?.outputs).toEqual({ error_count: '0', unresolved_count: '1' });
    expect(nodeOf(status, 'emit-unresolved')?.outputs).toEqual({ sent_count: '1' });
    const messages = await unresolvedFrom(name);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      type: 'UnresolvedPackage',
      key: 'pypi:certifi:2024.8.30',
      payload: {
        package_name: 'certifi',
        package_version: '2024.8.30',
        index_url: indexUrl(),
        environment: null,
        requested_by: { kind: 'provenance-checker', document_id: name },
      },
    });
  });
});

describe('thoth-dependency-monkey', () => {
  async function monkey(requirements: string, parameters: Record<string, string>) {
    const name = h.name('dependency-monkey');
    await h.store.put(
      `${h.artifactPrefix}/dependency-monkey/${name}.request`,
      JSON.stringify({
        application_stack: { requirements, requirements_format: 'pip', requirements_locked: null },
        runtime_environment: { python_version: '3.11', machine: 'x86_64' },
        context: { base: 'quay.io/fedora/python-311' },
      }),
    );
    const status = await h.run('thoth-dependency-monkey', name, {
      artifact_prefix: h.artifactPrefix,
      ...parameters,
    });
    return { name, status };
  }

  it('N distinct stacks from what the graph learned, in the document in S3, synced', async () => {
    const { name, status } = await monkey('idna>=3.7\n', { decision_type: 'all', count: '3' });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      'dependency-monkey': 'Succeeded',
      'graph-sync': 'Succeeded',
      'emit-unresolved': 'Skipped',
    });
    expect(nodeOf(status, 'dependency-monkey')?.outputs).toEqual({ stack_count: '3', unresolved_count: '0' });
    const document = await h.json<{
      result: {
        error: unknown;
        report: { responses: { product: { lock: { packages: { name: string; version: string }[] } } }[] };
      };
    }>(`${h.artifactPrefix}/dependency-monkey/${name}`);
    expect(document.result.error).toBeNull();
    const stacks = document.result.report.responses.map((r) =>
      r.product.lock.packages.map((p) => `${p.name}==${p.version}`).join(' '),
    );
    // 'all' enumerates newest first, each stack once.
    expect(stacks).toEqual(['idna==3.10', 'idna==3.8', 'idna==3.7']);
    expect(await h.query('SELECT kind FROM analysis_run WHERE document_id = $1', [name])).toEqual([
      { kind: 'dependency-monkey' },
    ]);
  });

  it('missing knowledge: UnresolvedPackage is published (dry_run skips only the sync)', async () => {
    const { name, status } = await monkey(`--index-url ${indexUrl()}\ncertifi>=2024\n`, {
      decision_type: 'random',
      count: '2',
      dry_run: 'true',
    });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      'dependency-monkey': 'Succeeded',
      'graph-sync': 'Skipped',
      'emit-unresolved': 'Succeeded',
    });
    expect(nodeOf(status, 'dependency-monkey')?.outputs).toEqual({ stack_count: '0', unresolved_count: '1' });
    const messages = await unresolvedFrom(name);
    expect(messages.map((m) => m.key)).toEqual(['pypi:certifi']);
    expect(messages[0]?.payload).toMatchObject({
      package_name: 'certifi',
      package_version: null,
      specifier: '>=2024',
      index_url: indexUrl(),
      // The environment the run advised for, so the investigator solves it there.
      environment: { id: 'cpython-3.11.0-manylinux_2_34_x86_64', python_version: '3.11' },
      requested_by: { kind: 'dependency-monkey', document_id: name },
    });
    expect(await h.query('SELECT 1 FROM analysis_run WHERE document_id = $1', [name])).toEqual([]);
  });
});
