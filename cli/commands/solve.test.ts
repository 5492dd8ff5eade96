// `thoth solve` against a loopback index of the committed requests corpus: the document lands in the
// artifact store and its releases in the embedded graph of a temporary THOTH_HOME.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { main } from '../thoth.js';

const CORPUS = join(
  import.meta.dirname,
  '..',
  '..',
  'lib',
  'index',
  '__fixtures__',
  'pypi-corpus-requests.jsonl.gz',
);

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

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

let server: LoopbackIndex;
beforeAll(async () => {
  server = await serveCorpus(await loadCorpus(CORPUS));
});
afterAll(async () => {
  await server.close();
});

describe('thoth solve', () => {
  it('solves a release, stores the document and syncs it into the graph', async () => {
    const home = await mkdtemp(join(tmpdir(), 'thoth-cli-solve-'));
    const argv = [
      'solve',
      'requests',
      '--version',
      '2.32.3',
      '--index-url',
      server.url,
      '--python-version',
      '3.11',
    ];
    const { code, stdout, stderr } = await run([...argv, '--json'], { THOTH_HOME: home });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { documentId: string; releases: string[]; syncedReleases: number };
    // The socks extra's PySocks is not in the corpus: reported, not fatal.
    expect(summary).toMatchObject({
      releases: ['requests==2.32.3'],
      syncedReleases: 1,
      unresolved: [{ name: 'pysocks', reason: 'package-not-found' }],
    });
    expect((await filesUnder(join(home, 'artifacts'))).some((f) => f.includes(summary.documentId))).toBe(
      true,
    );
    const stats = await run(['graph', 'stats', '--json'], { THOTH_HOME: home });
    expect(JSON.parse(stats.stdout)).toMatchObject({ releases: 1 });
    // Text output, solving the same release again: same document id, same graph.
    const again = await run(argv, { THOTH_HOME: home });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('solved 1 release(s) of requests: requests==2.32.3');
    expect(again.stdout).toContain(`document ${summary.documentId} stored and synced`);
    expect(again.stdout).toContain('unresolved: pysocks!=1.5.7,>=1.5.6');
  });

  it('--transitive solves the dependencies too and syncs them from one document', async () => {
    const home = await mkdtemp(join(tmpdir(), 'thoth-cli-solve-'));
    const { code, stdout, stderr } = await run(
      [
        'solve',
        'requests',
        '--version',
        '2.32.3',
        '--index-url',
        server.url,
        '--transitive',
        '--max-packages',
        '3',
      ],
      { THOTH_HOME: home },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'solved 3 release(s) of requests and its dependencies: requests==2.32.3, certifi==2024.12.14, charset-normalizer==3.4.1',
    );
    expect(stdout).toContain('(3 release(s) in the graph)');
  });

  it.each([
    [['--max-packages', '3'], '--dependency-releases and --max-packages need --transitive'],
    [['--version', '2.32.3', '--newest', '2'], 'give at most one of --version, --specifier and --newest'],
    [['--python-version', '3'], '--python-version "3" must be major.minor'],
    [['--index-url', 'ftp://example.org/simple'], 'must be http or https'],
  ])('refuses %j with exit code 2', async (extra, message) => {
    const home = await mkdtemp(join(tmpdir(), 'thoth-cli-solve-'));
    const { code, stderr } = await run(['solve', 'requests', '--index-url', server.url, ...extra], {
      THOTH_HOME: home,
    });
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });
});
