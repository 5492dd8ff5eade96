// End-to-end harness for the WorkflowTemplates of workflows/: the local engine over the real YAML and
// the real steps (steps/registry.ts), with the real services of scripts/services: a throwaway
// PostgreSQL database for the graph, MinIO for artifacts and documents, Kafka for emitted messages.
// Every harness gets its own deployment name, so its topics and its key prefix
// (`data/<deployment>/…`) are its own; close() removes what it stored and drops the database.
//
// Steps read their configuration from process.env (as in a pod, where the chart's ConfigMap and
// Secret fill it), so the harness sets THOTH_* variables for the duration of the test file.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { MessageEnvelope } from '../../lib/contracts/index.js';
import { S3ArtifactStore } from '../../lib/storage/index.js';
import type { ArtifactStore } from '../../lib/storage/index.js';
import { LocalWorkflowEngine } from '../../lib/workflows/engine/index.js';
import type {
  ResourceKind,
  StepRegistry,
  WorkflowNodeStatus,
  WorkflowStatus,
} from '../../lib/workflows/index.js';
import { STEPS } from '../../steps/registry.js';
import { createTemporaryDatabase } from '../integration/pg-database.js';
import type { TemporaryDatabase } from '../integration/pg-database.js';
import { kafkaBrokersFromTestEnv, requireEnv, s3ConfigFromTestEnv } from '../integration/services-env.js';

export const REPO_WORKFLOWS = fileURLToPath(new URL('../../workflows', import.meta.url));

/** Key prefix inside the bucket (THOTH_S3_PREFIX); documents live at `<prefix>/<deployment>/<type>/<id>`. */
const KEY_PREFIX = 'data';

export interface WorkflowHarness {
  engine: LocalWorkflowEngine;
  /** The artifact store the engine and the steps share (MinIO). */
  store: ArtifactStore;
  /** THOTH_DEPLOYMENT of this harness: topic prefix and second key segment. */
  deployment: string;
  /** The templates' `artifact_prefix` parameter: `data/<deployment>`. */
  artifactPrefix: string;
  /** THOTH_GRAPH_URL of the steps: the throwaway PostgreSQL database. */
  graphUrl: string;
  /** A workflow name unique to this harness, `<kind>-<8 hex>`. */
  name(kind: string): string;
  /** Submit and wait for the end. */
  run(
    template: string,
    name: string,
    parameters?: Record<string, string>,
    resourceKind?: ResourceKind,
  ): Promise<WorkflowStatus>;
  /** Rows of a query on the graph database. */
  query<T extends Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  /** Every message on `<deployment>.<topic>` (e.g. `solved-package`); [] when the topic does not exist. */
  messages(topic: string): Promise<MessageEnvelope[]>;
  /** The stored JSON document or artifact at a key. */
  json<T = unknown>(key: string): Promise<T>;
  close(): Promise<void>;
}

/** Node by display name, ignoring retry-attempt suffixes like `(0)` (templateDefaults retry every template). */
export function nodeOf(status: WorkflowStatus, name: string): WorkflowNodeStatus | undefined {
  const bare = (n: string): string => n.replace(/\(\d+\)/g, '');
  const full = `${status.name}.${name}`;
  return (
    status.nodes.find((n) => n.name === full && n.type === 'Pod') ??
    status.nodes.find((n) => bare(n.name) === full && n.type !== 'Retry')
  );
}

/** Phase of every task of the entry DAG, by task name. */
export function taskPhases(status: WorkflowStatus): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of status.nodes) {
    const m = new RegExp(`^${status.name}\\.([a-z0-9-]+)$`).exec(n.name.replace(/\(\d+\)/g, ''));
    if (m === null || n.type === 'Retry') continue;
    out[m[1] as string] = n.phase;
  }
  return out;
}

export async function startHarness(
  options: { env?: Record<string, string>; registry?: StepRegistry } = {},
): Promise<WorkflowHarness> {
  const s3 = s3ConfigFromTestEnv();
  const brokers = kafkaBrokersFromTestEnv();
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  const deployment = `wf-${suffix}`;
  const artifactPrefix = `${KEY_PREFIX}/${deployment}`;
  const database: TemporaryDatabase = await createTemporaryDatabase();
  const home = await mkdtemp(join(tmpdir(), 'thoth-wf-e2e-'));
  const env: Record<string, string> = {
    THOTH_HOME: home,
    THOTH_GRAPH_URL: database.url,
    THOTH_ARTIFACTS_URL: `s3://${s3.bucket}`,
    THOTH_S3_ENDPOINT: s3.endpoint ?? requireEnv('THOTH_S3_ENDPOINT'),
    THOTH_S3_REGION: s3.region ?? 'us-east-1',
    THOTH_S3_ACCESS_KEY_ID: s3.accessKeyId,
    THOTH_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    THOTH_S3_PREFIX: KEY_PREFIX,
    THOTH_DEPLOYMENT: deployment,
    THOTH_KAFKA_BROKERS: brokers.join(','),
    THOTH_LOG_LEVEL: 'warn',
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);

  const store = new S3ArtifactStore(s3);
  // The bucket may not exist yet: scripts/services start MinIO empty, and test files run in any order.
  await store.ensureBucket();
  const engine = await LocalWorkflowEngine.fromDirectory(REPO_WORKFLOWS, {
    stateDir: join(home, 'workflows'),
    store,
    registry: options.registry ?? STEPS,
    // Retry waits are scaled to nothing: retries still happen, the test does not sleep through them.
    backoffScale: 0,
  });
  const names: string[] = [];
  const kafka = new Kafka({ clientId: `wf-e2e-${suffix}`, brokers, logLevel: logLevel.NOTHING });
  const graph = new pg.Client({ connectionString: database.url });
  await graph.connect();

  return {
    engine,
    store,
    deployment,
    artifactPrefix,
    graphUrl: database.url,
    name(kind) {
      const name = `${kind}-${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      names.push(name);
      return name;
    },
    async run(template, name, parameters = {}, resourceKind) {
      const submitted = await engine.submit({
        template,
        name,
        parameters,
        ...(resourceKind === undefined ? {} : { resourceKind }),
      });
      if (submitted.outcome !== 'submitted')
        throw new Error(`${name} was not submitted: ${submitted.outcome}`);
      return engine.watch(name);
    },
    async query(sql, values = []) {
      return (await graph.query(sql, values)).rows;
    },
    async messages(topic) {
      return readTopic(kafka, `${deployment}.${topic}`);
    },
    async json(key) {
      return JSON.parse((await store.get(key)).toString('utf8'));
    },
    async close() {
      await engine.close();
      await graph.end();
      const prefixes = [`${artifactPrefix}/`, ...names.map((n) => `argo-artifacts/${n}/`)];
      for (const prefix of prefixes) {
        const keys: string[] = [];
        for await (const info of store.list(prefix)) keys.push(info.key);
        for (const key of keys) await store.delete(key);
      }
      await store.close();
      await database.drop();
      await rm(home, { recursive: true, force: true });
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

/** Read a whole topic from the beginning with a fresh consumer group. */
async function readTopic(kafka: Kafka, topic: string): Promise<MessageEnvelope[]> {
  const admin = kafka.admin();
  await admin.connect();
  let total = 0;
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
  } finally {
    await admin.disconnect();
  }
  if (total === 0) return [];
  const consumer = kafka.consumer({
    groupId: `wf-e2e-reader-${randomUUID()}`,
    sessionTimeout: 6_000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
  });
  const seen: MessageEnvelope[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${seen.length} of ${total} messages of ${topic} in 20 s`)),
        20_000,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(JSON.parse(message.value?.toString('utf8') ?? 'null') as MessageEnvelope);
            if (seen.length >= total) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
