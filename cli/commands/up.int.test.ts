// `thoth up --once` against the real services of scripts/services: Kafka (bus), PostgreSQL (graph, a
// temporary database) and MinIO (artifacts). An UnresolvedPackage published to Kafka before the start
// is consumed by the investigator, solved by a thoth-solve workflow of the local engine (steps in
// process, emit publishing SolvedPackage back to Kafka), and the verdict lands in the graph; the
// solver document is in S3 and every periodic job ran once.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnresolvedPackage } from '../../lib/contracts/index.js';
import type { MessageEnvelope } from '../../lib/contracts/index.js';
import { PgGraphStore, solvedVersions } from '../../lib/graph/index.js';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { KafkaMessageBus, contractCodec } from '../../lib/messaging/index.js';
import { S3ArtifactStore } from '../../lib/storage/index.js';
import { createTemporaryDatabase } from '../../test/integration/pg-database.js';
import type { TemporaryDatabase } from '../../test/integration/pg-database.js';
import { kafkaBrokersFromTestEnv, s3ConfigFromTestEnv } from '../../test/integration/services-env.js';
import { main } from '../thoth.js';

let server: LoopbackIndex;
let home: string;
let database: TemporaryDatabase;

beforeAll(async () => {
  const corpus = await loadCorpus(
    new URL('../../lib/index/__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname,
  );
  server = await serveCorpus(corpus, {});
  home = await mkdtemp(join(tmpdir(), 'thoth-up-int-'));
  database = await createTemporaryDatabase();
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
  await rm(home, { recursive: true, force: true });
});

describe('thoth up --once (Kafka, PostgreSQL, MinIO)', () => {
  it('turns an UnresolvedPackage on Kafka into a solve workflow whose result lands in the graph', async () => {
    const s3 = s3ConfigFromTestEnv();
    // The bucket may not exist yet: scripts/services start MinIO empty, and test files run in any order.
    await new S3ArtifactStore(s3).ensureBucket();
    const brokers = kafkaBrokersFromTestEnv();
    const deployment = `up-${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const env = {
      THOTH_HOME: home,
      THOTH_GRAPH_URL: database.url,
      THOTH_ARTIFACTS_URL: `s3://${s3.bucket}`,
      THOTH_S3_ENDPOINT: s3.endpoint!,
      THOTH_S3_ACCESS_KEY_ID: s3.accessKeyId,
      THOTH_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      THOTH_S3_PREFIX: 'up-test',
      THOTH_DEPLOYMENT: deployment,
      THOTH_KAFKA_BROKERS: brokers.join(','),
      THOTH_INVESTIGATOR_INDEX_URLS: server.url.replace(/\/+$/, ''),
      THOTH_INDEX_URL: server.url,
      THOTH_OSV_SOURCE: new URL('../__fixtures__/advisories/jinja2', import.meta.url).pathname,
      THOTH_LOG_LEVEL: 'warn',
    };
    const bus = new KafkaMessageBus({ deployment, brokers, codec: contractCodec, clientId: 'up-test' });
    const envelope: MessageEnvelope = {
      id: randomUUID(),
      type: 'UnresolvedPackage',
      version: 1,
      key: 'pypi:idna:3.10',
      occurred_at: new Date().toISOString(),
      producer: { component: 'test', version: '0' },
      correlation_id: randomUUID(),
      causation_id: null,
      payload: parseUnresolvedPackage({
        package_name: 'idna',
        package_version: '3.10',
        specifier: null,
        index_url: server.url.replace(/\/+$/, ''),
        environment: null,
        requested_by: null,
      }) as unknown as MessageEnvelope['payload'],
    };
    await bus.provision([bus.topicOf('UnresolvedPackage')]);
    await bus.publish(envelope);
    await bus.close();

    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await main(['up', '--once', '--json', '--quiet-ms', '3000'], { stdout, stderr, env });
    // kafkajs logs errors while new topics elect leaders and retries them; the outcome is what counts.
    expect(code, err).toBe(0);
    const summary = JSON.parse(out) as {
      periodic: { job: string; phase: string }[];
      workflows: { name: string; template: string; phase: string }[];
    };
    expect(summary.periodic.map((r) => r.phase)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Succeeded',
    ]);
    const solve = summary.workflows.find((w) => w.template === 'thoth-solve');
    expect(solve?.phase).toBe('Succeeded');

    const graph = new PgGraphStore({ connectionString: database.url });
    try {
      expect(await solvedVersions(graph, ['idna'], null)).toContainEqual({
        name: 'idna',
        version: '3.10',
        indexUrl: server.url.replace(/\/+$/, ''),
      });
    } finally {
      await graph.close();
    }
    const store = new S3ArtifactStore(s3);
    try {
      const keys: string[] = [];
      for await (const info of store.list(`up-test/${deployment}/solver/`)) keys.push(info.key);
      expect(keys).toContain(`up-test/${deployment}/solver/${solve!.name}`);
    } finally {
      await store.close();
    }
  }, 180_000);
});
