import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import {
  MessageBusError,
  UnknownTopicError,
  isRebalancing,
  mapKafkaError,
  restartOnFailure,
} from './index.js';

// Real kafkajs error objects, shaped as kafkajs builds them (protocol errors carry a broker type).
function protocolError(type: string, retriable: boolean): KafkaJSProtocolError {
  return Object.assign(new KafkaJSProtocolError(`broker said ${type}`), { type, retriable });
}

// kafkajs's type declarations give this class no constructor arguments; its code takes a message.
const SaslError = KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;

describe('mapKafkaError', () => {
  it.each([
    [
      'a lost connection',
      new KafkaJSConnectionError('Connection error: ECONNREFUSED'),
      MessageBusError,
      true,
    ],
    [
      'retries exceeded around a lost connection',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout'), {
        retryCount: 5,
        retryTime: 900,
      }),
      MessageBusError,
      true,
    ],
    ['an unknown topic', protocolError('UNKNOWN_TOPIC_OR_PARTITION', true), UnknownTopicError, false],
    [
      'an unknown topic in an aggregate',
      new KafkaJSAggregateError('failed', [protocolError('UNKNOWN_TOPIC_OR_PARTITION', true)]),
      UnknownTopicError,
      false,
    ],
    [
      'a non-retriable kafkajs error',
      new KafkaJSNonRetriableError('Invalid topics array'),
      MessageBusError,
      false,
    ],
    ['failed authentication', new SaslError('SASL PLAIN authentication failed'), MessageBusError, false],
  ])('maps %s', (_label, error, type, retriable) => {
    const mapped = mapKafkaError(error, 'd.topic');
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.retriable).toBe(retriable);
    expect(mapped.cause).toBe(error);
  });

  it('leaves our own errors as they are', () => {
    const error = new InputError('bad');
    expect(mapKafkaError(error)).toBe(error);
  });
});

describe('restartOnFailure', () => {
  it.each([
    ['a lost broker', new KafkaJSConnectionError('Connection error'), true],
    [
      'a rebalance that outlived the retries',
      new KafkaJSNumberOfRetriesExceeded(protocolError('REBALANCE_IN_PROGRESS', true), {
        retryCount: 5,
        retryTime: 1,
      }),
      true,
    ],
    ['an error of our own handler code', new Error('dead-letter topic missing'), true],
    [
      'failed authentication behind retries',
      new KafkaJSNumberOfRetriesExceeded(new SaslError('bad password'), {
        retryCount: 1,
        retryTime: 1,
      }),
      false,
    ],
  ])('after %s answers %s', async (_label, error, restart) => {
    expect(await restartOnFailure(error)).toBe(restart);
  });
});

describe('isRebalancing', () => {
  it.each([
    ['REBALANCE_IN_PROGRESS', true],
    ['ILLEGAL_GENERATION', true],
    ['UNKNOWN_MEMBER_ID', true],
    ['NOT_COORDINATOR_FOR_GROUP', true],
    ['OFFSET_OUT_OF_RANGE', false],
  ])('%s → %s', (type, expected) => {
    expect(isRebalancing(protocolError(type, true))).toBe(expected);
    expect(
      isRebalancing(
        new KafkaJSNumberOfRetriesExceeded(protocolError(type, true), { retryCount: 1, retryTime: 1 }),
      ),
    ).toBe(expected);
  });
});
