// The investigator against real Kafka and PostgreSQL: a consumer SIGKILLed mid-batch and restarted,
// a poison message, two members rebalancing, and a broker restart. In every case each message takes
// effect exactly once: the recorded workflows are exactly the expected ones, each recorded once, and
// the job table has one row per (release, environment) at attempt 1. The broker restart runs last
// and restarts the shared test broker (scripts/services/kafka.sh stop/start).
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgGraphStore, migrate } from '../../lib/graph/index.js';
import { solveKey } from '../../lib/investigator/index.js';
import { ENVIRONMENTS, INDEX, envelope, released } from '../../lib/investigator/test-support/fixtures.js';
import { PgRecordingWorkflowEngine } from '../../lib/investigator/test-support/recording-engine.js';
import { KafkaMessageBus, readDeadLetterReason } from '../../lib/messaging/index.js';
import type { ConsumedRecord, MessageEnvelope } from '../../lib/messaging/index.js';
import { createLogger } from '../../lib/log/index.js';
import { workflowName } from '../../lib/workflows/index.js';
import { createTemporaryDatabase } from '../../test/integration/pg-database.js';
import type { TemporaryDatabase } from '../../test/integration/pg-database.js';
import { kafkaBrokersFromTestEnv } from '../../test/integration/services-env.js';
import { TEST_MESSAGE_TYPES, composeInvestigator, kafkaConfig } from './__fixtures__/compose.js';
import type { ComposedInvestigator } from './__fixtures__/compose.js';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '..', '..');

let database: TemporaryDatabase;
let graph: PgGraphStore;
let publisher: KafkaMessageBus;
let deployment: string;
let group: string;
const cleanups: (() => Promise<unknown>)[] = [];
// Warnings and errors of the in-process investigators (kafkajs included), printed when a wait times
// out so that a failure on CI says what the consumer went through.
let logLines: string[] = [];
const captureLogger = createLogger({
  level: 'warn',
  destination: new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString().trimEnd());
      if (logLines.length > 400) logLines = logLines.slice(-200);
      callback();
    },
  }),
});

beforeEach(async () => {
  logLines = [];
  database = await createTemporaryDatabase();
  graph = new PgGraphStore({ connectionString: database.url, max: 4 });
  await migrate(graph);
  await PgRecordingWorkflowEngine.create(graph);
  deployment = `it-${randomUUID().slice(0, 8)}`;
  group = `${deployment}.investigator`;
  publisher = new KafkaMessageBus(kafkaConfig(deployment, kafkaBrokersFromTestEnv()));
  await publisher.provision(TEST_MESSAGE_TYPES.map((t) => publisher.topicOf(t)));
}, 60_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await publisher.close();
  await graph.close();
  await database.drop();
}, 60_000);

async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      console.error(`investigator warnings and errors (last 60):\n${logLines.slice(-60).join('\n')}`);
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function releases(count: number, prefix = 'pkg'): MessageEnvelope[] {
  return Array.from({ length: count }, (_, i) => released(`${prefix}${i}`, '1.0'));
}

function expectedNames(messages: MessageEnvelope[]): string[] {
  return messages
    .flatMap((m) =>
      ENVIRONMENTS.map((e) =>
        workflowName(
          'solve',
          solveKey({ name: m.payload['package_name'] as string, version: '1.0', indexUrl: INDEX }, e.id),
        ),
      ),
    )
    .sort();
}

async function recorded(): Promise<{ name: string; submit_calls: number }[]> {
  return graph.query('SELECT name, submit_calls FROM recorded_workflow ORDER BY name');
}

async function recordedCount(): Promise<number> {
  const [row] = await graph.query<{ n: number }>('SELECT count(*)::int AS n FROM recorded_workflow');
  return row!.n;
}

/** Every recorded workflow is an expected one, each expected one exists, and jobs match one to one. */
async function expectExactlyOnce(messages: MessageEnvelope[]): Promise<{ redundantSubmits: number }> {
  const rows = await recorded();
  expect(rows.map((r) => r.name)).toEqual(expectedNames(messages));
  const jobs = await graph.query<{ workflow_name: string; attempts: number; status: string }>(
    `SELECT workflow_name, attempts, status FROM job WHERE kind = 'solve' ORDER BY workflow_name`,
  );
  expect(jobs.map((j) => j.workflow_name)).toEqual(expectedNames(messages));
  expect(new Set(jobs.map((j) => `${j.status}/${j.attempts}`))).toEqual(new Set(['submitted/1']));
  return { redundantSubmits: rows.reduce((n, r) => n + r.submit_calls - 1, 0) };
}

/** True once the group has committed every record of the topics. */
async function groupCaughtUp(topics: string[]): Promise<boolean> {
  const kafka = new Kafka({ brokers: kafkaBrokersFromTestEnv(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId: group, topics });
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const mine = partitions.find((p) => p.partition === end.partition);
        const offset = mine === undefined || mine.offset === '-1' ? 0n : BigInt(mine.offset);
        if (offset < BigInt(end.high)) return false;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

async function startInProcess(name = 'a'): Promise<ComposedInvestigator> {
  const investigator = await composeInvestigator({
    pgUrl: database.url,
    brokers: kafkaBrokersFromTestEnv(),
    deployment,
    group,
    logger: captureLogger,
  });
  cleanups.push(() => investigator.close());
  await investigator.service.start();
  void name;
  return investigator;
}

function startChild(commitEvery: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, '__fixtures__', 'consumer-process.ts'),
      database.url,
      kafkaBrokersFromTestEnv().join(','),
      deployment,
      group,
      String(commitEvery),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' } },
  );
  cleanups.push(async () => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`consumer exited early with ${code}`)));
  });
}

describe('investigator on Kafka and PostgreSQL', () => {
  it('SIGKILL mid-batch and a restart: every message takes effect exactly once', async () => {
    const messages = releases(150);
    await publisher.publish(messages);
    // Commit only every 25 records, so the kill leaves finished-but-uncommitted work to redeliver.
    const first = await startChild(25);
    await waitFor('a third of the workflows', async () => (await recordedCount()) >= 100);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeRestart = await recordedCount();
    expect(beforeRestart).toBeLessThan(300);

    const second = await startChild(25);
    await waitFor('every workflow', async () => (await recordedCount()) >= 300);
    await waitFor('the group to commit everything', () =>
      groupCaughtUp([publisher.topicOf('PackageReleased')]),
    );
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    const { redundantSubmits } = await expectExactlyOnce(messages);
    console.log(
      `kill test: ${beforeRestart}/300 workflows before SIGKILL; ${redundantSubmits} submits answered already-exists (workflows submitted by the killed consumer whose claim never committed)`,
    );
  }, 240_000);

  it('a poison message goes to the dead-letter topic with its reason while the rest flows on', async () => {
    const topic = publisher.topicOf('UnresolvedPackage');
    const dlq = `${topic}.dead-letter`;
    const deadLetters: ConsumedRecord[] = [];
    const reader = await publisher.subscribeRecords(`${deployment}.dlq-reader`, [dlq], (record) => {
      deadLetters.push(record);
      return Promise.resolve();
    });
    cleanups.push(() => reader.stop());
    const before = releases(20, 'before');
    const after = releases(20, 'after');
    await publisher.publish(before);
    await publisher.publishRecords(topic, [{ key: 'pypi:garbage:1', value: Buffer.from('not json') }]);
    await publisher.publish(
      envelope('UnresolvedPackage', {
        package_name: 'evil',
        package_version: '1.0',
        specifier: null,
        index_url: 'https://elsewhere.example/simple',
        environment: null,
        requested_by: null,
      }),
    );
    await publisher.publish(after);
    await startInProcess();
    await waitFor('every workflow', async () => (await recordedCount()) >= 80);
    await waitFor('two dead letters', () => deadLetters.length >= 2);
    const reasons = deadLetters.map((d) => readDeadLetterReason(d.headers));
    expect(reasons.map((r) => [r?.kind, r?.errorCode]).sort()).toEqual([
      ['contract-violation', 'contract-violation'],
      ['not-retriable', 'unknown-index'],
    ]);
    expect(deadLetters.map((d) => d.value.toString()).find((v) => v === 'not json')).toBeDefined();
    await expectExactlyOnce([...before, ...after]);
  }, 180_000);

  it('two members of one group rebalance without duplicate effects', async () => {
    const messages = releases(200);
    await publisher.publish(messages.slice(0, 100));
    const a = await startInProcess('a');
    await waitFor('the first member to start', async () => (await recordedCount()) >= 40);
    const b = await startInProcess('b');
    await publisher.publish(messages.slice(100));
    await waitFor('a quarter more', async () => (await recordedCount()) >= 250);
    // The first member leaves gracefully mid-stream: a second rebalance hands everything to b.
    await a.service.stop();
    await waitFor('every workflow', async () => (await recordedCount()) >= 400);
    await waitFor('the group to commit everything', () =>
      groupCaughtUp([publisher.topicOf('PackageReleased')]),
    );
    const { redundantSubmits } = await expectExactlyOnce(messages);
    const processedBy = (i: ComposedInvestigator): number =>
      i.metrics.processed.get({ topic: publisher.topicOf('PackageReleased') });
    expect(processedBy(a) + processedBy(b)).toBeGreaterThanOrEqual(messages.length);
    expect(processedBy(b)).toBeGreaterThan(0);
    console.log(
      `rebalance test: member a handled ${processedBy(a)}, member b ${processedBy(b)}; ${redundantSubmits} redundant submits`,
    );
  }, 240_000);

  // Last: restarts the shared test broker. Other suites using Kafka at this moment see a short outage.
  it('a broker restart during processing loses nothing', async () => {
    const messages = releases(200);
    await publisher.publish(messages.slice(0, 150));
    await startInProcess();
    await waitFor('some workflows', async () => (await recordedCount()) >= 60);
    await run('bash', ['scripts/services/kafka.sh', 'stop'], { cwd: REPO });
    await new Promise((r) => setTimeout(r, 2_000));
    await run('bash', ['scripts/services/kafka.sh', 'start'], { cwd: REPO });
    await run('bash', ['scripts/services/kafka.sh', 'wait'], { cwd: REPO }).catch(() => undefined);
    // Published after the restart: the producer reconnects, the consumer resumes.
    await waitFor('the publisher to reconnect', async () => {
      try {
        await publisher.publish(messages.slice(150));
        return true;
      } catch {
        return false;
      }
    });
    await waitFor('every workflow', async () => (await recordedCount()) >= 400, 180_000);
    await waitFor('the group to commit everything', () =>
      groupCaughtUp([publisher.topicOf('PackageReleased')]),
    );
    await expectExactlyOnce(messages);
  }, 300_000);
});
