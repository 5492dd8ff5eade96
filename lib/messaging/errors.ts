// Errors of the message buses, in the lib/errors tree.
import { ThothError } from '../errors/index.js';
import type { ErrorContext } from '../errors/index.js';

/** The bus (Kafka brokers, the embedded log's directory) failed; retriable unless the cause says not. */
export class MessageBusError extends ThothError {
  constructor(
    message: string,
    options: { cause?: unknown; retriable?: boolean; context?: ErrorContext } = {},
  ) {
    super('message-bus-unavailable', message, { retriable: true, ...options });
  }
}

/** A topic was used before `provision` created it (automatic topic creation is off on purpose). */
export class UnknownTopicError extends ThothError {
  constructor(topic: string, cause?: unknown) {
    super('unknown-topic', `topic ${topic} does not exist: provision it first`, {
      cause,
      retriable: false,
      context: { topic },
    });
  }
}

/** A name given to the bus (topic, group, deployment) is not usable. */
export class MessagingNameError extends ThothError {
  constructor(kind: string, name: string, rule: string) {
    super('bad-messaging-name', `${kind} name '${name}' ${rule}`, {
      retriable: false,
      context: { [kind]: name },
    });
  }
}
