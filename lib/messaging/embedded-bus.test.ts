import { mkdtemp, readFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PARTITIONS, describeMessageBus, unresolved, waitFor } from './message-bus.contract.js';
import { EmbeddedMessageBus, contractCodec, createMessageBus } from './index.js';
import type { MessageEnvelope, Subscription } from './index.js';

describeMessageBus('embedded (in memory)', async (deployment, instrumentation) => ({
  codec: contractCodec,
  bus: await EmbeddedMessageBus.open({
    deployment,
    codec: contractCodec,
    topics: { defaults: { partitions: CONTRACT_PARTITIONS } },
    ...(instrumentation === undefined ? {} : { instrumentation }),
  }),
}));

describeMessageBus('embedded (persisted)', async (deployment, instrumentation) => ({
  codec: contractCodec,
  bus: await EmbeddedMessageBus.open({
    deployment,
    codec: contractCodec,
    directory: await mkdtemp(join(tmpdir(), 'thoth-bus-')),
    topics: { defaults: { partitions: CONTRACT_PARTITIONS } },
    ...(instrumentation === undefined ? {} : { instrumentation }),
  }),
}));

describe('EmbeddedMessageBus', () => {
  const open = (directory?: string): Promise<EmbeddedMessageBus> =>
    EmbeddedMessageBus.open({
      deployment: 'local',
      codec: contractCodec,
      topics: { defaults: { partitions: 2 } },
      ...(directory === undefined ? {} : { directory }),
    });

  it('is what createMessageBus builds for kind embedded', async () => {
    const bus = await createMessageBus({ kind: 'embedded', deployment: 'local', codec: contractCodec });
    expect(bus).toBeInstanceOf(EmbeddedMessageBus);
    expect(bus.topicOf('SolvedPackage')).toBe('local.solved-package');
  });

  it('publishes nothing of a batch when one envelope is invalid', async () => {
    const bus = await open();
    await bus.provision([bus.topicOf('UnresolvedPackage')]);
    const bad = { ...unresolved('x', 1), key: 'no colon' };
    await expect(bus.publish([unresolved('x', 0), bad])).rejects.toMatchObject({
      code: 'contract-violation',
    });
    const seen: string[] = [];
    const sub = await bus.subscribe('g', [bus.topicOf('UnresolvedPackage')], async (e) => {
      seen.push(e.id);
      return Promise.resolve();
    });
    await bus.publish(unresolved('x', 2));
    await waitFor('one message', () => seen.length >= 1);
    expect(seen).toHaveLength(1);
    await sub.stop();
  });

  it('keeps a dead letter its reader failed on uncommitted and hands it over again', async () => {
    const bus = await open();
    const topic = bus.topicOf('UnresolvedPackage');
    await bus.provision([topic]);
    await bus.publishRecords(`${topic}.dead-letter`, [{ key: 'pypi:x', value: Buffer.from('poison') }]);
    let deliveries = 0;
    const sub = await bus.subscribeRecords('dlq-reader', [`${topic}.dead-letter`], async () => {
      deliveries++;
      if (deliveries === 1) throw new Error('reader bug');
      return Promise.resolve();
    });
    await waitFor('a second delivery', () => deliveries >= 2);
    await sub.stop();
    expect(deliveries).toBe(2);
  });

  it('resumes after a restart from its directory: logs and committed offsets survive, a torn line is cut off', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'thoth-bus-'));
    const first = await open(directory);
    const topic = first.topicOf('UnresolvedPackage');
    await first.provision([topic]);
    const messages: MessageEnvelope[] = Array.from({ length: 10 }, (_, i) => unresolved(`p${i % 3}`, i));
    await first.publish(messages);
    const before = new Set<string>();
    const own: { sub?: Subscription } = {};
    let stopping: Promise<void> | undefined;
    own.sub = await first.subscribe('investigator', [topic], async (e) => {
      before.add(e.id);
      if (before.size === 4) {
        await waitFor('subscribe to return', () => own.sub !== undefined);
        stopping = own.sub!.stop();
      }
    });
    await waitFor('4 handled', () => stopping !== undefined);
    await stopping;
    await first.close();
    // A crash in the middle of an append leaves half a line behind.
    await appendFile(join(directory, 'topics', topic, '0.jsonl'), '{"k":"pypi:torn","v":"');

    const second = await open(directory);
    const after = new Set<string>();
    const resumed = await second.subscribe('investigator', [topic], async (e) => {
      after.add(e.id);
      return Promise.resolve();
    });
    const late = unresolved('p0', 99);
    await second.publish(late);
    await waitFor('the rest', () => before.size + after.size >= messages.length + 1);
    expect([...after].filter((id) => before.has(id))).toEqual([]);
    expect(new Set([...before, ...after])).toEqual(new Set([...messages.map((m) => m.id), late.id]));
    await resumed.stop();
    const offsets = JSON.parse(await readFile(join(directory, 'groups', 'investigator.json'), 'utf8')) as {
      offsets: Record<string, number>;
    };
    expect(Object.values(offsets.offsets).reduce((a, b) => a + b, 0)).toBe(messages.length + 1);
  });
});
