// `thoth advise` end to end in process: the loopback index over the recorded requests<2.33 corpus,
// THOTH_HOME in a temporary directory (embedded PGlite graph, artifact directory, workflow run
// records), learning through the embedded pipeline (UnresolvedPackage → investigator → thoth-solve
// workflows → SolvedPackage → AdviserReRun); the run records and the index's request counters show
// whether a run did solver work.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPackageIndex, loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { Corpus, LoopbackIndex } from '../../lib/index/index.js';
import { RunStateStore } from '../../lib/workflows/index.js';
import { runThoth } from '../__fixtures__/run-thoth.js';
import type { ThothRun } from '../__fixtures__/run-thoth.js';

let corpus: Corpus;
let server: LoopbackIndex;
let home: string;

beforeAll(async () => {
  corpus = await loadCorpus(
    new URL('../../lib/index/__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname,
  );
  server = await serveCorpus(corpus, {});
  home = await mkdtemp(join(tmpdir(), 'thoth-advise-'));
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

const run = (args: string[]): Promise<ThothRun> => runThoth(args, { THOTH_HOME: join(home, 'thoth') });

async function project(name: string, text: string): Promise<string> {
  const dir = join(home, name);
  await rm(dir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  await writeFile(join(dir, 'requirements.txt'), text);
  return dir;
}

const COMMON = () => [
  '--python-version',
  '3.11',
  '--index-url',
  server.url,
  '--recommendation-type',
  'latest',
];

describe('thoth advise', () => {
  it('learns on a cold graph and writes a lock whose pins and hashes come from the corpus', async () => {
    const dir = await project('cold', 'requests<2.33\n');
    const { code, stdout, stderr } = await run(['advise', join(dir, 'requirements.txt'), ...COMMON()]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/learned \d+ packages/);
    // Learning went through the local engine: every release solved by its own thoth-solve workflow
    // (solve → graph-sync → emit), all finished, with the environment of this advise run.
    const records = await new RunStateStore(join(home, 'thoth', 'workflows')).list();
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.template))).toEqual(new Set(['thoth-solve']));
    expect(records.every((r) => r.phase === 'Succeeded')).toBe(true);
    expect(new Set(records.map((r) => r.parameters['package_name']))).toEqual(
      new Set(['requests', 'urllib3', 'idna', 'certifi', 'charset-normalizer']),
    );
    for (const r of records)
      expect(r.nodes.filter((n) => n.type === 'Pod').map((n) => n.templateName.split('/').pop())).toEqual(
        expect.arrayContaining(['solve', 'graph-sync', 'emit']),
      );
    const lock = await readFile(join(dir, 'requirements.lock.txt'), 'utf8');
    const pins = [...lock.matchAll(/^([a-z0-9-]+)==(\S+)/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(pins.map(([n]) => n)).toEqual(expect.arrayContaining(['requests', 'urllib3', 'idna', 'certifi']));
    expect(pins.find(([n]) => n === 'requests')![1]).toBe('2.32.3');
    const index = new HttpPackageIndex({ indexUrls: [server.url] });
    for (const [name, version] of pins) {
      const entry = corpus.projects.get(name);
      expect(entry?.versions).toContain(version);
      // The loopback index serves stub files for the recorded names: its page has their digests.
      const page = await index.getProject(name);
      if (page.kind !== 'project') throw new Error(`${name} is not on the loopback index`);
      const files = page.files.filter(
        (f) =>
          f.filename.replace(/_/g, '-').startsWith(`${name}-${version}-`) ||
          f.filename.startsWith(`${name.replace(/-/g, '_')}-${version}.`) ||
          f.filename.startsWith(`${name}-${version}.`),
      );
      expect(files.length).toBeGreaterThan(0);
      const block = lock.slice(lock.indexOf(`${name}==${version}`)).split(/\n(?=\S)/)[0]!;
      const hashes = [...block.matchAll(/--hash=sha256:([0-9a-f]{64})/g)].map((m) => m[1]);
      expect(hashes.length).toBeGreaterThan(0);
      for (const h of hashes) expect(files.map((f) => f.hashes['sha256'])).toContain(h);
    }
    await index.close();
  }, 120_000);

  it('answers a second run from the graph without asking the index', async () => {
    const dir = await project('warm', 'requests<2.33\n');
    const before = { ...server.counters };
    const state = new RunStateStore(join(home, 'thoth', 'workflows'));
    const workflowsBefore = (await state.list()).length;
    const { code, stdout } = await run(['advise', join(dir, 'requirements.txt'), ...COMMON(), '--json']);
    expect(code).toBe(0);
    expect(server.counters.requests).toBe(before.requests);
    // No solve workflow ran: the graph answered alone.
    expect((await state.list()).length).toBe(workflowsBefore);
    const document = JSON.parse(stdout) as {
      result: { products: { lock: { packages: { name: string }[] } }[] };
    };
    expect(document.result.products[0]!.lock.packages.map((p) => p.name)).toContain('requests');
    expect(await readdir(dir)).toContain('requirements.lock.txt');
  }, 60_000);

  it('names an unknown package, exits non-zero and writes nothing', async () => {
    const dir = await project('unknown', 'no-such-package-thoth\n');
    const { code, stdout } = await run(['advise', join(dir, 'requirements.txt'), ...COMMON()]);
    expect(code).toBe(1);
    expect(stdout).toContain(`package no-such-package-thoth was not found on ${server.url}`);
    expect(await readdir(dir)).toEqual(['requirements.txt']);
  }, 60_000);

  it('shows the derivation of an unsatisfiable set and exits 1', async () => {
    const dir = await project('conflict', 'requests>=2.30\nurllib3<1.21\n');
    const { code, stdout } = await run(['advise', join(dir, 'requirements.txt'), ...COMMON()]);
    expect(stdout).toMatch(/Because .*we can conclude/s);
    expect(code).toBe(1);
    expect(await readdir(dir)).toEqual(['requirements.txt']);
  }, 60_000);

  it('refuses a malformed requirements file with file:line and exit 2', async () => {
    const dir = await project('malformed', 'requests<2.33\nflask>>=2\n');
    const { code, stderr } = await run(['advise', join(dir, 'requirements.txt'), ...COMMON()]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'requirements.txt')}:2`);
    expect(await readdir(dir)).toEqual(['requirements.txt']);
  });

  it('applies --prescription and --label, and refuses malformed ones with exit 2', async () => {
    const dir = await project('prescribed', 'requests<2.33\n');
    const examples = new URL('../../examples/prescriptions', import.meta.url).pathname;
    const args = ['advise', join(dir, 'requirements.txt'), ...COMMON(), '--json'];
    const { code, stdout } = await run([...args, '--prescription', examples, '--label', 'team=ci']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { result: { parameters: { prescriptions: string[] } } };
    expect(document.result.parameters.prescriptions).toEqual(['example@2024.06.01']);

    const badLabel = await run([...args, '--label', 'team']);
    expect(badLabel.code).toBe(2);
    expect(badLabel.stderr).toContain('--label "team" must be key=value');
    const missing = await run([...args, '--prescription', join(dir, 'no-such-prescriptions')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-prescriptions');
  }, 60_000);
});
