// `thoth advise --argo-server` refusals that need no service: flags of the other mode, missing
// settings, a requirements file that cannot be sent, an Argo server nobody listens on (checked before
// anything is stored: the S3 endpoint below is dead too). The successful path and the failures of a
// running cluster are in test/workflows/advise-cluster.int.test.ts.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThoth } from '../__fixtures__/run-thoth.js';
import type { ThothRun } from '../__fixtures__/run-thoth.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thoth-advise-cluster-'));
  await writeFile(join(dir, 'requirements.txt'), 'idna==3.7\n');
  await writeFile(join(dir, 'with-include.txt'), '-r requirements.txt\nflask\n');
  await writeFile(join(dir, 'token'), 'Bearer abc\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const S3 = {
  THOTH_ARTIFACTS_URL: 's3://thoth',
  THOTH_S3_ENDPOINT: 'http://127.0.0.1:1',
  THOTH_S3_ACCESS_KEY_ID: 'k',
  THOTH_S3_SECRET_ACCESS_KEY: 's',
};

const thoth = (args: string[], env: Record<string, string> = S3): Promise<ThothRun> =>
  runThoth(args, { THOTH_HOME: join(dir, 'home'), ...env });

const DEAD = ['--argo-server', 'http://127.0.0.1:1', '--python-version', '3.11'];

describe('thoth advise --argo-server refusals', () => {
  it.each([
    {
      case: 'a cluster flag without --argo-server',
      args: ['--timeout', '5', '--python-version', '3.11'],
      code: 2,
      line: '--timeout applies only with --argo-server URL',
    },
    {
      case: 'a local flag with --argo-server',
      args: [...DEAD, '--namespace', 'thoth', '--prescription', 'p.yaml'],
      code: 2,
      line: '--prescription (the cluster applies its own prescriptions) does not apply with --argo-server',
    },
    {
      case: 'no namespace',
      args: DEAD,
      code: 2,
      line: '--namespace is required with --argo-server',
    },
    {
      case: 'not a URL',
      args: ['--argo-server', 'argo:2746', '--namespace', 'thoth', '--python-version', '3.11'],
      code: 2,
      line: '--argo-server "argo:2746" must be an http(s) URL',
    },
    {
      case: 'a bad --timeout',
      args: [...DEAD, '--namespace', 'thoth', '--timeout', '0'],
      code: 2,
      line: '--timeout "0" must be a whole number of seconds ≥ 1',
    },
    {
      case: 'an unreadable token file',
      args: [...DEAD, '--namespace', 'thoth', '--argo-token-file', '/nonexistent/token'],
      code: 2,
      line: '--argo-token-file: cannot read /nonexistent/token',
    },
    {
      case: 'an Argo server nobody listens on (nothing stored: S3 is not even asked)',
      args: [...DEAD, '--namespace', 'thoth', '--argo-token-file', 'TOKEN'],
      code: 75,
      line: 'cannot reach the Argo server at http://127.0.0.1:1',
    },
  ])('$case → exit $code', async ({ args, code, line }) => {
    const result = await thoth([
      'advise',
      join(dir, 'requirements.txt'),
      ...args.map((a) => (a === 'TOKEN' ? join(dir, 'token') : a)),
    ]);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`error: ${line}`);
    expect(result.code).toBe(code);
  });

  it('needs the artifact store of the cluster, not the local directory', async () => {
    const result = await thoth(
      ['advise', join(dir, 'requirements.txt'), ...DEAD, '--namespace', 'thoth'],
      {},
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: --argo-server needs the cluster's artifact store");
  });

  it('refuses a requirements file with includes, which only this machine could read', async () => {
    const result = await thoth(['advise', join(dir, 'with-include.txt'), ...DEAD, '--namespace', 'thoth']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`includes ${join(dir, 'requirements.txt')} (-r/-c)`);
    expect((await readdir(dir)).sort()).toEqual(['requirements.txt', 'token', 'with-include.txt']);
  });
});
