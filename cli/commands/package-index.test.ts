// `thoth index capture|serve` end to end: serve the committed requests corpus and read a page over
// HTTP; capture from a loopback index of that corpus into a temporary file and load it back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import { main } from '../thoth.js';
import { indexCommand } from './package-index.js';

const CORPUS = join(
  import.meta.dirname,
  '..',
  '..',
  'lib',
  'index',
  '__fixtures__',
  'pypi-corpus-requests.jsonl.gz',
);

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await main(argv, { stdout, stderr, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('thoth index serve', () => {
  it('prints the simple URL, serves the corpus over HTTP until told to stop, then closes', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const printed = new Promise<string>((resolve) =>
      stdout.once('data', (c: Buffer) => resolve(c.toString())),
    );
    const command = indexCommand({ stdout, stderr, env: {} }, { until: () => stopped });
    command.exitOverride();
    const running = command.parseAsync(['serve', CORPUS, '--json'], { from: 'user' });
    const printedJson = JSON.parse(await printed) as { url: string; projects: number };
    expect(printedJson.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/simple\/$/);
    expect(printedJson.projects).toBe(6);
    const response = await fetch(`${printedJson.url}requests/`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('requests-2.32.3-py3-none-any.whl');
    stop();
    await running;
    await expect(fetch(printedJson.url)).rejects.toThrow();
  });

  it.each([
    [['index', 'serve', join(tmpdir(), 'no-such-corpus.jsonl.gz')], 'does not exist'],
    [['index', 'serve', CORPUS, '--port', 'eighty'], '--port "eighty" must be an integer'],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('thoth index capture', () => {
  it('captures the closure of a requirement from a loopback index into a corpus file', async () => {
    const server = await serveCorpus(await loadCorpus(CORPUS));
    try {
      const output = join(await mkdtemp(join(tmpdir(), 'thoth-cli-index-')), 'corpus.jsonl.gz');
      const { code, stdout, stderr } = await run([
        'index',
        'capture',
        '--requirement',
        'requests==2.32.3',
        '--index-url',
        server.url,
        '--cutoff',
        '2025-01-01',
        '--version-scope',
        'specifier',
        '-o',
        output,
        '--json',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({
        output,
        requirements: ['requests==2.32.3'],
        cutoff: '2025-01-01T00:00:00.000Z',
        version_scope: 'specifier',
      });
      const captured = await loadCorpus(output);
      expect([...captured.projects.keys()].sort()).toEqual(
        ['certifi', 'charset-normalizer', 'idna', 'requests', 'urllib3'].sort(),
      );
      expect(captured.projects.get('requests')?.versions).toEqual(['2.32.3']);
    } finally {
      await server.close();
    }
  });

  it.each([
    [['--version-scope', 'some'], '--version-scope "some" is not one of all, specifier'],
    [['--cutoff', 'yesterday'], '--cutoff "yesterday" is not a date'],
  ])('refuses %j with exit code 2', async (extra, message) => {
    const base = ['index', 'capture', '--requirement', 'six', '--index-url', 'http://127.0.0.1:9/simple/'];
    const argv = [...base, '--cutoff', '2025-01-01', '-o', join(tmpdir(), 'x.jsonl.gz')];
    const i = argv.indexOf(extra[0] as string);
    if (i >= 0) argv.splice(i, 2, ...extra);
    else argv.push(...extra);
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
