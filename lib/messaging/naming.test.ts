import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors/index.js';
import { MESSAGE_CATALOGUE } from '../contracts/index.js';
import {
  MessagingNameError,
  contractCodec,
  deadLetterHeaders,
  deadLetterTopicOf,
  envelopeHeaders,
  kebabType,
  partitionForKey,
  readDeadLetterReason,
  topicName,
  topicSettings,
  withDeadLetterTwins,
} from './index.js';
import type { DeadLetterReason } from './index.js';
import { unresolved } from './message-bus.contract.js';

describe('topic names', () => {
  it.each(MESSAGE_CATALOGUE.map((spec) => [spec.type, spec.topicSuffix]))(
    '%s → <deployment>.%s, as the catalogue says',
    (type, suffix) => {
      expect(kebabType(type)).toBe(suffix);
      expect(topicName('thoth', type)).toBe(`thoth.${suffix}`);
    },
  );

  it('gives every topic one dead-letter twin and none to a twin', () => {
    expect(withDeadLetterTwins(['d.solved-package', 'd.solved-package', 'd.x.dead-letter'])).toEqual([
      'd.solved-package',
      'd.solved-package.dead-letter',
      'd.x.dead-letter',
    ]);
    expect(() => deadLetterTopicOf('d.x.dead-letter')).toThrow(MessagingNameError);
  });

  it.each([['with space'], ['a/b'], [''], ['x'.repeat(250)]])('refuses the topic name %j', (name) => {
    expect(() => withDeadLetterTwins([name])).toThrow(MessagingNameError);
  });

  it('resolves settings: override of the topic, then defaults; a twin follows its topic', () => {
    const config = {
      defaults: { partitions: 6, replicationFactor: 3 },
      overrides: { 'd.a': { partitions: 12 } },
    };
    expect(topicSettings(config, 'd.a')).toEqual({ partitions: 12, replicationFactor: 3 });
    expect(topicSettings(config, 'd.a.dead-letter')).toEqual({ partitions: 12, replicationFactor: 3 });
    expect(topicSettings(config, 'd.b')).toEqual({ partitions: 6, replicationFactor: 3 });
    expect(topicSettings(undefined, 'd.b')).toEqual({ partitions: 3, replicationFactor: 1 });
  });
});

describe('partitionForKey', () => {
  // kafkajs's default partitioner is the Java client's; the embedded bus must place keys the same way.
  const kafkajs = Partitioners.DefaultPartitioner();
  const keys = ['pypi:flask:2.0.1', 'pypi:a', 'pypi:ab', 'pypi:abc', 'adviser:adviser-3f2a9c', 'ü:ß', ''];
  it.each(keys.flatMap((key) => [1, 3, 4, 7, 50].map((n) => [key, n] as const)))(
    'places %j among %i like Kafka',
    (key, n) => {
      const partitionMetadata = Array.from({ length: n }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      }));
      expect(partitionForKey(key, n)).toBe(
        kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } }),
      );
    },
  );
});

describe('headers', () => {
  const reason: DeadLetterReason = {
    kind: 'retries-exhausted',
    errorCode: 'host-unavailable',
    errorMessage: 'index down',
    originalTopic: 'thoth.unresolved-package',
    originalPartition: 2,
    originalOffset: '9007199254740993',
    group: 'investigator',
    attempts: 5,
    firstFailureAt: '2024-01-01T00:00:00.000Z',
    lastFailureAt: '2024-01-01T00:00:07.500Z',
  };

  it('carries type, version, ids and content type of an envelope', () => {
    const envelope = { ...unresolved('flask', 1), causation_id: '6f1c1f1e-7a2b-4c3d-8e9f-0a1b2c3d4e5f' };
    expect(envelopeHeaders(envelope)).toEqual({
      'content-type': 'application/json',
      'thoth-message-id': envelope.id,
      'thoth-type': 'UnresolvedPackage',
      'thoth-version': '1',
      'thoth-correlation-id': envelope.correlation_id,
      'thoth-causation-id': envelope.causation_id,
    });
  });

  it('writes a dead-letter reason beside the original headers and reads it back', () => {
    const headers = deadLetterHeaders({ 'thoth-type': 'UnresolvedPackage' }, reason);
    expect(headers['thoth-type']).toBe('UnresolvedPackage');
    expect(readDeadLetterReason(headers)).toEqual(reason);
    expect(readDeadLetterReason({ 'thoth-type': 'x' })).toBeUndefined();
  });

  it('keeps a dead letter’s error message on one line of at most 1000 characters', () => {
    const headers = deadLetterHeaders({}, { ...reason, errorMessage: `first\n  second ${'y'.repeat(2000)}` });
    const message = headers['thoth-dead-letter-error-message']!;
    expect(message.startsWith('first second y')).toBe(true);
    expect(message).toHaveLength(1000);
  });
});

describe('contractCodec', () => {
  it('round-trips a valid message', () => {
    const envelope = unresolved('flask', 3);
    expect(contractCodec.decode(contractCodec.encode(envelope))).toEqual(envelope);
  });

  it.each([
    ['not JSON', Buffer.from('{"id":'), ''],
    ['an unknown type', Buffer.from(JSON.stringify({ ...unresolved('x', 0), type: 'NoSuchThing' })), '/type'],
    [
      'a bad payload',
      Buffer.from(JSON.stringify({ ...unresolved('x', 0), payload: { package_name: 'Flask' } })),
      '/payload',
    ],
  ])('refuses %s with a ContractError pointing at %j', (_label, value, pointer) => {
    const error = (() => {
      try {
        contractCodec.decode(value);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations.some((v) => v.pointer.startsWith(pointer))).toBe(true);
  });
});
