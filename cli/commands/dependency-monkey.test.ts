// `thoth dependency-monkey` on a seeded embedded graph (three valid stacks for `app`): N stacks in a
// stable order, a seeded random sample, the reason when fewer than N exist, --json, exit codes.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedGraph } from '../../lib/adviser/dependency-monkey/__fixtures__/graph.js';
import { parseDocument } from '../../lib/contracts/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { main } from '../thoth.js';

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

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thoth-cli-dm-'));
  env = { THOTH_HOME: join(dir, 'home') };
  await mkdir(env['THOTH_HOME']!);
  const graph = await openGraph(readRuntimeConfig(env).graph);
  try {
    await seedGraph(graph);
  } finally {
    await graph.close();
  }
  await writeFile(join(dir, 'requirements.txt'), 'app\n');
  await writeFile(join(dir, 'missing.txt'), 'nothing-known>=1\n');
}, 60_000);

const dm = (...args: string[]) =>
  run(['dependency-monkey', join(dir, 'requirements.txt'), '--python-version', '3.11', ...args], env);

describe('thoth dependency-monkey', () => {
  it('prints N stacks in a stable order, newest first', async () => {
    const result = await dm('--count', '2', '--decision', 'all');
    expect(result).toEqual({
      code: 0,
      stdout: '  1. app==2.0 lib==2.0\n  2. app==2.0 lib==1.0\n',
      stderr: '',
    });
  }, 60_000);

  it('states the reason when fewer than N stacks exist', async () => {
    const result = await dm('--count', '5');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    expect(result.stderr).toBe(
      'Only 3 distinct valid stacks exist for these requirements in this environment; 5 were asked for.\n',
    );
  }, 60_000);

  it('samples the same stacks for the same seed and prints the document with --json', async () => {
    const first = await dm('--count', '2', '--decision', 'random', '--seed', '9', '--json');
    const again = await dm('--count', '2', '--decision', 'random', '--seed', '9', '--json');
    expect(first.code).toBe(0);
    const stacks = (stdout: string) =>
      parseDocument('dependency-monkey', JSON.parse(stdout)).result.report.responses.map((r) =>
        r.product.lock.packages.map((p) => `${p.name}==${p.version}`).join(' '),
      );
    expect(stacks(first.stdout)).toHaveLength(2);
    expect(stacks(again.stdout)).toEqual(stacks(first.stdout));
    expect(JSON.parse(first.stdout).result.parameters).toMatchObject({
      decision_type: 'random',
      predictor: 'random-walk',
      seed: 9,
    });
  }, 60_000);

  it('exits 1 when the graph lacks the requirements, 2 on bad flags', async () => {
    const missing = await run(
      ['dependency-monkey', join(dir, 'missing.txt'), '--python-version', '3.11', '--count', '1'],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('the knowledge graph lacks nothing-known');
    expect((await dm('--count', '0')).code).toBe(2);
    expect((await dm('--count', '2', '--decision', 'sampling')).stderr).toContain(
      '--decision "sampling" is not all or random',
    );
    expect((await run(['dependency-monkey', join(dir, 'requirements.txt')], env)).code).toBe(2);
  }, 60_000);
});
