// The behaviour every MessageBus must have, as one suite run against each implementation (embedded in
// the unit project, Kafka in the integration project): order per key, parallel partitions, poison
// messages and exhausted retries in the dead-letter twin while the rest flows on, retries without
// duplicate effects, graceful stop and resume, crash and redelivery, two members rebalancing.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HostError, InputError } from '../errors/index.js';
import {
  UnknownTopicError,
  DEAD_LETTER_HEADERS,
  MESSAGE_HEADERS,
  deadLetterTopicOf,
  partitionForKey,
  readDeadLetterReason,
} from './index.js';
import type {
  ConsumedRecord,
  DeliveryRetryOptions,
  MessageBus,
  MessageCodec,
  MessageEnvelope,
  MessagingInstrumentation,
  Subscription,
} from './index.js';

/** Every test runs on topics with this many partitions. */
export const CONTRACT_PARTITIONS = 4;

/** Fast retries: three attempts, millisecond waits. */
export const FAST_RETRY: DeliveryRetryOptions = {
  attempts: 3,
  initialDelayMs: 1,
  factor: 1,
  jitter: 0,
  maxDelayMs: 5,
};

export interface ContractBus {
  bus: MessageBus;
  codec: MessageCodec;
}

/** Open a bus on a fresh deployment (so fresh topics) with CONTRACT_PARTITIONS partitions per topic. */
export type OpenContractBus = (
  deployment: string,
  instrumentation?: MessagingInstrumentation,
) => Promise<ContractBus>;

const TYPE = 'UnresolvedPackage';

/** A valid UnresolvedPackage message for package `name`, carrying `seq` in its version. */
export function unresolved(name: string, seq: number): MessageEnvelope {
  const id = randomUUID();
  return {
    id,
    type: TYPE,
    version: 1,
    key: `pypi:${name}`,
    occurred_at: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
    producer: { component: 'contract-test', version: '0.0.0' },
    correlation_id: id,
    causation_id: null,
    payload: {
      package_name: name,
      package_version: `1.0.${seq}`,
      specifier: null,
      index_url: 'https://pypi.org/simple',
      environment: null,
      requested_by: null,
    },
  };
}

function seqOf(envelope: MessageEnvelope): number {
  return Number(String(envelope.payload['package_version']).split('.')[2]);
}

/** Poll until `ready()` is true; the limit only guards against a hang, it asserts nothing about speed. */
export async function waitFor(what: string, ready: () => boolean, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Package names that land in `count` different partitions (by the Kafka/embedded key hash). */
export function namesInDistinctPartitions(count: number, partitions = CONTRACT_PARTITIONS): string[] {
  const names: string[] = [];
  const used = new Set<number>();
  for (let i = 0; names.length < count; i++) {
    const name = `spread-${i}`;
    const p = partitionForKey(`pypi:${name}`, partitions);
    if (!used.has(p)) {
      used.add(p);
      names.push(name);
    }
  }
  return names;
}

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export function describeMessageBus(name: string, open: OpenContractBus): void {
  describe(`MessageBus contract: ${name}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const fn of cleanup.splice(0).reverse()) await fn();
    });

    /** A bus on fresh topics, provisioned, closed after the test. */
    async function setup(
      instrumentation?: MessagingInstrumentation,
    ): Promise<ContractBus & { topic: string; dlq: string; group: string }> {
      const opened = await open(unique('t'), instrumentation);
      cleanup.push(() => opened.bus.close());
      const topic = opened.bus.topicOf(TYPE);
      const provisioned = await opened.bus.provision([topic]);
      expect(provisioned.created.sort()).toEqual([topic, deadLetterTopicOf(topic)].sort());
      return { ...opened, topic, dlq: deadLetterTopicOf(topic), group: unique('g') };
    }

    /** Read a dead-letter topic into an array. */
    async function readDeadLetters(bus: MessageBus, dlq: string): Promise<ConsumedRecord[]> {
      const records: ConsumedRecord[] = [];
      const sub = await bus.subscribeRecords(unique('dlq-reader'), [dlq], async (record) => {
        records.push(record);
        return Promise.resolve();
      });
      cleanup.push(() => sub.stop());
      return records;
    }

    it('names topics <deployment>.<kebab-type> and provisions them with dead-letter twins idempotently', async () => {
      const { bus, topic, dlq } = await setup();
      expect(topic).toBe(`${bus.deployment}.unresolved-package`);
      expect(dlq).toBe(`${bus.deployment}.unresolved-package.dead-letter`);
      const again = await bus.provision([topic]);
      expect(again.created).toEqual([]);
      expect(again.existing.sort()).toEqual([topic, dlq].sort());
    });

    it('refuses to publish to or subscribe on a topic that was never provisioned', async () => {
      const { bus } = await open(unique('t'));
      cleanup.push(() => bus.close());
      await expect(bus.publish(unresolved('nowhere', 0))).rejects.toBeInstanceOf(UnknownTopicError);
      await expect(
        bus.subscribe(unique('g'), [bus.topicOf(TYPE)], () => Promise.resolve()),
      ).rejects.toBeInstanceOf(UnknownTopicError);
    });

    it('delivers each key in publication order, all of one key from one partition, with headers and metrics', async () => {
      const metrics = {
        lag: new Map<number, number>(),
        inFlight: [] as number[],
        processed: 0,
        assigned: [] as number[][],
      };
      const { bus, group, topic } = await setup({
        lag: (e) => {
          metrics.lag.set(e.partition, e.lag);
        },
        inFlight: (e) => metrics.inFlight.push(e.count),
        processed: () => metrics.processed++,
        rebalanced: (e) => metrics.assigned.push(e.assignment[topic] ?? []),
      });
      const names = ['alpha', 'beta', 'gamma', 'delta'];
      const batch: MessageEnvelope[] = [];
      for (let seq = 0; seq < 25; seq++) for (const n of names) batch.push(unresolved(n, seq));
      await bus.publish(batch);
      const seen = new Map<string, number[]>();
      const partitions = new Map<string, Set<number>>();
      let headersOk = true;
      const sub = await bus.subscribe(group, [topic], async (envelope, { record }) => {
        const name = String(envelope.payload['package_name']);
        (seen.get(name) ?? seen.set(name, []).get(name)!).push(seqOf(envelope));
        (partitions.get(name) ?? partitions.set(name, new Set()).get(name)!).add(record.partition);
        headersOk &&=
          record.key === envelope.key &&
          record.headers[MESSAGE_HEADERS.type] === TYPE &&
          record.headers[MESSAGE_HEADERS.version] === '1' &&
          record.headers[MESSAGE_HEADERS.id] === envelope.id &&
          record.headers[MESSAGE_HEADERS.correlationId] === envelope.correlation_id &&
          record.headers[MESSAGE_HEADERS.contentType] === 'application/json';
        return Promise.resolve();
      });
      cleanup.push(() => sub.stop());
      await waitFor('100 messages', () => [...seen.values()].reduce((n, l) => n + l.length, 0) >= 100);
      const ascending = Array.from({ length: 25 }, (_, i) => i);
      for (const n of names) {
        expect(seen.get(n)).toEqual(ascending);
        expect(partitions.get(n)?.size).toBe(1);
        expect([...partitions.get(n)!][0]).toBe(partitionForKey(`pypi:${n}`, CONTRACT_PARTITIONS));
      }
      expect(headersOk).toBe(true);
      await waitFor(
        'the last metrics',
        () => metrics.processed >= 100 && metrics.inFlight.at(-1) === 0,
        10_000,
      );
      expect(metrics.assigned.at(-1)?.sort()).toEqual([0, 1, 2, 3]);
      expect(Math.max(...metrics.inFlight)).toBeGreaterThanOrEqual(1);
      expect(Math.min(...metrics.inFlight)).toBe(0);
      const used = new Set(names.map((n) => partitionForKey(`pypi:${n}`, CONTRACT_PARTITIONS)));
      await waitFor(
        'lag 0 in every partition used',
        () => [...used].every((p) => metrics.lag.get(p) === 0),
        10_000,
      );
    });

    it('processes different partitions at the same time', async () => {
      const { bus, group, topic } = await setup();
      const names = namesInDistinctPartitions(CONTRACT_PARTITIONS);
      await bus.publish(names.map((n) => unresolved(n, 0)));
      const active = new Set<number>();
      let mostAtOnce = 0;
      let done = 0;
      const sub = await bus.subscribe(
        group,
        [topic],
        async (_envelope, { record }) => {
          active.add(record.partition);
          mostAtOnce = Math.max(mostAtOnce, active.size);
          // Hold each handler until a second partition is in a handler too; a bus that handles
          // partitions one at a time never gets there (the wait only guards against hanging).
          await waitFor('a second partition in flight', () => mostAtOnce >= 2, 20_000).catch(() => undefined);
          active.delete(record.partition);
          done++;
        },
        { partitionsConsumedConcurrently: CONTRACT_PARTITIONS },
      );
      cleanup.push(() => sub.stop());
      await waitFor('all handled', () => done >= names.length);
      expect(mostAtOnce).toBeGreaterThanOrEqual(2);
    });

    it('dead-letters a poison record at once, with its reason, and the rest of its partition flows on', async () => {
      const { bus, codec, group, topic, dlq } = await setup();
      const good = [0, 1, 2].map((seq) => unresolved('poisoned', seq));
      const notJson = Buffer.from('{"id": "truncated');
      const badEnvelope = Buffer.from(
        JSON.stringify({ ...good[0], id: 'not-a-uuid', payload: { package_name: 'X' } }),
      );
      const key = good[0]!.key;
      await bus.publishRecords(topic, [
        { key, value: codec.encode(good[0]!) },
        { key, value: notJson, headers: { origin: 'test' } },
        { key, value: codec.encode(good[1]!) },
        { key, value: badEnvelope },
        { key, value: codec.encode(good[2]!) },
      ]);
      const handled: number[] = [];
      const sub = await bus.subscribe(group, [topic], async (envelope) => {
        handled.push(seqOf(envelope));
        return Promise.resolve();
      });
      cleanup.push(() => sub.stop());
      const dead = await readDeadLetters(bus, dlq);
      await waitFor('3 handled and 2 dead letters', () => handled.length >= 3 && dead.length >= 2);
      expect(handled).toEqual([0, 1, 2]);
      expect(dead.map((r) => r.value.toString())).toEqual([notJson.toString(), badEnvelope.toString()]);
      const partition = partitionForKey(key, CONTRACT_PARTITIONS);
      const reasons = dead.map((r) => readDeadLetterReason(r.headers)!);
      expect(
        reasons.map((r) => [r.kind, r.errorCode, r.attempts, r.originalTopic, r.originalPartition, r.group]),
      ).toEqual([
        ['contract-violation', 'contract-violation', 0, topic, partition, group],
        ['contract-violation', 'contract-violation', 0, topic, partition, group],
      ]);
      expect(Number(reasons[1]!.originalOffset) - Number(reasons[0]!.originalOffset)).toBe(2);
      expect(reasons[1]!.errorMessage).toMatch(/id|uuid|payload/);
      expect(dead.every((r) => r.key === key && r.partition === partition)).toBe(true);
      expect(dead[0]!.headers['origin']).toBe('test');
    });

    it('retries a handler that fails twice and then succeeds, with one effect per message', async () => {
      const events = { failed: [] as boolean[], dead: 0, processed: [] as number[] };
      const { bus, group, topic } = await setup({
        failed: (e) => events.failed.push(e.willRetry),
        deadLettered: () => events.dead++,
        processed: (e) => events.processed.push(e.attempts),
      });
      const messages = [0, 1, 2].map((seq) => unresolved('flaky', seq));
      await bus.publish(messages);
      const attempts = new Map<string, number>();
      const effects = new Map<string, number>();
      const order: number[] = [];
      const sub = await bus.subscribe(
        group,
        [topic],
        async (envelope, { attempt }) => {
          attempts.set(envelope.id, attempt);
          if (seqOf(envelope) === 1 && attempt <= 2)
            throw new HostError('test-host', `flaky attempt ${attempt}`);
          effects.set(envelope.id, (effects.get(envelope.id) ?? 0) + 1);
          order.push(seqOf(envelope));
          return Promise.resolve();
        },
        { retry: FAST_RETRY },
      );
      cleanup.push(() => sub.stop());
      await waitFor('3 effects', () => order.length >= 3);
      expect(order).toEqual([0, 1, 2]);
      expect(messages.map((m) => effects.get(m.id))).toEqual([1, 1, 1]);
      expect(attempts.get(messages[1]!.id)).toBe(3);
      expect(events.failed).toEqual([true, true]);
      expect(events.processed.sort()).toEqual([1, 1, 3]);
      expect(events.dead).toBe(0);
    });

    it('dead-letters after N attempts for retriable errors and at once for others; the rest flows on', async () => {
      const { bus, group, topic, dlq } = await setup();
      const messages = [0, 1, 2, 3].map((seq) => unresolved('doomed', seq));
      await bus.publish(messages);
      const handled: number[] = [];
      const tries = new Map<number, number>();
      const sub = await bus.subscribe(
        group,
        [topic],
        async (envelope) => {
          const seq = seqOf(envelope);
          tries.set(seq, (tries.get(seq) ?? 0) + 1);
          if (seq === 1) throw new HostError('test-host', 'index down\nfor good');
          if (seq === 2) throw new InputError('unknown index https://example.invalid/simple');
          handled.push(seq);
          return Promise.resolve();
        },
        { retry: FAST_RETRY },
      );
      cleanup.push(() => sub.stop());
      const dead = await readDeadLetters(bus, dlq);
      await waitFor('2 handled and 2 dead letters', () => handled.length >= 2 && dead.length >= 2);
      expect(handled).toEqual([0, 3]);
      expect([tries.get(1), tries.get(2)]).toEqual([3, 1]);
      const [exhausted, final] = dead.map((r) => readDeadLetterReason(r.headers)!);
      expect(exhausted).toMatchObject({
        kind: 'retries-exhausted',
        errorCode: 'host-unavailable',
        attempts: 3,
      });
      expect(exhausted!.errorMessage).toBe('index down for good');
      expect(Date.parse(exhausted!.firstFailureAt)).toBeLessThanOrEqual(Date.parse(exhausted!.lastFailureAt));
      expect(final).toMatchObject({ kind: 'not-retriable', errorCode: 'bad-input', attempts: 1 });
      expect(final!.firstFailureAt).toBe(final!.lastFailureAt);
      expect(dead.map((r) => r.headers[MESSAGE_HEADERS.id])).toEqual([messages[1]!.id, messages[2]!.id]);
      expect(dead.map((r) => r.headers[DEAD_LETTER_HEADERS.originalOffset])).toEqual(
        dead.map((r) => readDeadLetterReason(r.headers)!.originalOffset),
      );
    });

    it('commits on graceful stop, so the next member of the group resumes without redelivery', async () => {
      const { bus, group, topic } = await setup();
      const messages: MessageEnvelope[] = [];
      for (let seq = 0; seq < 10; seq++)
        for (const n of ['s1', 's2', 's3', 's4']) messages.push(unresolved(n, seq));
      await bus.publish(messages);
      const first = new Set<string>();
      let stopping: Promise<void> | undefined;
      const own: { sub?: Subscription } = {};
      own.sub = await bus.subscribe(group, [topic], async (envelope) => {
        first.add(envelope.id);
        if (first.size === 10) {
          await waitFor('subscribe to return', () => own.sub !== undefined);
          stopping = own.sub!.stop();
        }
      });
      await waitFor('10 handled', () => stopping !== undefined);
      await stopping;
      const second = new Set<string>();
      let repeated = 0;
      const next = await bus.subscribe(group, [topic], async (envelope) => {
        if (first.has(envelope.id)) repeated++;
        second.add(envelope.id);
        return Promise.resolve();
      });
      cleanup.push(() => next.stop());
      await waitFor('all handled', () => first.size + second.size >= messages.length);
      expect(repeated).toBe(0);
      expect(new Set([...first, ...second]).size).toBe(messages.length);
      expect(first.size).toBeGreaterThanOrEqual(10);
    });

    it('cuts a retry wait short on stop and leaves that record, uncommitted and not dead-lettered, to the next member', async () => {
      const dead: number[] = [];
      const { bus, group, topic } = await setup({ deadLettered: () => dead.push(1) });
      const message = unresolved('patient', 0);
      await bus.publish(message);
      let failures = 0;
      const first = await bus.subscribe(
        group,
        [topic],
        async () => {
          failures++;
          throw new HostError('test-host', 'down for now');
        },
        // A minute before the retry: a stop that waited for it would outlast the test's time limit.
        { retry: { attempts: 5, initialDelayMs: 60_000, jitter: 0 } },
      );
      await waitFor('the first failure', () => failures >= 1);
      await first.stop();
      const handled: string[] = [];
      const second = await bus.subscribe(group, [topic], async (envelope) => {
        handled.push(envelope.id);
        return Promise.resolve();
      });
      cleanup.push(() => second.stop());
      await waitFor('the record at the next member', () => handled.length >= 1);
      expect(handled).toEqual([message.id]);
      expect(failures).toBe(1);
      expect(dead).toEqual([]);
    });

    it('after a crash mid-batch redelivers what was not committed: an idempotent handler has every effect once', async () => {
      const { bus, group, topic } = await setup();
      const messages: MessageEnvelope[] = [];
      for (let seq = 0; seq < 10; seq++)
        for (const n of ['c1', 'c2', 'c3']) messages.push(unresolved(n, seq));
      await bus.publish(messages);
      const effects = new Set<string>();
      const deliveries = new Map<string, number>();
      const handler = async (envelope: MessageEnvelope): Promise<void> => {
        deliveries.set(envelope.id, (deliveries.get(envelope.id) ?? 0) + 1);
        effects.add(envelope.id); // idempotent by envelope id
        return Promise.resolve();
      };
      let crashedOn: string | undefined;
      let crashing: Promise<void> | undefined;
      const own: { sub?: Subscription } = {};
      own.sub = await bus.subscribe(group, [topic], async (envelope) => {
        if (crashing !== undefined) return; // a dying consumer's other partitions: no effect
        await handler(envelope);
        if (effects.size === 12) {
          crashedOn = envelope.id;
          await waitFor('subscribe to return', () => own.sub !== undefined);
          crashing = own.sub!.abort(); // the effect happened, the commit never will
        }
      });
      await waitFor('the crash', () => crashing !== undefined);
      await crashing;
      const restarted = await bus.subscribe(group, [topic], handler);
      cleanup.push(() => restarted.stop());
      await waitFor('every effect', () => effects.size >= messages.length);
      expect([...effects].sort()).toEqual(messages.map((m) => m.id).sort());
      expect(deliveries.get(crashedOn!)).toBeGreaterThanOrEqual(2);
    });

    it('shares partitions between two members of one group, then hands all to one, without losing a message', async () => {
      const { bus, group, topic } = await setup();
      const names = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
      const messages: MessageEnvelope[] = [];
      for (let seq = 0; seq < 40; seq++) for (const n of names) messages.push(unresolved(n, seq));
      await bus.publish(messages);
      const effects = new Set<string>();
      const firstEffects = new Map<string, number[]>();
      const byMember = { a: 0, b: 0 };
      const handlerFor = (member: 'a' | 'b') => async (envelope: MessageEnvelope) => {
        // Some work per message, so the second member joins while the first is busy.
        await new Promise((resolve) => setTimeout(resolve, 20));
        byMember[member]++;
        if (effects.has(envelope.id)) return; // idempotent by envelope id
        effects.add(envelope.id);
        const name = String(envelope.payload['package_name']);
        (firstEffects.get(name) ?? firstEffects.set(name, []).get(name)!).push(seqOf(envelope));
      };
      const assignmentsOfB: number[][] = [];
      const a = await bus.subscribe(group, [topic], handlerFor('a'));
      cleanup.push(() => a.stop());
      await waitFor('a started', () => effects.size >= 10);
      const b = await bus.subscribe(group, [topic], handlerFor('b'), {
        instrumentation: { rebalanced: (e) => assignmentsOfB.push([...(e.assignment[topic] ?? [])].sort()) },
      });
      cleanup.push(() => b.stop());
      // On a loaded machine a may finish everything before b's join completes; b's first assignment
      // still shows that the two shared the group.
      await waitFor('b at work', () => byMember.b >= 1 || effects.size >= messages.length);
      await a.stop();
      await waitFor('all handled', () => effects.size >= messages.length);
      expect(effects.size).toBe(messages.length);
      const ascending = Array.from({ length: 40 }, (_, i) => i);
      for (const n of names) expect(firstEffects.get(n)).toEqual(ascending);
      // b first shared the partitions with a, then took all of them when a left.
      expect(assignmentsOfB[0]!.length).toBeGreaterThan(0);
      expect(assignmentsOfB[0]!.length).toBeLessThan(CONTRACT_PARTITIONS);
      expect(assignmentsOfB.at(-1)).toEqual([0, 1, 2, 3]);
    });
  });
}
