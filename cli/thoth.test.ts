import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseThothConfig } from '../lib/contracts/index.js';
import { main } from './thoth.js';

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

describe('thoth CLI', () => {
  it('prints help with the configuration variables and exit codes, and exits 0', async () => {
    const { code, stdout } = await run(['--help'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('THOTH_GRAPH_URL');
    expect(stdout).toContain('75  a service');
  });

  it('refuses an unknown command with exit code 2', async () => {
    const { code, stderr } = await run(['frobnicate'], {});
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  it('reports invalid configuration in one line naming the variable, exit code 2, no colour off a terminal', async () => {
    const { code, stderr, stdout } = await run(['graph', 'stats'], { THOTH_GRAPH_URL: 'mysql://db' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: invalid configuration: THOTH_GRAPH_URL must start with postgres://, postgresql:// or pglite: (got "mysql:…") [bad-input]\n',
    );
  });

  it('shows graph statistics of the embedded graph as JSON', async () => {
    const home = await mkdtemp(join(tmpdir(), 'thoth-cli-'));
    const { code, stdout } = await run(['graph', 'stats', '--json'], { THOTH_HOME: home });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      backend: 'pglite',
      releases: 0,
      contentHash: 'd41d8cd98f00b204e9800998ecf8427e',
    });
  });

  it('writes a .thoth.yaml that satisfies its schema, and refuses to overwrite it without --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-cli-'));
    const output = join(dir, '.thoth.yaml');
    const first = await run(['config', 'init', '--output', output, '--recommendation-type', 'security'], {});
    expect(first.code).toBe(0);
    const config = parseThothConfig(parse(await readFile(output, 'utf8')));
    expect(config.runtime_environments?.[0]?.recommendation_type).toBe('security');
    expect(config.runtime_environments?.[0]?.marker_environment?.python_full_version).toMatch(/^3\.\d+\.\d+/);
    const again = await run(['config', 'init', '--output', output], {});
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; pass --force');
    const bad = await run(
      ['config', 'init', '--output', join(dir, 'x.yaml'), '--recommendation-type', 'fastest'],
      {},
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--recommendation-type "fastest" is not one of latest, stable, testing, performance, security',
    );
  });
});
