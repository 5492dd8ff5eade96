// The CronWorkflows end to end in the local engine (submitted on demand, never scheduled):
// thoth-cve-update from the OSV fixture records, thoth-graph-refresh, thoth-package-releases and
// thoth-package-update against a loopback index that switches corpora, with the real steps, a
// throwaway PostgreSQL graph seeded through thoth-solve runs, and the messages read back from Kafka.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusOf } from '../../lib/freshness/__fixtures__/support.js';
import { migrate, PgGraphStore, upsertRelease } from '../../lib/graph/index.js';
import { serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { nodeOf, startHarness, taskPhases } from './harness.js';
import type { WorkflowHarness } from './harness.js';

const OSV_FIXTURES = fileURLToPath(
  new URL('../../lib/security/osv/__fixtures__/advisory-db', import.meta.url),
);
const PYPI = 'https://pypi.org/simple';

// Between the two corpora alpha 2.0 appears, alpha 1.0 is re-uploaded (its stub wheel changes, so
// does its sha256) and beta disappears.
const before = corpusOf([
  { project: 'alpha', version: '1.0' },
  { project: 'alpha', version: '1.1' },
  { project: 'beta', version: '1.0' },
]);
const after = corpusOf([
  { project: 'alpha', version: '1.0', extra: ['Summary: rebuilt'] },
  { project: 'alpha', version: '1.1' },
  { project: 'alpha', version: '2.0' },
]);

let h: WorkflowHarness;
let index: LoopbackIndex;

const cron = (template: string, parameters: Record<string, string> = {}) =>
  h.run(template, h.name(template.replace(/^thoth-/, '')), parameters, 'CronWorkflow');

beforeAll(async () => {
  index = await serveCorpus(before, { port: 0 });
  h = await startHarness({ env: { THOTH_OSV_SOURCE: OSV_FIXTURES } });
  // What the graph knows comes from the pipeline itself: one thoth-solve per release.
  for (const [name, version] of [
    ['alpha', '1.0'],
    ['alpha', '1.1'],
    ['beta', '1.0'],
  ] as const) {
    const status = await h.run('thoth-solve', h.name('solve'), {
      package_name: name,
      package_version: version,
      index_url: index.url.replace(/\/+$/, ''),
      artifact_prefix: h.artifactPrefix,
    });
    if (status.phase !== 'Succeeded') throw new Error(`seeding ${name} ${version}: ${status.message}`);
  }
});
afterAll(async () => {
  await h?.close();
  await index?.close();
});

// Runs first: later tests add PyPI's index to the graph (the advisories' releases), and
// package-releases would then watch pypi.org too, which this network does not answer.
describe('thoth-package-releases and thoth-package-update', () => {
  it('a first run records the index position; after the index changes, each change is announced once', async () => {
    const baseline = await cron('thoth-package-releases');
    expect(baseline.phase, baseline.message).toBe('Succeeded');
    expect(nodeOf(baseline, 'emit')?.outputs).toEqual({ sent_count: '0' });
    expect(await h.query('SELECT 1 FROM watch_position')).toHaveLength(1);

    const port = index.port;
    await index.close();
    index = await serveCorpus(after, { port });

    const released = await cron('thoth-package-releases');
    expect(released.phase, released.message).toBe('Succeeded');
    expect(nodeOf(released, 'emit')?.outputs).toEqual({ sent_count: '1' });
    const messages = await h.messages('package-released');
    expect(messages.map((m) => m.key)).toEqual(['pypi:alpha:2.0']);
    expect(messages[0]?.payload).toMatchObject({ package_name: 'alpha', package_version: '2.0' });

    const update = await cron('thoth-package-update');
    expect(update.phase, update.message).toBe('Succeeded');
    expect(taskPhases(update)).toEqual({ 'package-update': 'Succeeded', emit: 'Succeeded' });
    expect((await h.messages('hash-mismatch')).map((m) => m.key)).toEqual(['pypi:alpha:1.0']);
    expect((await h.messages('missing-package')).map((m) => m.key)).toEqual(['pypi:beta']);
    // The findings are recorded, so the next run (here a dry run) finds nothing new to announce.
    expect(
      await h.query(`SELECT version, is_missing FROM python_release WHERE package_name = 'beta'`),
    ).toEqual([{ version: '1.0', is_missing: true }]);
    const again = await cron('thoth-package-update', { dry_run: 'true' });
    expect(again.phase, again.message).toBe('Succeeded');
    expect(taskPhases(again)).toEqual({ 'package-update': 'Succeeded', emit: 'Skipped' });
    expect(await h.messages('hash-mismatch')).toHaveLength(1);
  });
});

describe('thoth-cve-update', () => {
  it('imports the OSV records into the graph and announces CVEProvided for affected releases', async () => {
    // PyPI's advisories concern PyPI's releases: these jinja2 releases stand for what solvers learnt.
    const graph = new PgGraphStore({ connectionString: process.env['THOTH_GRAPH_URL']! });
    try {
      await migrate(graph);
      for (const version of ['2.10', '2.10.1', '2.11.3']) {
        await upsertRelease(
          graph,
          {
            name: 'jinja2',
            version,
            indexUrl: PYPI,
            requiresPython: null,
            yanked: false,
            yankedReason: null,
            uploadTime: null,
            metadataSource: null,
            files: [],
            dependencies: [],
            verdicts: [],
          },
          version,
          new Map(),
          null,
        );
      }
    } finally {
      await graph.close();
    }

    const status = await cron('thoth-cve-update');
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({ 'cve-update': 'Succeeded', emit: 'Succeeded' });
    expect(nodeOf(status, 'emit')?.outputs).toEqual({ sent_count: '2' });
    const messages = await h.messages('cve-provided');
    expect(messages.map((m) => m.key).sort()).toEqual([
      'pypi:jinja2:2.10.1:PYSEC-0000-T1',
      'pypi:jinja2:2.10:PYSEC-0000-T1',
    ]);
    expect(
      await h.query(
        `SELECT r.version FROM advisory a JOIN advisory_affected_release x ON x.advisory_id = a.id
           JOIN python_release r ON r.id = x.release_id WHERE a.advisory_id = 'PYSEC-0000-T1' ORDER BY 1`,
      ),
    ).toEqual([{ version: '2.10' }, { version: '2.10.1' }]);
  });

  it('dry_run imports nothing new and skips the emit task', async () => {
    const status = await cron('thoth-cve-update', { dry_run: 'true' });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({ 'cve-update': 'Succeeded', emit: 'Skipped' });
    expect(await h.messages('cve-provided')).toHaveLength(2);
  });
});

describe('thoth-graph-refresh', () => {
  it('announces the releases not solved in the known environment and those without security indicators', async () => {
    const status = await cron('thoth-graph-refresh', { count: '100' });
    expect(status.phase, status.message).toBe('Succeeded');
    expect(taskPhases(status)).toEqual({ 'graph-refresh': 'Succeeded', emit: 'Succeeded' });
    // The jinja2 releases were never solved; alpha and beta were, in the environment their solves
    // created, which is the one graph-refresh asks about.
    const unresolved = await h.messages('unresolved-package');
    expect(unresolved.map((m) => m.key).sort()).toEqual([
      'pypi:jinja2:2.10',
      'pypi:jinja2:2.10.1',
      'pypi:jinja2:2.11.3',
    ]);
    expect(unresolved[0]?.payload).toMatchObject({
      environment: { id: 'cpython-3.11.0-manylinux_2_34_x86_64', python_version: '3.11' },
    });
    const unanalysed = await h.messages('si-unanalyzed-package');
    expect(unanalysed.map((m) => m.key)).toEqual(
      expect.arrayContaining(['pypi:alpha:1.0', 'pypi:alpha:1.1']),
    );
    const sent = Number(nodeOf(status, 'emit')?.outputs?.sent_count);
    expect(sent).toBe(unresolved.length + unanalysed.length);
  });
});
