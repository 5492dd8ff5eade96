// `thoth advise --recommendation-type security --json` end to end in process: the graph learns the
// recorded requests<2.33 corpus from the loopback index (a `latest` run), the test OSV records of
// lib/adviser/__fixtures__/security/osv-requests are imported into that graph with lib/security's
// importer (urllib3 by a range, idna by an explicit list), then the security run must avoid them and
// say so; when a requirement leaves only affected releases the derivation names the advisory.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OSV_REQUESTS_DIR } from '../../lib/adviser/__fixtures__/security/scenario.js';
import type { AdviserDocument } from '../../lib/contracts/index.js';
import { migrate } from '../../lib/graph/index.js';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { compareVersions } from '../../lib/python/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { importOsvRecords, readOsvDirectory } from '../../lib/security/index.js';
import { runThoth } from '../__fixtures__/run-thoth.js';
import type { ThothRun } from '../__fixtures__/run-thoth.js';

let server: LoopbackIndex;
let home: string;
const env = (): Record<string, string> => ({ THOTH_HOME: join(home, 'thoth'), NO_COLOR: '1' });

const run = (args: string[]): Promise<ThothRun> => runThoth(args, env());

async function project(name: string, text: string): Promise<string> {
  const dir = join(home, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'requirements.txt'), text);
  return join(dir, 'requirements.txt');
}

const common = (type: string): string[] => [
  '--python-version',
  '3.11',
  '--index-url',
  server.url,
  '--recommendation-type',
  type,
];

beforeAll(async () => {
  const corpus = await loadCorpus(
    new URL('../../lib/index/__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname,
  );
  server = await serveCorpus(corpus, {});
  home = await mkdtemp(join(tmpdir(), 'thoth-advise-security-'));
  const learned = await run(['advise', await project('learn', 'requests<2.33\n'), ...common('latest')]);
  expect(learned.code).toBe(0);
  const graph = await openGraph(readRuntimeConfig(env()).graph);
  try {
    await migrate(graph);
    const imported = await importOsvRecords(graph, readOsvDirectory(OSV_REQUESTS_DIR), {
      indexUrls: [server.url],
    });
    expect(imported.imported).toBe(2);
    expect(imported.newlyAffected.map((a) => `${a.packageName}==${a.version}`)).toEqual(
      expect.arrayContaining(['urllib3==2.3.0', 'idna==3.10']),
    );
  } finally {
    await graph.close();
  }
}, 180_000);
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

describe('thoth advise --recommendation-type security', () => {
  it('returns a stack without the affected releases and names the advisories it avoided', async () => {
    const { code, stdout } = await run([
      'advise',
      await project('safe', 'requests<2.33\n'),
      ...common('security'),
      '--json',
    ]);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as AdviserDocument;
    const product = document.result.products[0]!;
    const version = (name: string) => product.lock.packages.find((p) => p.name === name)!.version;
    expect(compareVersions(version('urllib3'), '2.2.2')).toBeLessThan(0);
    expect(version('idna')).not.toBe('3.10');
    expect(document.result.parameters.recommendation_type).toBe('security');
    const sieved = document.result.stack_info.filter((j) => j.unit === 'CveSieve');
    expect(sieved.map((j) => [j.package_name, j.advisory_id, j.version_range])).toEqual([
      ['idna', 'PYSEC-test-idna', '==3.10'],
      ['urllib3', 'GHSA-test-urllib3', '>=2.2.2'],
    ]);
    expect(product.justification.filter((j) => j.unit === 'CveWrap').map((j) => j.advisory_id)).toEqual([
      'PYSEC-test-idna',
      'GHSA-test-urllib3',
    ]);
  }, 120_000);

  it('prints the avoided advisories in the text output', async () => {
    const { code, stdout } = await run([
      'advise',
      await project('text', 'requests<2.33\n'),
      ...common('security'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'CveSieve removed urllib3 2.3.0, 2.2.3, 2.2.2: GHSA-test-urllib3/CVE-2099-0101 affects urllib3>=2.2.2',
    );
  }, 120_000);

  it('exits 1 when only affected releases are left, and the derivation names the advisory', async () => {
    const { code, stdout } = await run([
      'advise',
      await project('none', 'requests<2.33\nurllib3>=2.2.2\n'),
      ...common('security'),
      '--json',
      '--no-learn',
    ]);
    expect(code).toBe(1);
    const document = JSON.parse(stdout) as AdviserDocument;
    expect(document.result.products).toEqual([]);
    expect(document.result.error!.derivation!.incompatibilities).toContainEqual(
      expect.objectContaining({
        cause: expect.objectContaining({
          kind: 'unavailable',
          package: 'urllib3',
          reason: 'security',
          detail: 'CveSieve: GHSA-test-urllib3/CVE-2099-0101 affects urllib3>=2.2.2',
        }),
      }),
    );
  }, 120_000);
});
