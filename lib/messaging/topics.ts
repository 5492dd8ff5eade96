// Topic naming: `<deployment>.<kebab-type>` with a `.dead-letter` twin, names checked against Kafka's
// rules, and per-topic partition/replication settings resolved from configuration.
import { DEFAULT_TOPIC_SETTINGS } from './defaults.js';
import { MessagingNameError } from './errors.js';
import type { TopicConfig, TopicSettings } from './types.js';

/** Suffix of every dead-letter twin. */
export const DEAD_LETTER_SUFFIX = '.dead-letter';

// Kafka's legal topic characters; 249 is its length limit.
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * The kebab-case form of a PascalCase message type. Runs of capitals are acronyms and stay one word:
 * `CVEProvided` → `cve-provided`, `SIUnanalyzedPackage` → `si-unanalyzed-package`.
 */
export function kebabType(type: string): string {
  return type
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Throw MessagingNameError unless `name` is a legal Kafka topic/group name (also a safe file name). */
export function assertMessagingName(kind: 'topic' | 'group' | 'deployment', name: string): void {
  if (!KAFKA_NAME.test(name) || name === '.' || name === '..') {
    throw new MessagingNameError(kind, name, 'must be 1–249 characters of A-Z a-z 0-9 . _ -');
  }
}

/** The topic of a message type in a deployment: `<deployment>.<kebab-type>`. */
export function topicName(deployment: string, type: string): string {
  const topic = `${deployment}.${kebabType(type)}`;
  assertMessagingName('topic', topic);
  return topic;
}

/** True for a dead-letter twin. */
export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}

/** The dead-letter twin of a topic. A dead-letter topic has no twin of its own. */
export function deadLetterTopicOf(topic: string): string {
  if (isDeadLetterTopic(topic)) {
    throw new MessagingNameError('topic', topic, 'is a dead-letter topic and has no dead-letter twin');
  }
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** Settings of one topic: its override, else the configured defaults, else DEFAULT_TOPIC_SETTINGS. A twin follows its topic. */
export function topicSettings(config: TopicConfig | undefined, topic: string): TopicSettings {
  const base = isDeadLetterTopic(topic) ? topic.slice(0, -DEAD_LETTER_SUFFIX.length) : topic;
  return {
    ...DEFAULT_TOPIC_SETTINGS,
    ...config?.defaults,
    ...config?.overrides?.[base],
    ...config?.overrides?.[topic],
  };
}

/** The topics `provision` creates for the given main topics: each one and its twin. */
export function withDeadLetterTwins(topics: readonly string[]): string[] {
  const all = new Set<string>();
  for (const topic of topics) {
    assertMessagingName('topic', topic);
    all.add(topic);
    if (!isDeadLetterTopic(topic)) all.add(deadLetterTopicOf(topic));
  }
  return [...all];
}
