// thoth-security-indicators end to end in the local engine with the real steps: si-download from a
// loopback index serving a real sdist, bandit (the test venv) ∥ cloc (Debian), si-aggregate, and
// graph-sync into PostgreSQL; and the branches without an sdist (UpdateProvidesSourceDistro) or
// without the release (MissingVersion), which only emit, on Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { buildSmallSdist } from '../../lib/security/__fixtures__/small-sdist.js';
import { corpusOf } from '../../lib/solver/__fixtures__/corpora.js';
import { nodeOf, startHarness, taskPhases } from './harness.js';
import type { WorkflowHarness } from './harness.js';

let h: WorkflowHarness;
let index: LoopbackIndex;

beforeAll(async () => {
  const corpus = corpusOf([
    { project: 'pkg', version: '1.0', files: ['pkg-1.0-py3-none-any.whl', 'pkg-1.0.tar.gz'] },
    { project: 'pkg', version: '2.0' },
  ]);
  index = await serveCorpus(corpus, {
    port: 0,
    artifacts: new Map([['pkg-1.0.tar.gz', await buildSmallSdist()]]),
  });
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  await index?.close();
});

const indexUrl = (): string => index.url.replace(/\/+$/, '');

function analyse(name: string, version: string, url = indexUrl()) {
  return h.run('thoth-security-indicators', name, {
    package_name: 'pkg',
    package_version: version,
    index_url: url,
    artifact_prefix: h.artifactPrefix,
  });
}

describe('thoth-security-indicators', () => {
  it('download → bandit ∥ cloc → aggregate → graph-sync: the document in S3 and its row in the graph', async () => {
    // The release must be in the graph first, as in the pipeline (SolvedPackage triggers this workflow).
    const solved = await h.run('thoth-solve', h.name('solve'), {
      package_name: 'pkg',
      package_version: '1.0',
      index_url: indexUrl(),
      artifact_prefix: h.artifactPrefix,
    });
    expect(solved.phase, solved.message).toBe('Succeeded');

    const name = h.name('si');
    const status = await analyse(name, '1.0');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      download: 'Succeeded',
      bandit: 'Succeeded',
      cloc: 'Succeeded',
      aggregate: 'Succeeded',
      'graph-sync': 'Succeeded',
      emit: 'Skipped',
    });
    expect(nodeOf(status, 'download')?.outputs).toEqual({ failed_status: '0' });
    // The extracted sdist travelled through S3 as a directory artifact, one object per file.
    const packageKeys: string[] = [];
    for await (const info of h.store.list(`${h.artifactPrefix}/si-package/${name}/`))
      packageKeys.push(info.key);
    expect(packageKeys.some((k) => k.endsWith('/pkg/core.py'))).toBe(true);

    const document = await h.json<{
      metadata: { document_id: string };
      result: { error: unknown; severity_confidence: Record<string, unknown>; cloc: unknown };
    }>(`${h.artifactPrefix}/security-indicator/${name}`);
    expect(document.metadata.document_id).toBe(name);
    expect(document.result.error).toBeNull();

    const rows = await h.query<{
      error: string | null;
      severity_confidence: Record<string, Record<string, number>>;
      python_files: number;
      version: string;
    }>(
      `SELECT s.error, s.severity_confidence, s.python_files, r.version
         FROM security_indicator_run s JOIN python_release r ON r.id = s.release_id
        WHERE s.document_id = $1`,
      [name],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ error: null, version: '1.0' });
    // The fixture's findings outside tests/ (small-sdist.ts), severity → confidence: B403 and B404
    // low/high, B107 low/medium, B602 high/high; the B101 in tests/ is filtered out.
    expect(rows[0]?.severity_confidence).toMatchObject({ low: { high: 2, medium: 1 }, high: { high: 1 } });
    expect(rows[0]?.python_files).toBeGreaterThan(0);
    expect(await h.messages('missing-version')).toEqual([]);
  });

  it('a release without an sdist: only emit runs and announces UpdateProvidesSourceDistro', async () => {
    const name = h.name('si');
    const status = await analyse(name, '2.0');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({
      download: 'Succeeded',
      bandit: 'Skipped',
      cloc: 'Skipped',
      aggregate: 'Omitted',
      'graph-sync': 'Omitted',
      emit: 'Succeeded',
    });
    expect(nodeOf(status, 'emit')?.outputs).toEqual({ sent_count: '1' });
    const messages = await h.messages('update-provides-source-distro');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      key: 'pypi:pkg:2.0',
      payload: { package_name: 'pkg', package_version: '2.0', provides_source_distro: false },
    });
    expect(await h.store.exists(`${h.artifactPrefix}/security-indicator/${name}`)).toBe(false);
  });

  it('a release the index does not have: MissingVersion', async () => {
    const status = await analyse(h.name('si'), '9.9');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toMatchObject({ emit: 'Succeeded', aggregate: 'Omitted' });
    const messages = await h.messages('missing-version');
    expect(messages.map((m) => m.key)).toEqual(['pypi:pkg:9.9']);
    expect(messages[0]?.payload).toMatchObject({ package_name: 'pkg', package_version: '9.9' });
  });

  it('a download that cannot run fails the workflow with the step error; nothing else runs', async () => {
    const name = h.name('si');
    const status = await analyse(name, '1.0', 'ftp://nowhere.invalid/simple');
    expect(status.phase).toBe('Failed');
    expect(nodeOf(status, 'download')).toMatchObject({ phase: 'Failed', exitCode: 2 });
    expect(status.message).toMatch(
      /^task download failed: exit code 2 \(bad-input\): si-download: --index-url/,
    );
    expect(taskPhases(status)).toMatchObject({ bandit: 'Omitted', cloc: 'Omitted', emit: 'Omitted' });
    expect(await h.query('SELECT 1 FROM security_indicator_run WHERE document_id = $1', [name])).toEqual([]);
  });
});
