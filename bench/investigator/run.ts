// Investigator benchmark on real Kafka and PostgreSQL (scripts/services): end-to-end messages per
// second from a backlog of PackageReleased messages to recorded workflow submissions (two
// environments, so two solve jobs per message), and consumer lag under a sustained publishing rate.
// The engine is the recording engine (a PostgreSQL table), so the figures are the investigator's own
// cost: decode, graph transaction (known? claim, count, submit, commit) and Kafka commits.
// Usage: source scripts/services/env.sh && npx tsx bench/investigator/run.ts [--messages 2000]
//        [--rate 200] [--seconds 20] [--json]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { PgGraphStore, migrate } from '../../lib/graph/index.js';
import { released } from '../../lib/investigator/test-support/fixtures.js';
import { PgRecordingWorkflowEngine } from '../../lib/investigator/test-support/recording-engine.js';
import { KafkaMessageBus } from '../../lib/messaging/index.js';
import { createTemporaryDatabase } from '../../test/integration/pg-database.js';
import { kafkaBrokersFromTestEnv } from '../../test/integration/services-env.js';
import {
  TEST_MESSAGE_TYPES,
  composeInvestigator,
  kafkaConfig,
} from '../../consumers/investigator/__fixtures__/compose.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const MESSAGES = Number(values.messages);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const brokers = kafkaBrokersFromTestEnv();

async function groupLag(group: string, topic: string): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    let lag = 0;
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const mine = committed?.partitions.find((p) => p.partition === end.partition);
      const offset = mine === undefined || mine.offset === '-1' ? 0 : Number(mine.offset);
      lag += Number(end.high) - offset;
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

interface Setup {
  deployment: string;
  group: string;
  graph: PgGraphStore;
  publisher: KafkaMessageBus;
  topic: string;
  done: () => Promise<void>;
  pgUrl: string;
}

async function setUp(): Promise<Setup> {
  const database = await createTemporaryDatabase();
  const graph = new PgGraphStore({ connectionString: database.url, max: 2 });
  await migrate(graph);
  await PgRecordingWorkflowEngine.create(graph);
  const deployment = `bench-${randomUUID().slice(0, 8)}`;
  const publisher = new KafkaMessageBus(kafkaConfig(deployment, brokers));
  await publisher.provision(TEST_MESSAGE_TYPES.map((t) => publisher.topicOf(t)));
  return {
    deployment,
    group: `${deployment}.investigator`,
    graph,
    publisher,
    topic: publisher.topicOf('PackageReleased'),
    pgUrl: database.url,
    async done() {
      await publisher.close();
      await graph.close();
      await database.drop();
    },
  };
}

async function recorded(graph: PgGraphStore): Promise<number> {
  const [row] = await graph.query<{ n: number }>('SELECT count(*)::int AS n FROM recorded_workflow');
  return row!.n;
}

async function backlog(
  commitEvery: number,
): Promise<{ seconds: number; messagesPerSecond: number; workflowsPerSecond: number }> {
  const s = await setUp();
  try {
    const prefix = randomUUID().slice(0, 6);
    for (let i = 0; i < MESSAGES; i += 500) {
      await s.publisher.publish(
        Array.from({ length: Math.min(500, MESSAGES - i) }, (_, j) => released(`p${prefix}-${i + j}`, '1.0')),
      );
    }
    const investigator = await composeInvestigator({
      pgUrl: s.pgUrl,
      brokers,
      deployment: s.deployment,
      group: s.group,
      commitEveryRecords: commitEvery,
    });
    await investigator.service.start();
    // The clock starts at the first submission, so the group join (about 3 s) is not counted.
    let first = 0;
    while ((first = await recorded(s.graph)) === 0) await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    while ((await recorded(s.graph)) < MESSAGES * 2) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    await investigator.close();
    const workflows = MESSAGES * 2 - first;
    return { seconds, messagesPerSecond: workflows / 2 / seconds, workflowsPerSecond: workflows / seconds };
  } finally {
    await s.done();
  }
}

async function sustained(): Promise<{
  published: number;
  maxLag: number;
  finalLag: number;
  drainSeconds: number;
  samples: number[];
}> {
  const s = await setUp();
  try {
    const investigator = await composeInvestigator({
      pgUrl: s.pgUrl,
      brokers,
      deployment: s.deployment,
      group: s.group,
      commitEveryRecords: 1,
    });
    await investigator.service.start();
    const prefix = randomUUID().slice(0, 6);
    let published = 0;
    const samples: number[] = [];
    const start = performance.now();
    // Publish RATE messages per second in 10 slices per second; sample the committed lag each second.
    for (let tick = 0; tick < SECONDS * 10; tick++) {
      const batch = Math.round(RATE / 10);
      await s.publisher.publish(
        Array.from({ length: batch }, (_, j) => released(`s${prefix}-${published + j}`, '1.0')),
      );
      published += batch;
      if (tick % 10 === 9) samples.push(await groupLag(s.group, s.topic));
      const next = start + (tick + 1) * 100;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const finalLag = await groupLag(s.group, s.topic);
    const drainStart = performance.now();
    while ((await groupLag(s.group, s.topic)) > 0) await new Promise((r) => setTimeout(r, 100));
    const drainSeconds = (performance.now() - drainStart) / 1000;
    await investigator.close();
    return { published, maxLag: Math.max(...samples), finalLag, drainSeconds, samples };
  } finally {
    await s.done();
  }
}

const results = {
  messages: MESSAGES,
  backlogCommitEvery1: await backlog(1),
  backlogCommitEvery50: await backlog(50),
  sustained: { rate: RATE, seconds: SECONDS, ...(await sustained()) },
};
if (values.json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const f = (n: number): string => n.toFixed(1);
  console.log(`backlog of ${MESSAGES} PackageReleased (2 solve workflows each), 3 partitions, one consumer:`);
  console.log(`| commit every | seconds | messages/s | workflows/s |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const [label, r] of [
    ['1 record', results.backlogCommitEvery1],
    ['50 records', results.backlogCommitEvery50],
  ] as const) {
    console.log(`| ${label} | ${f(r.seconds)} | ${f(r.messagesPerSecond)} | ${f(r.workflowsPerSecond)} |`);
  }
  const st = results.sustained;
  console.log(
    `sustained ${RATE} messages/s for ${SECONDS} s (${st.published} messages): lag per second ${st.samples.join(', ')}; max ${st.maxLag}, at the end ${st.finalLag}, drained in ${f(st.drainSeconds)} s`,
  );
}
