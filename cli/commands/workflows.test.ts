// `thoth workflows list|get|logs` over run records that the local engine wrote for a real run of the
// one-step fixture template cli/__fixtures__/workflows/cli-hello.yaml.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryArtifactStore } from '../../lib/storage/index.js';
import { LocalWorkflowEngine } from '../../lib/workflows/index.js';
import type { StepDefinition } from '../../lib/workflows/index.js';
import { main } from '../thoth.js';

const FIXTURES = join(import.meta.dirname, '..', '__fixtures__', 'workflows');

async function run(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await main(argv, { stdout, stderr, env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const hello: StepDefinition = {
  name: 'hello',
  description: 'test step: logs a greeting',
  run: (argv, io) => {
    io.log.info(`hello ${argv[0]?.replace('--who=', '') ?? ''}`);
    return Promise.resolve(0);
  },
};

let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'thoth-cli-workflows-'));
  const engine = await LocalWorkflowEngine.fromDirectory(FIXTURES, {
    // The CLI's default state directory: $THOTH_HOME/workflows.
    stateDir: join(home, 'workflows'),
    store: new DirectoryArtifactStore(join(home, 'artifacts')),
    registry: new Map([[hello.name, hello]]),
  });
  await engine.submit({ template: 'cli-hello', name: 'cli-hello-1', parameters: { who: 'thoth' } });
  const status = await engine.watch('cli-hello-1');
  expect(status.phase).toBe('Succeeded');
  await engine.close();
});

describe('thoth workflows', () => {
  it.each([
    {
      argv: ['workflows', 'list', '--json'],
      check: (out: string) =>
        expect(JSON.parse(out)).toEqual([
          expect.objectContaining({ name: 'cli-hello-1', template: 'cli-hello', phase: 'Succeeded' }),
        ]),
    },
    {
      argv: ['workflows', 'list'],
      check: (out: string) => expect(out).toMatch(/^cli-hello-1 {2}Succeeded {2}cli-hello /),
    },
    {
      argv: ['workflows', 'list', '--phase', 'Failed', '--json'],
      check: (out: string) => expect(JSON.parse(out)).toEqual([]),
    },
    {
      argv: ['workflows', 'get', 'cli-hello-1', '--json'],
      check: (out: string) =>
        expect(JSON.parse(out)).toMatchObject({
          name: 'cli-hello-1',
          phase: 'Succeeded',
          parameters: { who: 'thoth' },
          nodes: [expect.objectContaining({ type: 'Pod', phase: 'Succeeded', exitCode: 0 })],
        }),
    },
    {
      argv: ['workflows', 'get', 'cli-hello-1'],
      check: (out: string) => expect(out).toContain('parameter   who=thoth'),
    },
    {
      argv: ['workflows', 'logs', 'cli-hello-1'],
      check: (out: string) => expect(out).toContain('hello thoth'),
    },
    {
      argv: ['workflows', 'logs', 'cli-hello-1', '--json'],
      check: (out: string) =>
        expect(JSON.parse(out)).toContainEqual(
          expect.objectContaining({ content: expect.stringContaining('hello thoth') as unknown }),
        ),
    },
  ])('$argv', async ({ argv, check }) => {
    const { code, stdout, stderr } = await run(argv, { THOTH_HOME: home });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    check(stdout);
  });

  it.each([
    [['workflows', 'get', 'nope'], {}, 'no workflow named "nope" (local engine)'],
    [['workflows', 'logs', 'nope'], {}, 'no workflow named "nope" (local engine)'],
    [['workflows', 'list', '--phase', 'Done'], {}, '--phase "Done" is not one of'],
    [['workflows', 'list'], { THOTH_ARGO_URL: 'http://127.0.0.1:9' }, 'THOTH_ARGO_NAMESPACE is required'],
  ])('%j %j exits 2', async (argv, env, message) => {
    const { code, stderr } = await run(argv, { THOTH_HOME: home, ...env });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('reads an empty state directory as no workflows', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'thoth-cli-workflows-'));
    const { code, stdout } = await run(['workflows', 'list'], { THOTH_WORKFLOW_STATE_DIR: empty });
    expect(code).toBe(0);
    expect(stdout).toBe('no workflows (local engine)\n');
  });
});
