import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageEnvelope } from '../lib/contracts/index.js';
import { stepIo, thothHome } from './__fixtures__/step-io.js';
import type { TestStepIo } from './__fixtures__/step-io.js';
import { openBusFromEnv, runEmit } from './emit.js';

const payload = {
  package_name: 'flask',
  package_version: '2.0.1',
  specifier: null,
  index_url: 'https://pypi.org/simple',
  environment: {
    id: 'ubi-9-py311',
    os_name: 'rhel',
    os_version: '9',
    python_version: '3.11',
    platform: 'linux-x86_64',
  },
  requested_by: null,
};

/** A THOTH_HOME (its embedded bus) and io whose inputs hold `messages` as messages.json, if given. */
async function setup(messages: unknown): Promise<{ env: Record<string, string>; io: TestStepIo }> {
  const { env } = await thothHome();
  const io = await stepIo();
  if (messages !== undefined) await writeFile(join(io.inputsDir, 'messages.json'), JSON.stringify(messages));
  return { env, io };
}

async function drain(
  env: Record<string, string>,
  type: string,
  expected: number,
): Promise<MessageEnvelope[]> {
  const bus = await openBusFromEnv(env);
  const got: MessageEnvelope[] = [];
  const done = new Promise<void>((resolve) => {
    void bus.subscribe(
      'test',
      [bus.topicOf(type)],
      async (envelope) => {
        got.push(envelope);
        if (got.length === expected) resolve();
      },
      { fromBeginning: true },
    );
  });
  await done;
  await bus.close();
  return got;
}

describe('emit step', () => {
  it('publishes each message as a validated envelope with one correlation id, and counts them', async () => {
    const { env, io } = await setup([
      { type: 'UnresolvedPackage', version: 1, key: 'pypi:flask:2.0.1', payload },
      {
        type: 'UnresolvedPackage',
        version: 1,
        key: 'pypi:flask:2.0.2',
        payload: { ...payload, package_version: '2.0.2' },
      },
    ]);
    const correlation = '0b5f0e36-0c8e-4a41-9d5e-3f1e0c4f8a11';
    expect(
      await runEmit(['--messages=/tmp/inputs/messages.json', `--correlation-id=${correlation}`], io, env),
    ).toBe(0);
    expect(await io.output('sent_count')).toBe('2');
    const got = await drain(env, 'UnresolvedPackage', 2);
    expect(got.map((e) => e.key).sort()).toEqual(['pypi:flask:2.0.1', 'pypi:flask:2.0.2']);
    expect(new Set(got.map((e) => e.correlation_id))).toEqual(new Set([correlation]));
  });

  it('sends nothing of a batch when one message violates its schema (exit 3)', async () => {
    const { env, io } = await setup([
      { type: 'UnresolvedPackage', version: 1, key: 'pypi:flask:2.0.1', payload },
      { type: 'UnresolvedPackage', version: 1, key: 'pypi:x:1', payload: { package_name: 'x' } },
    ]);
    expect(await runEmit(['--messages=/tmp/inputs/messages.json'], io, env)).toBe(3);
  });

  it.each([
    [undefined, ['--messages=/tmp/inputs/messages.json'], 0],
    [{ not: 'an array' }, ['--messages=/tmp/inputs/messages.json'], 2],
    [[], ['--messages=/tmp/inputs/messages.json', '--correlation-id=nope'], 2],
    [[], [], 2],
  ])('messages %j with %j exits %i', async (messages, argv, code) => {
    const { env, io } = await setup(messages);
    expect(await runEmit(argv, io, env)).toBe(code);
  });
});
