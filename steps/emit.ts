// Step `emit`: publish the messages another step left in messages.json (an array of
// {type, version, key, payload}) as validated envelopes on the deployment's topics. Thin: the bus is
// Kafka when THOTH_KAFKA_BROKERS is set, else the embedded bus persisted under $THOTH_HOME/bus (what
// `thoth` uses on one machine). An absent messages.json (an optional artifact) means nothing to send.
//   thoth-step emit --messages /tmp/inputs/messages.json [--correlation-id UUID]
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MessageEnvelope } from '../lib/contracts/index.js';
import { InputError } from '../lib/errors/index.js';
import { contractCodec, createMessageBus } from '../lib/messaging/index.js';
import type { MessageBus } from '../lib/messaging/index.js';
import { readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { parseFlags, requiredFlag } from './flags.js';
import { localInputPath } from './io.js';
import { openOutputs, runStep } from './run-step.js';

const USAGE = `usage: thoth-step emit --messages FILE [--correlation-id UUID]
FILE: JSON array of {type, version, key, payload}; each becomes a validated envelope on <deployment>.<kebab-type>
writes <outputs>/sent_count; exit codes: 0 ok, 2 bad input, 3 a message violates its schema, 75 broker unavailable`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface OutgoingMessage {
  type: string;
  version: number;
  key: string;
  payload: Record<string, unknown>;
}

/** Read and shape-check messages.json; null when the file does not exist. */
export async function readMessagesFile(path: string): Promise<OutgoingMessage[] | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`emit: cannot read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`emit: ${path} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new InputError(`emit: ${path} must hold a JSON array of messages`);
  return data.map((m: unknown, i) => {
    const o = m as Partial<OutgoingMessage> | null;
    if (
      o === null ||
      typeof o !== 'object' ||
      typeof o.type !== 'string' ||
      typeof o.version !== 'number' ||
      typeof o.key !== 'string' ||
      typeof o.payload !== 'object' ||
      o.payload === null
    ) {
      throw new InputError(
        `emit: ${path}[${i}] must be {type: string, version: number, key: string, payload: object}`,
      );
    }
    return o as OutgoingMessage;
  });
}

/** Open the bus the environment names (Kafka, or the embedded bus of this machine). */
export async function openBusFromEnv(env: Env): Promise<MessageBus> {
  const { layout } = readRuntimeConfig(env);
  const brokers = env['THOTH_KAFKA_BROKERS'];
  if (brokers !== undefined && brokers !== '') {
    return createMessageBus({
      kind: 'kafka',
      deployment: layout.deployment,
      brokers: brokers.split(',').map((b) => b.trim()),
      codec: contractCodec,
      clientId: 'thoth-emit',
    });
  }
  const home = env['THOTH_HOME'] ?? join(homedir(), '.thoth');
  return createMessageBus({
    kind: 'embedded',
    deployment: layout.deployment,
    codec: contractCodec,
    directory: join(home, 'bus'),
  });
}

/**
 * The emit step. `publish`, when given, replaces the bus the environment names: the embedded pipeline
 * passes its own in-process bus (a second embedded bus would not be seen by its investigator).
 */
function parseEmitArgs(argv: string[]): { messages: string; correlationId: string } | 'help' {
  const flags = parseFlags('emit', argv, {
    messages: { type: 'string' },
    'correlation-id': { type: 'string' },
  });
  if (flags === 'help') return 'help';
  const messages = requiredFlag('emit', '--messages FILE', flags.messages);
  const correlationId = flags['correlation-id'] ?? randomUUID();
  if (!UUID.test(correlationId))
    throw new InputError(`emit: --correlation-id "${correlationId}" is not a UUID`);
  return { messages, correlationId };
}

export function runEmit(
  argv: string[],
  io: StepIo,
  env: Env,
  publish?: (envelopes: MessageEnvelope[]) => Promise<unknown>,
): Promise<number> {
  const frame = { name: 'emit', usage: USAGE, parse: parseEmitArgs };
  return runStep(argv, io, frame, async ({ messages: file, correlationId }, step) => {
    const messages = (await readMessagesFile(localInputPath(file, io))) ?? [];
    const now = new Date().toISOString();
    const envelopes: MessageEnvelope[] = messages.map((m) => ({
      id: randomUUID(),
      type: m.type,
      version: m.version,
      key: m.key,
      occurred_at: now,
      producer: { component: 'thoth-step-emit', version: '0.1.0' },
      correlation_id: correlationId,
      causation_id: null,
      payload: m.payload,
    }));
    // Validate every envelope before publishing any: a bad message sends nothing of the batch.
    for (const envelope of envelopes) contractCodec.encode(envelope);
    if (envelopes.length > 0 && publish !== undefined) {
      await publish(envelopes);
    } else if (envelopes.length > 0) {
      const bus = step.closeAtEnd(await openBusFromEnv(env));
      await bus.provision([...new Set(envelopes.map((e) => bus.topicOf(e.type)))]);
      await bus.publish(envelopes);
    }
    await (await openOutputs(io)).text('sent_count', envelopes.length);
    io.log.info({ sent: envelopes.length }, 'emit done');
  });
}

export const emitStep: StepDefinition = {
  name: 'emit',
  description: 'publish the messages of messages.json as validated envelopes (Kafka, or the embedded bus)',
  run: (argv, io) => runEmit(argv, io, process.env),
};
