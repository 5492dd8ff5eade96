// Step `dependency-monkey` on a small embedded graph (three valid stacks): `all` writes a document with
// every stack and the reason it fell short of --count; an empty graph gives UnresolvedPackage payloads;
// a decision type the schema does not know is refused with exit code 2.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGraph } from '../lib/adviser/dependency-monkey/__fixtures__/graph.js';
import { parseDocument } from '../lib/contracts/index.js';
import { PgliteGraphStore } from '../lib/graph/index.js';
import { silentLogger } from '../lib/log/index.js';
import { runDependencyMonkey } from './dependency-monkey.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thoth-dm-step-'));
  const graph = await PgliteGraphStore.open(join(dir, 'graph'));
  try {
    await seedGraph(graph);
  } finally {
    await graph.close();
  }
  await mkdir(join(dir, 'in'));
  await writeFile(
    join(dir, 'in', 'request.json'),
    JSON.stringify({
      application_stack: { requirements: 'app\n', requirements_format: 'pip', requirements_locked: null },
      runtime_environment: { python_version: '3.11', machine: 'x86_64' },
      context: { base: 'quay.io/fedora/python-311' },
    }),
  );
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const io = (out: string) => ({
  inputsDir: join(dir, 'in'),
  outputsDir: join(dir, out),
  log: silentLogger,
  signal: new AbortController().signal,
});

const args = (decision: string, count: string) => [
  `--decision-type=${decision}`,
  `--count=${count}`,
  '--seed=42',
  '--python-version=3.11',
  '--document-id=dependency-monkey-0123456789abcdef',
  '--request=/tmp/inputs/request.json',
];

describe('dependency-monkey step', () => {
  it('writes every stack and why there are fewer than asked', async () => {
    const code = await runDependencyMonkey(args('all', '10'), io('out-all'), {
      THOTH_GRAPH_URL: `pglite:${join(dir, 'graph')}`,
      THOTH_HOME: dir,
    });
    expect(code).toBe(0);
    const document = parseDocument(
      'dependency-monkey',
      JSON.parse(await readFile(join(dir, 'out-all', 'document.json'), 'utf8')),
    );
    const stacks = document.result.report.responses.map((r) =>
      r.product.lock.packages.map((p) => `${p.name}==${p.version}`).join(' '),
    );
    expect(stacks).toEqual(['app==2.0 lib==2.0', 'app==2.0 lib==1.0', 'app==1.0']);
    expect(document.result.parameters).toMatchObject({ decision_type: 'all', count: 10, dry_run: true });
    expect(document.result.error).toMatchObject({ code: 'fewer-stacks-than-requested' });
    expect(await readFile(join(dir, 'out-all', 'stack_count'), 'utf8')).toBe('3');
    expect(await readFile(join(dir, 'out-all', 'unresolved_count'), 'utf8')).toBe('0');
  }, 60_000);

  it('emits UnresolvedPackage payloads when the graph lacks the requirements', async () => {
    const code = await runDependencyMonkey(args('random', '2'), io('out-empty'), {
      THOTH_GRAPH_URL: 'pglite:memory',
      THOTH_HOME: dir,
    });
    expect(code).toBe(0);
    const messages = JSON.parse(await readFile(join(dir, 'out-empty', 'messages.json'), 'utf8')) as unknown[];
    expect(messages).toEqual([
      expect.objectContaining({
        type: 'UnresolvedPackage',
        key: 'pypi:app',
        payload: expect.objectContaining({
          package_name: 'app',
          requested_by: { kind: 'dependency-monkey', document_id: 'dependency-monkey-0123456789abcdef' },
        }),
      }),
    ]);
  }, 60_000);

  it('refuses an unknown decision type with exit code 2', async () => {
    const code = await runDependencyMonkey(args('sampling', '2'), io('out-bad'), { THOTH_HOME: dir });
    expect(code).toBe(2);
  });
});
