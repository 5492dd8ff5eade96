import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaBrokersFromTestEnv } from '../../test/integration/services-env.js';
import { CONTRACT_PARTITIONS, describeMessageBus, unresolved, waitFor } from './message-bus.contract.js';
import { KafkaMessageBus, MessageBusError, contractCodec } from './index.js';
import type { KafkaMessageBusConfig, MessageEnvelope } from './index.js';

// Fast group timings: 6 s is the broker's smallest allowed session timeout (group.min.session.timeout.ms).
const testConfig = (deployment: string): KafkaMessageBusConfig => ({
  deployment,
  brokers: kafkaBrokersFromTestEnv(),
  codec: contractCodec,
  topics: { defaults: { partitions: CONTRACT_PARTITIONS, replicationFactor: 1 } },
  consumer: {
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 10_000,
    maxWaitTimeMs: 100,
  },
  clientRetry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2_000 },
});

describeMessageBus('kafka', (deployment, instrumentation) =>
  Promise.resolve({
    codec: contractCodec,
    bus: new KafkaMessageBus({
      ...testConfig(deployment),
      ...(instrumentation === undefined ? {} : { instrumentation }),
    }),
  }),
);

describe('KafkaMessageBus', () => {
  const deployment = (): string => `t-${randomUUID().slice(0, 8)}`;

  it('keeps its group membership through a handler that runs longer than the session timeout', async () => {
    const joins: number[] = [];
    const bus = new KafkaMessageBus({
      ...testConfig(deployment()),
      instrumentation: { rebalanced: () => joins.push(1) },
    });
    try {
      const topic = bus.topicOf('UnresolvedPackage');
      await bus.provision([topic]);
      const messages = [0, 1].map((seq) => unresolved('slow', seq));
      await bus.publish(messages);
      const deliveries: string[] = [];
      const sub = await bus.subscribe(`g-${randomUUID().slice(0, 8)}`, [topic], async (e) => {
        deliveries.push(e.id);
        // 8 s > the 6 s session timeout: without heartbeats the coordinator would evict this member,
        // its commit would fail and the record would be delivered again.
        if (deliveries.length === 1) await new Promise((resolve) => setTimeout(resolve, 8_000));
      });
      await waitFor('both messages', () => deliveries.length >= 2);
      await sub.stop();
      expect(deliveries).toEqual(messages.map((m) => m.id));
      expect(joins).toHaveLength(1);
    } finally {
      await bus.close();
    }
  });

  it('after SIGKILL of a consumer process mid-batch, a new member gives every message exactly one effect', async () => {
    const name = deployment();
    const bus = new KafkaMessageBus(testConfig(name));
    const dir = await mkdtemp(join(tmpdir(), 'thoth-kill-'));
    const effectsFile = join(dir, 'effects');
    let child: ChildProcess | undefined;
    try {
      const topic = bus.topicOf('UnresolvedPackage');
      await bus.provision([topic]);
      const messages: MessageEnvelope[] = Array.from({ length: 80 }, (_, i) => unresolved(`k${i % 8}`, i));
      await bus.publish(messages);
      const group = `g-${randomUUID().slice(0, 8)}`;
      child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, '__fixtures__', 'doomed-consumer.ts'),
          kafkaBrokersFromTestEnv().join(','),
          name,
          group,
          topic,
          effectsFile,
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
        },
      );
      const lines = (): string[] =>
        existsSync(effectsFile) ? readFileSync(effectsFile, 'utf8').split('\n').filter(Boolean) : [];
      await waitFor('the child to apply 20 effects', () => lines().length >= 20, 90_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      const killedAfter = lines().length;
      expect(killedAfter).toBeLessThan(messages.length);

      // The same idempotent handler, in this process: apply an id only if no one applied it yet.
      const applied = new Set(lines());
      let deliveries = 0;
      let repeats = 0;
      const sub = await bus.subscribe(group, [topic], async (envelope) => {
        deliveries++;
        if (applied.has(envelope.id)) {
          repeats++;
          return;
        }
        applied.add(envelope.id);
        appendFileSync(effectsFile, `${envelope.id}\n`);
        return Promise.resolve();
      });
      // The dead member still holds its partitions until its 6 s session times out.
      await waitFor('every effect', () => applied.size >= messages.length, 90_000);
      await sub.stop();
      const effects = lines();
      expect(effects).toHaveLength(messages.length); // each id applied once, across both processes
      expect(new Set(effects)).toEqual(new Set(messages.map((m) => m.id)));
      expect(deliveries - repeats).toBe(messages.length - killedAfter);
      console.log(
        `kill test: child applied ${killedAfter} before SIGKILL; restarted member got ${deliveries} deliveries, ${repeats} of them repeats of uncommitted work`,
      );
    } finally {
      child?.kill('SIGKILL');
      await bus.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable broker as a retriable MessageBusError', async () => {
    const bus = new KafkaMessageBus({
      ...testConfig(deployment()),
      brokers: ['127.0.0.1:9'], // discard port: nothing listens
      clientRetry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 },
      connectionTimeoutMs: 500,
    });
    const error = await bus.publish(unresolved('offline', 0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageBusError);
    expect((error as MessageBusError).retriable).toBe(true);
    await bus.close();
  });

  it('raises the partition count of an existing topic when configuration asks for more', async () => {
    const name = deployment();
    const small = new KafkaMessageBus({ ...testConfig(name), topics: { defaults: { partitions: 1 } } });
    const topic = small.topicOf('UnresolvedPackage');
    await small.provision([topic]);
    await small.close();
    const large = new KafkaMessageBus(testConfig(name));
    const result = await large.provision([topic]);
    expect(result.grown.sort()).toEqual([topic, `${topic}.dead-letter`].sort());
    await large.close();
  });

  it.each([
    ['after every record (default)', 1],
    ['every 100 records', 100],
  ])(
    'moves 2,000 messages through publish and one subscription committing %s (throughput printed, not asserted)',
    async (label, everyRecords) => {
      const bus = new KafkaMessageBus({ ...testConfig(deployment()), commit: { everyRecords } });
      try {
        const topic = bus.topicOf('UnresolvedPackage');
        await bus.provision([topic]);
        const count = 2_000;
        const messages: MessageEnvelope[] = Array.from({ length: count }, (_, i) =>
          unresolved(`load-${i % 50}`, i),
        );
        const publishStart = performance.now();
        for (let i = 0; i < count; i += 500) await bus.publish(messages.slice(i, i + 500));
        const publishMs = performance.now() - publishStart;
        const seen = new Set<string>();
        const consumeStart = performance.now();
        const sub = await bus.subscribe(`g-${randomUUID().slice(0, 8)}`, [topic], async (e) => {
          seen.add(e.id);
          return Promise.resolve();
        });
        await waitFor('every message', () => seen.size >= count, 120_000);
        const consumeMs = performance.now() - consumeStart;
        await sub.stop();
        console.log(
          `kafka bus: published ${count} in ${publishMs.toFixed(0)} ms (${((count / publishMs) * 1000).toFixed(0)}/s); ` +
            `consumed, committing ${label}, in ${consumeMs.toFixed(0)} ms (${((count / consumeMs) * 1000).toFixed(0)}/s)`,
        );
        expect(seen.size).toBe(count);
      } finally {
        await bus.close();
      }
    },
  );

  it('publishes a batch larger than the broker accepts in one request (10,000 messages in one call)', async () => {
    const bus = new KafkaMessageBus(testConfig(deployment()));
    try {
      const topic = bus.topicOf('UnresolvedPackage');
      await bus.provision([topic]);
      const count = 10_000;
      // About 3 MB encoded: three times the broker's default message.max.bytes.
      const messages: MessageEnvelope[] = Array.from({ length: count }, (_, i) =>
        unresolved(`burst-${i % 100}`, i),
      );
      await bus.publish(messages);
      const seen = new Map<string, number[]>();
      const sub = await bus.subscribe(`g-${randomUUID().slice(0, 8)}`, [topic], async (e) => {
        const key = e.key;
        seen.set(key, [
          ...(seen.get(key) ?? []),
          Number((e.payload['package_version'] as string).split('.')[2]),
        ]);
        return Promise.resolve();
      });
      await waitFor(
        'every message',
        () => [...seen.values()].reduce((n, l) => n + l.length, 0) >= count,
        120_000,
      );
      await sub.stop();
      expect([...seen.values()].reduce((n, l) => n + l.length, 0)).toBe(count);
      // Order per key survives the split into several requests.
      for (const sequence of seen.values()) expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    } finally {
      await bus.close();
    }
  }, 180_000);
});
