// The investigator's handlers end to end on the embedded bus and an embedded graph (PGlite): every
// message type's effect, exactly-once scheduling under redelivery and engine failures, the re-run
// loop, back-pressure with the job follow-up, and dead letters.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_CATALOGUE } from '../contracts/index.js';
import type { MessageEnvelope } from '../contracts/index.js';
import { PgliteGraphStore, migrate } from '../graph/index.js';
import { EmbeddedMessageBus, contractCodec, readDeadLetterReason } from '../messaging/index.js';
import type { ConsumedRecord, Subscription } from '../messaging/index.js';
import { DirectoryArtifactStore, requestKey } from '../storage/index.js';
import { workflowName } from '../workflows/index.js';
import { findHandler, handledTypes } from './handlers/index.js';
import { reRunDocumentId, securityIndicatorKey, solveKey } from './learn.js';
import { InvestigatorMetrics } from './metrics.js';
import { InvestigatorService } from './service.js';
import {
  ENVIRONMENTS,
  INDEX,
  deps,
  envelope,
  policy,
  released,
  seedAdviserRun,
  seedRelease,
  seedVerdict,
  truncateGraph,
} from './test-support/fixtures.js';
import { RecordingWorkflowEngine } from './test-support/recording-engine.js';
import type { InvestigatorDeps } from './types.js';

let graph: PgliteGraphStore;
let bus: EmbeddedMessageBus;
let engine: RecordingWorkflowEngine;
let service: InvestigatorService | undefined;
let metrics: InvestigatorMetrics;
let deadLetters: ConsumedRecord[];
let deadLetterSub: Subscription | undefined;

beforeAll(async () => {
  graph = await PgliteGraphStore.open();
  await migrate(graph);
}, 60_000);

afterAll(async () => {
  await graph.close();
});

beforeEach(async () => {
  await truncateGraph(graph);
  engine = new RecordingWorkflowEngine();
  metrics = new InvestigatorMetrics();
  bus = await EmbeddedMessageBus.open({
    deployment: 'test',
    codec: contractCodec,
    topics: { defaults: { partitions: 2 } },
    retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
  });
  deadLetters = [];
});

afterEach(async () => {
  await service?.stop();
  service = undefined;
  await deadLetterSub?.stop();
  deadLetterSub = undefined;
  await bus.close();
});

async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const handled = (): number => sumCounter(metrics.processed);
function sumCounter(counter: InvestigatorMetrics['processed']): number {
  // Sum over every label set, read from the rendered text so tests do not reach into internals.
  return counter
    .render()
    .split('\n')
    .filter((l) => !l.startsWith('#') && l.trim() !== '')
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

async function start(overrides: Partial<InvestigatorDeps> = {}): Promise<InvestigatorDeps> {
  const d = deps(graph, engine, {
    metrics,
    publish: (envelopes) => bus.publish(envelopes),
    ...overrides,
  });
  service = new InvestigatorService({
    bus,
    deps: d,
    group: 'test.investigator',
    messageTypes: handledTypes(),
  });
  await service.start();
  const dlq = service.topics.map((t) => `${t}.dead-letter`);
  deadLetterSub = await bus.subscribeRecords('test.dlq-reader', dlq, (record) => {
    deadLetters.push(record);
    return Promise.resolve();
  });
  return d;
}

/** Publish and wait until every message is processed or dead-lettered. */
async function deliver(messages: MessageEnvelope[]): Promise<void> {
  const before = handled() + sumCounter(metrics.deadLettered);
  await bus.publish(messages);
  await waitFor(
    `${messages.length} messages`,
    () => handled() + sumCounter(metrics.deadLettered) >= before + messages.length,
  );
}

async function jobs(): Promise<
  { kind: string; key: string; status: string; attempts: number; workflow_name: string }[]
> {
  return graph.query('SELECT kind, key, status, attempts, workflow_name FROM job ORDER BY kind, key');
}

describe('handler registry', () => {
  it('has a handler for every (type, version) of the message catalogue', () => {
    const missing = MESSAGE_CATALOGUE.filter((s) => findHandler(s.type, s.version) === undefined);
    expect(missing).toEqual([]);
  });
});

describe('solving', () => {
  it('PackageReleased solves once per configured environment, and a redelivery submits nothing more', async () => {
    await start();
    const message = released('flask', '2.0.1');
    await deliver([message]);
    await deliver([message, released('flask', '2.0.1')]);
    const release = { name: 'flask', version: '2.0.1', indexUrl: INDEX };
    const names = ENVIRONMENTS.map((e) => workflowName('solve', solveKey(release, e.id)));
    expect([...engine.workflows.keys()].sort()).toEqual([...names].sort());
    expect(engine.calls.filter((c) => c.outcome === 'submitted')).toHaveLength(2);
    const solve = engine.workflows.get(names[0]!)!;
    expect(solve).toMatchObject({
      template: 'thoth-solve',
      parameters: {
        package_name: 'flask',
        package_version: '2.0.1',
        index_url: INDEX,
        python_version: '3.11',
        no_transitive: 'true',
        force_sync: 'false',
        artifact_prefix: 'data/test',
      },
    });
    expect((await jobs()).map((j) => [j.kind, j.status, j.attempts])).toEqual([
      ['solve', 'submitted', 1],
      ['solve', 'submitted', 1],
    ]);
    expect(metrics.skipped.get({ kind: 'solve', reason: 'in-flight' })).toBe(4);
  });

  it('skips environments where the release is already solved', async () => {
    await seedVerdict(graph, 'flask', '2.0.1', 'rhel-9-py311');
    await start();
    await deliver([released('flask', '2.0.1')]);
    expect([...engine.workflows.values()].map((w) => w.parameters['python_version'])).toEqual(['3.12']);
    expect(metrics.skipped.get({ kind: 'solve', reason: 'known' })).toBe(1);
  });

  /** An adviser's UnresolvedPackage for click<2.1 without a version: the index's listing decides. */
  const clickBelow21 = (): MessageEnvelope =>
    envelope('UnresolvedPackage', {
      package_name: 'click',
      package_version: null,
      specifier: '<2.1',
      index_url: INDEX,
      environment: null,
      requested_by: { kind: 'adviser', document_id: 'advise-0123' },
    });

  it('UnresolvedPackage without a version solves the newest matching versions from the index', async () => {
    await seedRelease(graph, 'seed', '1.0'); // registers INDEX in the graph
    const listed: string[] = [];
    await start({
      versions: {
        listVersions: (name) => {
          listed.push(name);
          return Promise.resolve(['1.0', '1.1', '2.0', '2.1rc1', '2.0.1', 'not-a-version']);
        },
      },
      policy: policy({ environments: [ENVIRONMENTS[0]!], maxVersionsPerPackage: 2 }),
    });
    await deliver([clickBelow21()]);
    expect(listed).toEqual(['click']);
    expect([...engine.workflows.values()].map((w) => w.parameters['package_version']).sort()).toEqual([
      '2.0',
      '2.0.1',
    ]);
  });

  it('UnresolvedPackage without a version records the listing and reaches past what is solved already', async () => {
    // click 2.0.1 and 2.0 are solved in the only environment; 1.1 in another one only.
    await seedVerdict(graph, 'click', '2.0.1', ENVIRONMENTS[0]!.id);
    await seedVerdict(graph, 'click', '2.0', ENVIRONMENTS[0]!.id);
    await seedVerdict(graph, 'click', '1.1', ENVIRONMENTS[1]!.id);
    await start({
      versions: {
        listVersions: () => Promise.resolve(['0.9', '1.0', '1.1', '2.0', '2.0.1', 'not-a-version']),
      },
      policy: policy({ environments: [ENVIRONMENTS[0]!], maxVersionsPerPackage: 2 }),
    });
    await deliver([clickBelow21()]);
    // The next two newest the environment lacks, not 2.0.1 and 2.0 again.
    expect([...engine.workflows.values()].map((w) => w.parameters['package_version']).sort()).toEqual([
      '1.0',
      '1.1',
    ]);
    // Every parseable listed version is a release row now; those never solved have no verdict.
    const rows = await graph.query<{ version: string; verdicts: number }>(
      `SELECT r.version, (SELECT count(*)::int FROM release_verdict v WHERE v.release_id = r.id) AS verdicts
       FROM python_release r WHERE r.package_name = 'click' ORDER BY r.normalized_version`,
    );
    expect(rows.map((r) => `${r.version}:${r.verdicts}`)).toEqual([
      '0.9:0',
      '1.0:0',
      '1.1:1',
      '2.0:1',
      '2.0.1:1',
    ]);
  });

  it('UnresolvedPackage for its own environment only, and an unknown index goes to the dead letters', async () => {
    await seedRelease(graph, 'seed', '1.0');
    await start();
    await deliver([
      envelope('UnresolvedPackage', {
        package_name: 'click',
        package_version: '8.1.7',
        specifier: null,
        index_url: INDEX,
        environment: ENVIRONMENTS[1],
        requested_by: null,
      }),
      envelope('UnresolvedPackage', {
        package_name: 'evil',
        package_version: '1.0',
        specifier: null,
        index_url: 'https://elsewhere.example/simple',
        environment: null,
        requested_by: null,
      }),
    ]);
    expect(
      [...engine.workflows.values()].map((w) => [
        w.parameters['package_name'],
        w.parameters['python_version'],
      ]),
    ).toEqual([['click', '3.12']]);
    await waitFor('dead letter', () => deadLetters.length === 1);
    expect(readDeadLetterReason(deadLetters[0]!.headers)).toMatchObject({
      kind: 'not-retriable',
      errorCode: 'unknown-index',
    });
  });

  it('HashMismatch marks the vanished files absent and re-solves everywhere, once per mismatch', async () => {
    const sha = (c: string): string => c.repeat(64);
    await seedRelease(graph, 'six', '1.16.0', [
      { filename: 'six-1.16.0-py2.py3-none-any.whl', sha256: sha('a') },
      { filename: 'six-1.16.0.tar.gz', sha256: sha('b') },
    ]);
    for (const e of ENVIRONMENTS) await seedVerdict(graph, 'six', '1.16.0', e.id);
    await start();
    const mismatch = envelope('HashMismatch', {
      package_name: 'six',
      package_version: '1.16.0',
      index_url: INDEX,
      missing_from_source: [
        { filename: 'six-1.16.0-py2.py3-none-any.whl', sha256: sha('a') },
        { filename: null, sha256: sha('b') },
      ],
      missing_from_database: [{ filename: 'six-1.16.0-py3-none-any.whl', sha256: sha('c') }],
    });
    await deliver([mismatch, mismatch]);
    const files = await graph.query<{ present: boolean }>('SELECT present FROM python_file');
    expect(files.map((f) => f.present)).toEqual([false, false]);
    expect([...engine.workflows.values()].map((w) => w.parameters['force_sync'])).toEqual(['true', 'true']);
  });
});

describe('flags and records', () => {
  it('MissingPackage, MissingVersion and UpdateProvidesSourceDistro set their flags; CVEProvided is counted', async () => {
    await seedRelease(graph, 'a', '1.0');
    await seedRelease(graph, 'a', '2.0');
    await seedRelease(graph, 'b', '1.0');
    await start();
    await deliver([
      envelope('MissingPackage', { package_name: 'a', index_url: INDEX, detected_by: 'package-update' }),
      envelope('MissingVersion', {
        package_name: 'b',
        package_version: '1.0',
        index_url: INDEX,
        detected_by: 'package-update',
      }),
      envelope('UpdateProvidesSourceDistro', {
        package_name: 'b',
        package_version: '1.0',
        index_url: INDEX,
        provides_source_distro: false,
      }),
      envelope('CVEProvided', {
        package_name: 'b',
        package_version: '1.0',
        index_url: INDEX,
        advisory_id: 'PYSEC-2024-1',
        aliases: ['CVE-2024-0001'],
      }),
    ]);
    const rows = await graph.query<{
      package_name: string;
      version: string;
      is_missing: boolean;
      provides_source_distro: boolean;
    }>(
      'SELECT package_name, version, is_missing, provides_source_distro FROM python_release ORDER BY package_name, version',
    );
    expect(rows.map((r) => [r.package_name, r.version, r.is_missing, r.provides_source_distro])).toEqual([
      ['a', '1.0', true, true],
      ['a', '2.0', true, true],
      ['b', '1.0', true, false],
    ]);
    expect(metrics.cveProvided.get()).toBe(1);
    expect(engine.workflows.size).toBe(0);
  });
});

describe('security indicators and the re-run loop', () => {
  const solved = (name: string, version: string, environment = ENVIRONMENTS[0]!): MessageEnvelope =>
    envelope('SolvedPackage', {
      package_name: name,
      package_version: version,
      index_url: INDEX,
      environment,
      document_id: workflowName('solve', `${name}:${version}:${environment.id}`),
      verdict: { installable: true, reason: null, detail: null },
    });

  it('SolvedPackage from every solver schedules the security indicators once', async () => {
    await start();
    await deliver(ENVIRONMENTS.map((e) => solved('flask', '2.0.1', e)));
    const name = workflowName(
      'security-indicator',
      securityIndicatorKey({ name: 'flask', version: '2.0.1', indexUrl: INDEX }),
    );
    expect([...engine.workflows.keys()]).toEqual([name]);
    expect(engine.workflows.get(name)?.template).toBe('thoth-security-indicators');
  });

  it('does not analyse a release without a source distribution, or one already analysed', async () => {
    await seedRelease(graph, 'nosdist', '1.0');
    await graph.query(
      `UPDATE python_release SET provides_source_distro = false WHERE package_name = 'nosdist'`,
    );
    const analysed = await seedRelease(graph, 'done', '1.0');
    await graph.query(
      `INSERT INTO security_indicator_run (document_id, release_id, datetime) VALUES ('security-indicator-1', $1, now())`,
      [analysed],
    );
    await start();
    await deliver([
      solved('nosdist', '1.0'),
      envelope('SIUnanalyzedPackage', { package_name: 'done', package_version: '1.0', index_url: INDEX }),
    ]);
    expect(engine.workflows.size).toBe(0);
    expect(metrics.skipped.get({ kind: 'security-indicator', reason: 'known' })).toBe(2);
  });

  it('announces an AdviserReRun once all unresolved packages are known, and runs it once', async () => {
    const artifacts = new DirectoryArtifactStore(await mkdtemp(join(tmpdir(), 'thoth-investigator-')));
    const layout = { prefix: 'data', deployment: 'test' };
    await artifacts.put(requestKey(layout, 'adviser', 'advise-original'), '{"requirements":"flask"}');
    await seedAdviserRun(
      graph,
      'advise-original',
      [{ name: 'flask', specifier: '>=2' }, { name: 'click' }],
      'rhel-9-py311',
    );
    const published: MessageEnvelope[] = [];
    await start({
      artifacts: { store: artifacts, layout },
      publish: async (envelopes) => {
        published.push(...envelopes);
        await bus.publish(envelopes);
      },
    });
    // flask solved, but only 1.1 which does not match >=2, and click not at all: no re-run yet.
    await seedVerdict(graph, 'flask', '1.1', 'rhel-9-py311');
    await deliver([solved('flask', '1.1')]);
    expect(published).toHaveLength(0);
    await seedVerdict(graph, 'flask', '2.0.1', 'rhel-9-py311');
    await seedVerdict(graph, 'click', '8.1.7', 'ubi-9-py312'); // another environment: not enough
    await deliver([solved('flask', '2.0.1')]);
    expect(published).toHaveLength(0);
    await seedVerdict(graph, 'click', '8.1.7', 'rhel-9-py311');
    const last = solved('click', '8.1.7');
    await deliver([last, last]);
    await waitFor('the re-run workflow', () => engine.workflows.has(reRunDocumentId('advise-original')));
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      type: 'AdviserReRun',
      correlation_id: last.correlation_id,
      causation_id: last.id,
      payload: { original_document_id: 'advise-original' },
    });
    expect(published[0]!.payload['solved']).toEqual(
      expect.arrayContaining([
        { package_name: 'flask', package_version: '2.0.1', index_url: INDEX },
        { package_name: 'click', package_version: '8.1.7', index_url: INDEX },
      ]),
    );
    const reRunId = reRunDocumentId('advise-original');
    expect(engine.workflows.get(reRunId)).toMatchObject({
      template: 'thoth-advise',
      parameters: { recommendation_type: 'stable', artifact_prefix: 'data/test' },
    });
    expect((await artifacts.get(requestKey(layout, 'adviser', reRunId))).toString()).toBe(
      '{"requirements":"flask"}',
    );
    const [run] = await graph.query<{ need_re_run: boolean; re_run_document_id: string }>(
      `SELECT need_re_run, re_run_document_id FROM adviser_run WHERE document_id = 'advise-original'`,
    );
    expect(run).toEqual({ need_re_run: false, re_run_document_id: reRunId });
    // A second AdviserReRun (a producer retry) changes nothing.
    await deliver([published[0]!]);
    expect(engine.calls.filter((c) => c.name === reRunId).map((c) => c.outcome)).toEqual(['submitted']);
  });
});

describe('user requests', () => {
  it('AdviseRequested, ProvenanceCheckRequested, DependencyMonkeyRequested and InspectionCompleted submit their workflows under their document ids', async () => {
    await start();
    const requests = [
      envelope(
        'AdviseRequested',
        {
          document_id: 'advise-abc',
          recommendation_type: 'security',
          origin: null,
          source_type: 'cli',
          re_run_of: null,
          debug: false,
        },
        'adviser:advise-abc',
      ),
      envelope(
        'ProvenanceCheckRequested',
        { document_id: 'provenance-abc', origin: null, debug: false },
        'provenance:provenance-abc',
      ),
      envelope(
        'DependencyMonkeyRequested',
        {
          document_id: 'dependency-monkey-abc',
          seed: 7,
          decision_type: 'random',
          count: 10,
          limit_latest_versions: null,
          dry_run: true,
        },
        'dependency-monkey:dependency-monkey-abc',
      ),
      envelope(
        'InspectionCompleted',
        {
          inspection_id: 'inspection-abc',
          force_sync: false,
          run_count: 3,
          dependency_monkey_document_id: null,
        },
        'inspection:inspection-abc',
      ),
    ];
    await deliver([...requests, ...requests]);
    const byName = Object.fromEntries(
      [...engine.workflows.values()].map((w) => [w.name, [w.template, w.parameters]]),
    );
    expect(byName).toEqual({
      'advise-abc': ['thoth-advise', { recommendation_type: 'security', artifact_prefix: 'data/test' }],
      'provenance-abc': ['thoth-provenance-check', { artifact_prefix: 'data/test' }],
      'dependency-monkey-abc': [
        'thoth-dependency-monkey',
        { decision_type: 'random', count: '10', seed: '7', dry_run: 'true', artifact_prefix: 'data/test' },
      ],
      [workflowName('graph-sync', 'inspection:inspection-abc')]: [
        'thoth-graph-sync',
        {
          document_type: 'inspection',
          document_id: 'inspection-abc',
          force_sync: 'false',
          artifact_prefix: 'data/test',
        },
      ],
    });
    expect(engine.calls.filter((c) => c.outcome === 'submitted')).toHaveLength(4);
  });
});

describe('exactly once across failures', () => {
  it('an engine outage rolls the claim back, and the retry submits once', async () => {
    engine.failNext = 1;
    await start();
    await deliver([released('attrs', '23.1.0')]);
    expect(engine.workflows.size).toBe(2);
    expect((await jobs()).map((j) => j.attempts)).toEqual([1, 1]);
    expect(sumCounter(metrics.failed)).toBe(1);
  });

  it('a workflow submitted before a crash (no job row) is taken over, not submitted twice', async () => {
    const release = { name: 'attrs', version: '23.1.0', indexUrl: INDEX };
    const name = workflowName('solve', solveKey(release, ENVIRONMENTS[0]!.id));
    await engine.submit({ template: 'thoth-solve', name });
    await start();
    await deliver([released('attrs', '23.1.0')]);
    expect(engine.calls.filter((c) => c.name === name).map((c) => c.outcome)).toEqual([
      'submitted',
      'already-exists',
    ]);
    expect(metrics.scheduled.get({ kind: 'solve', outcome: 'already-exists' })).toBe(1);
    expect((await jobs()).map((j) => j.status)).toEqual(['submitted', 'submitted']);
  });

  it('a failed job is retried under a new name after the follow-up records the failure, up to its attempts', async () => {
    const d = await start({ policy: policy({ environments: [ENVIRONMENTS[0]!], maxJobAttempts: 2 }) });
    const message = released('idna', '3.4');
    await deliver([message]);
    const [first] = [...engine.workflows.keys()];
    engine.phases.set(first!, 'Failed');
    const { reconcileJobs } = await import('./reconcile.js');
    const follow = { ...d, batch: 10, retryAfterMs: 0, notFoundGraceMs: 0 };
    expect(await reconcileJobs(follow)).toMatchObject({ failed: 1 });
    await deliver([message]);
    const names = [...engine.workflows.keys()];
    expect(names).toHaveLength(2);
    engine.phases.set(names[1]!, 'Failed');
    await reconcileJobs(follow);
    await deliver([message]);
    expect(engine.workflows.size).toBe(2);
    expect((await jobs()).map((j) => [j.status, j.attempts])).toEqual([['exhausted', 2]]);
  });
});

describe('back-pressure', () => {
  it('holds a message while its kind is at the limit and submits once the follow-up frees capacity', async () => {
    const d = await start({ policy: policy({ environments: [ENVIRONMENTS[0]!], limits: { solve: 1 } }) });
    await deliver([released('one', '1.0')]);
    await bus.publish(released('two', '1.0'));
    await waitFor('a back-pressure wait', () => metrics.backPressure.get({ kind: 'solve' }) >= 2);
    expect(engine.workflows.size).toBe(1);
    engine.phases.set([...engine.workflows.keys()][0]!, 'Succeeded');
    const { reconcileJobs } = await import('./reconcile.js');
    await reconcileJobs({ ...d, batch: 10, retryAfterMs: 0, notFoundGraceMs: 0 });
    await waitFor('the second workflow', () => engine.workflows.size === 2);
    expect(metrics.submittedJobs.get({ kind: 'solve' })).toBe(0);
    expect(sumCounter(metrics.deadLettered)).toBe(0);
  });
});

describe('dead letters', () => {
  it('a message failing its schema goes to the dead letters and the next one is handled', async () => {
    await start();
    const topic = bus.topicOf('PackageReleased');
    await bus.publishRecords(topic, [{ key: 'pypi:bad:1', value: Buffer.from('{"not":"a message"}') }]);
    await deliver([released('good', '1.0')]);
    await waitFor('dead letter', () => deadLetters.length === 1);
    expect(readDeadLetterReason(deadLetters[0]!.headers)).toMatchObject({
      kind: 'contract-violation',
      attempts: 0,
    });
    expect(engine.workflows.size).toBe(2);
  });
});
