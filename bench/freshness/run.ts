// Freshness burst benchmark (issue #13): `--releases` new releases (default 10,000) appear at once
// across `--projects` projects of a loopback index. Measured on the real services of
// scripts/services (PostgreSQL, Kafka, MinIO):
//   1. noticing: lib/freshness watchReleases in page mode (the loopback index switches from the
//      baseline corpus to the burst corpus) and in changelog mode (a loopback XML-RPC changelog with
//      one "new release" row per release): seconds, pages read, releases noticed per minute;
//   2. end to end: the PackageReleased messages are published to Kafka; the investigator (Kafka bus,
//      PostgreSQL graph, back-pressure and reconcile on) submits thoth-solve workflows to the local
//      engine, which runs the real steps in process (solve → graph-sync → emit SolvedPackage to
//      Kafka); sampled every 10 s for `--seconds` (or until every release has a verdict): messages
//      consumed, solve jobs, releases solved (release_verdict rows) per minute.
// Usage: source scripts/services/env.sh && npx tsx bench/freshness/run.ts [--releases 10000]
//        [--projects 500] [--seconds 300] [--parallel 4] [--out bench/freshness/RESULTS.md]
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { EnvironmentIdentity, MessageEnvelope } from '../../lib/contracts/index.js';
import { corpusOf, serveChangelog } from '../../lib/freshness/__fixtures__/support.js';
import type { ChangelogRow, Spec } from '../../lib/freshness/__fixtures__/support.js';
import { watchReleases } from '../../lib/freshness/index.js';
import type { WatchOptions } from '../../lib/freshness/index.js';
import { migrate, PgGraphStore, setWatchPosition } from '../../lib/graph/index.js';
import { HttpClient, serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { InvestigatorMetrics, InvestigatorService } from '../../lib/investigator/index.js';
import { policy } from '../../lib/investigator/test-support/fixtures.js';
import { silentLogger } from '../../lib/log/index.js';
import { KafkaMessageBus } from '../../lib/messaging/index.js';
import { LocalWorkflowEngine } from '../../lib/workflows/engine/index.js';
import { STEPS } from '../../steps/registry.js';
import { kafkaConfig } from '../../consumers/investigator/__fixtures__/compose.js';
import { REPO_WORKFLOWS, startHarness } from '../../test/workflows/harness.js';

const { values } = parseArgs({
  options: {
    releases: { type: 'string', default: '10000' },
    projects: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '300' },
    parallel: { type: 'string', default: '4' },
    out: { type: 'string', default: new URL('RESULTS.md', import.meta.url).pathname },
  },
});
const RELEASES = Number(values.releases);
const PROJECTS = Number(values.projects);
const SECONDS = Number(values.seconds);
const PARALLEL = Number(values.parallel);
const perProject = Math.ceil(RELEASES / PROJECTS);

// Synthetic projects: each has 1.0.0 before the burst and `perProject` new releases in it, pure
// wheels with a Requires-Python, so the solver reads real (stub) wheels and finds them installable.
const names = Array.from({ length: PROJECTS }, (_, i) => `burst-${String(i).padStart(4, '0')}`);
const before: Spec[] = names.map((project) => ({
  project,
  version: '1.0.0',
  extra: ['Requires-Python: >=3.8'],
}));
const burst: Spec[] = [];
for (const project of names)
  for (let k = 1; k <= perProject && burst.length < RELEASES; k++)
    burst.push({
      project,
      version: `1.0.${k}`,
      extra: ['Requires-Python: >=3.8'],
      uploadTime: '2026-06-01T00:00:00Z',
    });

const ENVIRONMENT: EnvironmentIdentity = {
  id: 'rhel-9-py311',
  os_name: 'rhel',
  os_version: '9',
  python_version: '3.11',
  platform: 'linux-x86_64',
};

const harness = await startHarness({ env: { THOTH_LOG_LEVEL: 'error' } });
const graph = new PgGraphStore({ connectionString: process.env['THOTH_GRAPH_URL']!, max: 8 });
await migrate(graph);
const http = new HttpClient();
const lines: string[] = [];
const log = (line: string): void => {
  console.log(line);
  lines.push(line);
};

let index: LoopbackIndex = await serveCorpus(corpusOf(before), { port: 0 });
const port = index.port;
const indexUrl = index.url;

/** One watchReleases run; stores the position as the step does after writing messages.json. */
async function watch(options: Partial<WatchOptions>) {
  const started = performance.now();
  const result = await watchReleases(graph, {
    indexUrl,
    scope: { kind: 'list', names },
    http,
    concurrency: 8,
    ...options,
  });
  await setWatchPosition(graph, result.positionName, result.nextPosition);
  return { result, seconds: (performance.now() - started) / 1000 };
}

const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const noticing: string[] = [];
let messages: MessageEnvelope[] = [];
try {
  // 1a. page mode: baseline, then the index switches to the burst corpus on the same port.
  const baseline = await watch({});
  index.resetCounters();
  await index.close();
  index = await serveCorpus(corpusOf([...before, ...burst]), { port });
  const paged = await watch({});
  noticing.push(
    `| pages (conditional GET per project) | ${paged.result.released.length} | ${paged.seconds.toFixed(2)} | ` +
      `${Math.round((paged.result.released.length / paged.seconds) * 60)} | ${paged.result.pages.fetched} read, ${paged.result.pages.unchanged} unchanged (baseline ${baseline.seconds.toFixed(2)} s) |`,
  );
  const quiet = await watch({});
  noticing.push(
    `| pages, next run (nothing new) | ${quiet.result.released.length} | ${quiet.seconds.toFixed(2)} | – | ${quiet.result.pages.fetched} read, ${quiet.result.pages.unchanged} answered 304 |`,
  );
  // As the emit step wraps messages.json: one envelope per message, one correlation id per run.
  const correlationId = randomUUID();
  const now = new Date().toISOString();
  messages = paged.result.messages.map((m) => ({
    id: randomUUID(),
    type: m.type,
    version: m.version,
    key: m.key,
    occurred_at: now,
    producer: { component: 'thoth-step-emit', version: '0.1.0' },
    correlation_id: correlationId,
    causation_id: null,
    payload: m.payload as unknown as Record<string, unknown>,
  }));

  // 1b. changelog mode, on a position of its own (another index URL name, same pages).
  const rows: ChangelogRow[] = [];
  const changelog = await serveChangelog(rows);
  try {
    const changelogOptions = { changelogUrl: changelog.url, indexUrl: `${indexUrl}#changelog` };
    await watch(changelogOptions);
    let serial = 0;
    for (const spec of burst) rows.push([spec.project, spec.version, 1780272000, 'new release', ++serial]);
    const read = await watch(changelogOptions);
    noticing.push(
      `| changelog (XML-RPC by serial) | ${read.result.released.length} | ${read.seconds.toFixed(2)} | ` +
        `${Math.round((read.result.released.length / read.seconds) * 60)} | ${changelog.calls.length - 1} calls after the baseline's 1 |`,
    );
  } finally {
    await changelog.close();
  }
} catch (error) {
  await index.close();
  await graph.close();
  await http.close();
  await harness.close();
  throw error;
}

// 2. End to end over Kafka and the local engine with the real steps.
const deployment = harness.deployment;
const bus = new KafkaMessageBus({
  ...kafkaConfig(deployment, process.env['THOTH_KAFKA_BROKERS']!.split(',')),
  logger: silentLogger,
});
const engine = await LocalWorkflowEngine.fromDirectory(REPO_WORKFLOWS, {
  stateDir: join(process.env['THOTH_HOME']!, 'burst-workflows'),
  store: harness.store,
  registry: STEPS,
  backoffScale: 0,
  // thoth-solve's semaphore (the chart's `solve` key): solves running at once.
  semaphoreLimits: { 'thoth-workflow-semaphores/solve': PARALLEL },
});
const metrics = new InvestigatorMetrics();
const service = new InvestigatorService({
  bus,
  group: `${deployment}.investigator`,
  messageTypes: ['PackageReleased'],
  subscribe: {
    retry: { attempts: 4, initialDelayMs: 50, maxDelayMs: 500 },
    partitionsConsumedConcurrently: 3,
    commit: { everyRecords: 50, everyMs: 5_000 },
  },
  reconcile: { intervalMs: 1_000, batch: 500, retryAfterMs: 60_000, notFoundGraceMs: 300_000 },
  deps: {
    graph,
    engine,
    publish: (envelopes) => bus.publish(envelopes),
    policy: policy({
      environments: [ENVIRONMENT],
      limits: { solve: PARALLEL * 4 },
      artifactPrefix: harness.artifactPrefix,
      backPressurePollMs: 100,
    }),
    metrics,
    logger: silentLogger,
    producer: { component: 'investigator', version: 'bench' },
    now: () => new Date(),
    newId: randomUUID,
  },
});

const count = async (sql: string): Promise<number> =>
  Number((await graph.query<{ n: string }>(sql))[0]?.n ?? 0);
const samples: string[] = [];
let solved = 0;
let elapsed = 0;
try {
  const published = performance.now();
  await bus.provision([bus.topicOf('PackageReleased'), bus.topicOf('SolvedPackage')]);
  // In batches: one publish of 10,000 envelopes exceeds Kafka's default max message size
  // (MESSAGE_TOO_LARGE), which the emit step, publishing messages.json at once, would hit too.
  for (let i = 0; i < messages.length; i += 500) await bus.publish(messages.slice(i, i + 500));
  const publishSeconds = (performance.now() - published) / 1000;
  log(`published ${messages.length} PackageReleased in ${publishSeconds.toFixed(1)} s`);
  const started = performance.now();
  await service.start();
  while (elapsed < SECONDS && solved < burst.length) {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    elapsed = (performance.now() - started) / 1000;
    const jobs = await count(`SELECT count(*) AS n FROM job WHERE kind = 'solve'`);
    const done = await count(`SELECT count(*) AS n FROM job WHERE kind = 'solve' AND status = 'succeeded'`);
    const failed = await count(
      `SELECT count(*) AS n FROM job WHERE kind = 'solve' AND status IN ('failed', 'exhausted')`,
    );
    solved = await count(
      `SELECT count(*) AS n FROM release_verdict v JOIN python_release r ON r.id = v.release_id WHERE r.version <> '1.0.0'`,
    );
    const sample = `| ${elapsed.toFixed(0)} | ${jobs} | ${done} | ${failed} | ${solved} | ${Math.round((solved / elapsed) * 60)} |`;
    samples.push(sample);
    console.log(sample);
  }
} finally {
  await service.stop();
  await bus.close();
  await engine.close();
  await index.close();
  await graph.close();
  await http.close();
  await harness.close();
}

const rate = solved / elapsed;
const report = [
  '# Freshness burst benchmark',
  '',
  'Written by `npx tsx bench/freshness/run.ts` (bench/freshness/README.md says what is measured).',
  '',
  `- ${new Date().toISOString()}; ${cpus()[0]?.model ?? 'CPU'}; nproc ${cpus().length}; Node ${process.versions.node}`,
  `- load average before: ${loadBefore}; after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (a machine shared with other work)`,
  `- burst: ${burst.length} new releases across ${PROJECTS} projects (${perProject} each); one solver environment; ` +
    `${PARALLEL} thoth-solve workflows at once (semaphore), back-pressure limit ${PARALLEL * 4} submitted solve jobs`,
  '',
  '## Noticing (package-releases, lib/freshness watchReleases)',
  '',
  '| mode | releases noticed | seconds | noticed per minute | requests |',
  '| --- | --- | --- | --- | --- |',
  ...noticing,
  '',
  '## End to end (PackageReleased on Kafka → investigator → thoth-solve: solve → graph-sync → emit)',
  '',
  ...lines.map((l) => `- ${l}`),
  '',
  '| seconds | solve jobs | succeeded | failed | releases with a verdict | solved per minute |',
  '| --- | --- | --- | --- | --- | --- |',
  ...samples,
  '',
  `Solved ${solved} of ${burst.length} in ${elapsed.toFixed(0)} s: ${Math.round(rate * 60)} releases per minute` +
    (solved < burst.length
      ? `; at that rate the whole burst takes about ${Math.round(burst.length / rate / 60)} minutes.`
      : '.'),
  '',
];
await writeFile(values.out, report.join('\n'));
console.log(`wrote ${values.out}`);
