// Build a MessageBus from configuration: the embedded bus (one machine, optionally persisted to a
// directory) or Kafka. Entry points read their settings (flags, environment) and call this once.
import { EmbeddedMessageBus } from './embedded-bus.js';
import type { EmbeddedMessageBusConfig } from './embedded-bus.js';
import { KafkaMessageBus } from './kafka-bus.js';
import type { KafkaMessageBusConfig } from './kafka-bus.js';
import type { MessageBus } from './types.js';

export type MessageBusConfig =
  ({ kind: 'embedded' } & EmbeddedMessageBusConfig) | ({ kind: 'kafka' } & KafkaMessageBusConfig);

export async function createMessageBus(config: MessageBusConfig): Promise<MessageBus> {
  if (config.kind === 'embedded') return EmbeddedMessageBus.open(config);
  return Promise.resolve(new KafkaMessageBus(config));
}
