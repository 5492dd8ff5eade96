// Smoke tests of the real services scripts/services/ starts: Kafka (keyed produce + group consume),
// MinIO (streamed upload/download, byte for byte) and PostgreSQL (a migration applied in a transaction).
// They prove the harness and the client settings the project relies on, before any product code runs.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { requireEnv } from './services-env.js';

// Unique per run so repeated or concurrent runs against the same long-lived servers never collide.
const runId = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;

// Rejects when `promise` has not settled in `ms`: a guard against hanging, not a timing assertion.
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('Kafka', () => {
  it('delivers keyed messages to a consumer group, in order per key and one partition per key', async () => {
    const topic = `thoth-smoke-${runId}`;
    const groupId = `thoth-smoke-group-${runId}`;
    const kafka = new Kafka({
      clientId: 'thoth-services-smoke',
      brokers: requireEnv('THOTH_KAFKA_BROKERS').split(','),
      logLevel: logLevel.WARN,
    });
    const admin = kafka.admin();
    await admin.connect();
    onTestFinished(async () => {
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    });

    // The broker runs with auto.create.topics.enable=false, so topics exist only when provisioned.
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    expect(await admin.listTopics()).toContain(topic);

    const keys = ['numpy', 'requests', 'flask', 'django'];
    const sent = Array.from({ length: 24 }, (_, i) => ({
      key: keys[i % keys.length] ?? 'unreachable',
      value: JSON.stringify({ seq: i }),
    }));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    onTestFinished(() => producer.disconnect());
    for (const message of sent) {
      await producer.send({ topic, acks: -1, messages: [message] });
    }

    const received: { key: string; value: string; partition: number; offset: string }[] = [];
    let allReceived: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allReceived = resolve));
    // Offsets are committed explicitly after processing, the way the project's consumers do it.
    // A short fetch long-poll: disconnect() waits for the poll in flight (5 s by default).
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
    await consumer.connect();
    onTestFinished(() => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        received.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          partition,
          offset: message.offset,
        });
        if (received.length >= sent.length) allReceived();
      },
    });
    await within(60_000, `consuming ${sent.length} messages`, done);

    expect(received).toHaveLength(sent.length);
    for (const key of keys) {
      const expected = sent.filter((m) => m.key === key).map((m) => m.value);
      const got = received.filter((m) => m.key === key);
      expect(got.map((m) => m.value)).toEqual(expected);
      expect(new Set(got.map((m) => m.partition)).size).toBe(1);
    }

    const next = new Map<number, bigint>();
    for (const m of received) {
      const after = BigInt(m.offset) + 1n;
      if (after > (next.get(m.partition) ?? 0n)) next.set(m.partition, after);
    }
    await consumer.commitOffsets(
      [...next].map(([partition, offset]) => ({ topic, partition, offset: offset.toString() })),
    );
    await consumer.disconnect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0]?.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(committed).toBe(sent.length);
  });
});

describe('MinIO (S3)', () => {
  it('round-trips a streamed 300 KiB upload byte for byte', async () => {
    const bucket = requireEnv('THOTH_S3_BUCKET');
    const key = `services-smoke/${runId}/blob.bin`;
    const s3 = new S3Client({
      endpoint: requireEnv('THOTH_S3_ENDPOINT'),
      region: process.env['THOTH_S3_REGION'] ?? 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: requireEnv('THOTH_S3_ACCESS_KEY'),
        secretAccessKey: requireEnv('THOTH_S3_SECRET_KEY'),
      },
      // Since client-s3 3.729 streamed bodies default to aws-chunked + CRC32 trailers; S3 servers other
      // than AWS may store the framing as data. Only checksum when an operation requires it.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    onTestFinished(async () => {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
      s3.destroy();
    });
    await ensureBucket(s3, bucket);

    const data = randomBytes(300 * 1024);
    const chunkSize = 16 * 1024;
    const chunks = Array.from({ length: Math.ceil(data.length / chunkSize) }, (_, i) =>
      data.subarray(i * chunkSize, (i + 1) * chunkSize),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: Readable.from(chunks),
        ContentLength: data.length,
        ContentType: 'application/octet-stream',
      }),
    );

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(data.length);

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(got.Body).toBeInstanceOf(Readable);
    const hash = createHash('sha256');
    let length = 0;
    for await (const chunk of got.Body as Readable) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      length += bytes.length;
    }
    expect(length).toBe(data.length);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('PostgreSQL', () => {
  const schema = `smoke_${runId.replace(/-/g, '_')}`;
  const failedSchema = `${schema}_failed`;
  const fixture = new URL('./__fixtures__/0001-smoke.sql', import.meta.url);

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: requireEnv('THOTH_PG_URL') });
    await client.connect();
    onTestFinished(async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await client.end();
    });
    return client;
  }

  async function migrate(client: pg.Client, target: string, sql: string): Promise<void> {
    await client.query('BEGIN');
    try {
      await client.query(`CREATE SCHEMA ${target}`);
      await client.query(`SET LOCAL search_path TO ${target}`);
      await client.query(sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  it('applies a migration in a transaction, then inserts and queries rows', async () => {
    const client = await connect();
    await migrate(client, schema, await readFile(fixture, 'utf8'));

    const rows = [
      ['numpy', '1.26.4', { yanked: false }],
      ['numpy', '2.0.0', { yanked: false }],
      ['numpy', '1.9.3', { yanked: true }],
      ['requests', '2.32.3', {}],
    ] as const;
    for (const [name, version, metadata] of rows) {
      await client.query(`INSERT INTO ${schema}.package (name, version, metadata) VALUES ($1, $2, $3)`, [
        name,
        version,
        metadata,
      ]);
    }
    await expect(
      client.query(`INSERT INTO ${schema}.package (name, version) VALUES ('numpy', '2.0.0')`),
    ).rejects.toMatchObject({ code: '23505' });

    const latest = await client.query<{ name: string; version: string }>(
      `SELECT name, version FROM ${schema}.package_latest ORDER BY name`,
    );
    expect(latest.rows).toEqual([
      { name: 'numpy', version: '2.0.0' },
      { name: 'requests', version: '2.32.3' },
    ]);
    const yanked = await client.query<{ version: string }>(
      `SELECT version FROM ${schema}.package WHERE (metadata->>'yanked')::boolean`,
    );
    expect(yanked.rows).toEqual([{ version: '1.9.3' }]);
  });

  it('leaves nothing behind when a migration fails part-way', async () => {
    const client = await connect();
    const sql = `${await readFile(fixture, 'utf8')}\nSELECT 1 / 0;`;
    await expect(migrate(client, failedSchema, sql)).rejects.toMatchObject({ code: '22012' });
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [failedSchema]);
    expect(found.rowCount).toBe(0);
  });
});

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (!(error instanceof S3ServiceException) || error.$metadata.httpStatusCode !== 404) throw error;
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    // Another test file may have created it in between.
    if (!(error instanceof S3ServiceException) || error.name !== 'BucketAlreadyOwnedByYou') throw error;
  }
}
