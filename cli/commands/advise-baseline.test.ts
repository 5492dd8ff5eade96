// `thoth advise` with the user's current lock as the baseline, end to end in process: the graph learns
// the recorded requests<2.33 corpus from the loopback index (a `latest` run, whose lock pins the
// releases the test advisories of lib/adviser/__fixtures__/security/osv-requests then affect), and
// later runs (warm, --no-learn) find that lock beside the requirements file or take it from --lock.
// The lock is rewritten only when the advice scores strictly better (reference §11).
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OSV_REQUESTS_DIR } from '../../lib/adviser/__fixtures__/security/scenario.js';
import type { AdviserDocumentV2 } from '../../lib/contracts/index.js';
import { migrate } from '../../lib/graph/index.js';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { importOsvRecords, readOsvDirectory } from '../../lib/security/index.js';
import { runThoth } from '../__fixtures__/run-thoth.js';
import type { ThothRun } from '../__fixtures__/run-thoth.js';

let server: LoopbackIndex;
let home: string;
/** The `latest` lock of requests<2.33 (urllib3 and idna at their affected newest releases). */
let latestLock: string;
const env = (): Record<string, string> => ({ THOTH_HOME: join(home, 'thoth'), NO_COLOR: '1' });

const run = (args: string[]): Promise<ThothRun> => runThoth(args, env());

/** A project directory with requirements.txt and, optionally, other files; returns the requirements path. */
async function project(name: string, files: Record<string, string> = {}): Promise<string> {
  const dir = join(home, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'requirements.txt'), 'requests<2.33\n');
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return join(dir, 'requirements.txt');
}

const common = (type = 'stable'): string[] => [
  '--python-version',
  '3.11',
  '--index-url',
  server.url,
  '--recommendation-type',
  type,
  '--no-learn',
];

const pin = (lock: string, name: string): string => new RegExp(`^${name}==(\\S+)`, 'm').exec(lock)![1]!;

beforeAll(async () => {
  const corpus = await loadCorpus(
    new URL('../../lib/index/__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname,
  );
  server = await serveCorpus(corpus, {});
  home = await mkdtemp(join(tmpdir(), 'thoth-advise-baseline-'));
  const learn = await project('learn');
  const learned = await run(['advise', learn, ...common('latest').filter((a) => a !== '--no-learn')]);
  expect(learned.code).toBe(0);
  latestLock = await readFile(join(home, 'learn', 'requirements.lock.txt'), 'utf8');
  const graph = await openGraph(readRuntimeConfig(env()).graph);
  try {
    await migrate(graph);
    const imported = await importOsvRecords(graph, readOsvDirectory(OSV_REQUESTS_DIR), {
      indexUrls: [server.url],
    });
    expect(imported.imported).toBe(2);
  } finally {
    await graph.close();
  }
}, 180_000);
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

describe('thoth advise: your current lock as the baseline', () => {
  it('finds requirements.lock.txt beside requirements.txt, scores it and says what the advice avoids', async () => {
    expect([pin(latestLock, 'urllib3'), pin(latestLock, 'idna')]).toEqual(['2.3.0', '3.10']);
    const requirements = await project('auto', { 'requirements.lock.txt': latestLock });
    const { code, stdout } = await run(['advise', requirements, ...common(), '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as AdviserDocumentV2;
    expect(document.metadata.schema_version).toBe(2);
    const baseline = document.result.baseline!;
    expect(baseline.source).toBe(join(home, 'auto', 'requirements.lock.txt'));
    expect(baseline).toMatchObject({ format: 'requirements-txt', valid: true, best: false, reasons: [] });
    expect(
      baseline.justification.filter((j) => j.unit === 'CvePenalizationStep').map((j) => j.advisory_id),
    ).toEqual(['PYSEC-test-idna', 'GHSA-test-urllib3']);
    const comparison = document.result.products[0]!.baseline_comparison!;
    expect(comparison.score_difference).toBeGreaterThan(0);
    expect(comparison.changes).toContainEqual(
      expect.objectContaining({ name: 'idna', from: '3.10', avoids: ['PYSEC-test-idna'] }),
    );
    // Strictly better: the lock is rewritten with the advised stack.
    const rewritten = await readFile(join(home, 'auto', 'requirements.lock.txt'), 'utf8');
    expect(rewritten).not.toBe(latestLock);
    expect(pin(rewritten, 'idna')).toBe(
      document.result.products[0]!.lock.packages.find((p) => p.name === 'idna')!.version,
    );

    // The text output says it in one line (the lock was overwritten by the advice: start again).
    const again = await project('auto', { 'requirements.lock.txt': latestLock });
    const text = await run(['advise', again, ...common()]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(
        `^your current lock \\(${join(home, 'auto', 'requirements.lock.txt').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): score -\\d\\.\\d{3}; advised stack: \\+\\d\\.\\d{3} better \\(idna 3\\.10 → \\S+ avoids PYSEC-test-idna.*\\)$`,
        'm',
      ),
    );
    expect(text.stdout).toContain(`wrote ${join(home, 'auto', 'requirements.lock.txt')}`);
  }, 60_000);

  it('leaves the current lock untouched when it is already the best found', async () => {
    const requirements = await project('best');
    const lockFile = join(home, 'best', 'requirements.lock.txt');
    // The first run writes the advised lock; later runs find it and have nothing strictly better.
    expect((await run(['advise', requirements, ...common()])).code).toBe(0);
    const before = await readFile(lockFile, 'utf8');
    // A modification time no write can keep: any rewrite (even of the same text) changes it.
    const past = new Date('2001-02-03T04:05:06Z');
    await utimes(lockFile, past, past);
    const unchanged = async (): Promise<void> => {
      expect(await readFile(lockFile, 'utf8')).toBe(before);
      expect((await stat(lockFile)).mtime.getTime()).toBe(past.getTime());
    };

    const { code, stdout } = await run(['advise', requirements, ...common()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^your current lock \(.*requirements\.lock\.txt\) is already the best found \(score -?\d\.\d{3}\); left unchanged \(--no-baseline writes the advised stack\)$/m,
    );
    expect(stdout).not.toContain('wrote ');
    await unchanged();

    // --json still prints the document; the line goes to stderr.
    const json = await run(['advise', requirements, ...common(), '--json']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as AdviserDocumentV2;
    expect(document.result.baseline).toMatchObject({ source: lockFile, valid: true, best: true });
    expect(document.result.products[0]!.baseline_comparison!.score_difference).toBeLessThanOrEqual(0);
    expect(json.stderr).toContain('is already the best found');
    await unchanged();

    // --no-baseline is the way to write the advised stack regardless.
    const forced = await run(['advise', requirements, ...common(), '--no-baseline']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`wrote ${lockFile}`);
    expect((await stat(lockFile)).mtime.getTime()).not.toBe(past.getTime());
  }, 60_000);

  it('takes --lock (a Pipfile.lock) and explains why an invalid lock is invalid', async () => {
    const requirements = await project('explicit');
    const lockFile = join(home, 'explicit', 'elsewhere', 'Pipfile.lock');
    await mkdir(join(home, 'explicit', 'elsewhere'));
    await writeFile(
      lockFile,
      JSON.stringify({
        _meta: { hash: { sha256: '0'.repeat(64) }, 'pipfile-spec': 6, requires: {}, sources: [] },
        default: {
          requests: { version: `==${pin(latestLock, 'requests')}`, hashes: [] },
          urllib3: { version: '==1.0', hashes: [] },
          certifi: { version: `==${pin(latestLock, 'certifi')}`, hashes: [] },
          'charset-normalizer': { version: `==${pin(latestLock, 'charset-normalizer')}`, hashes: [] },
        },
        develop: {},
      }),
    );
    const { code, stdout } = await run(['advise', requirements, ...common(), '--lock', lockFile, '--json']);
    expect(code).toBe(0);
    const baseline = (JSON.parse(stdout) as AdviserDocumentV2).result.baseline!;
    expect(baseline).toMatchObject({ source: lockFile, format: 'pipfile-lock', valid: false, score: null });
    expect(baseline.reasons.map((r) => [r.kind, r.package_name])).toEqual(
      expect.arrayContaining([
        ['unknown-version', 'urllib3'],
        ['dependency-not-pinned', 'idna'],
      ]),
    );
    const text = await run(['advise', requirements, ...common(), '--lock', lockFile]);
    expect(text.stdout).toContain(
      `your current lock (${lockFile}) is not a valid stack for these requirements here: `,
    );
    expect(text.stdout).toContain('The knowledge graph has no release urllib3 1.0');
    expect(text.stdout).toMatch(/requests \S+ requires idna\S*, which the lock does not pin/);
  }, 60_000);

  it('--no-baseline scores nothing; a file that is not a lock is skipped with a note', async () => {
    const requirements = await project('off', { 'requirements.lock.txt': latestLock });
    const off = await run(['advise', requirements, ...common(), '--no-baseline', '--json']);
    expect(off.code).toBe(0);
    expect((JSON.parse(off.stdout) as AdviserDocumentV2).result.baseline).toBeNull();

    const both = await run(['advise', requirements, ...common(), '--no-baseline', '--lock', requirements]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--lock and --no-baseline exclude each other');

    const unpinned = await project('unpinned', { 'requirements.lock.txt': 'requests<2.33\n' });
    const skipped = await run(['advise', unpinned, ...common(), '--json']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(
      `not scoring ${join(home, 'unpinned', 'requirements.lock.txt')} as your current lock`,
    );
    expect((JSON.parse(skipped.stdout) as AdviserDocumentV2).result.baseline).toBeNull();

    const missing = await run([
      'advise',
      requirements,
      ...common(),
      '--lock',
      join(home, 'off', 'no-such.lock'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--lock: cannot read');
  }, 60_000);

  it('reads a pylock.toml beside the requirements file when that is the format written', async () => {
    const requirements = await project('pylock');
    const first = await run(['advise', requirements, ...common(), '--lock-format', 'pylock']);
    expect(first.code).toBe(0);
    const { code, stdout } = await run([
      'advise',
      requirements,
      ...common(),
      '--lock-format',
      'pylock',
      '--json',
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as AdviserDocumentV2).result.baseline).toMatchObject({
      source: join(home, 'pylock', 'pylock.toml'),
      format: 'pylock-toml',
      valid: true,
      best: true,
    });
  }, 60_000);
});
