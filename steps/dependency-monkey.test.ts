// Step `dependency-monkey` on a small embedded graph (three valid stacks): `all` writes a document with
// every stack and the reason it fell short of --count; an empty graph gives UnresolvedPackage payloads;
// a decision type the schema does not know is refused with exit code 2.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedGraph } from '../lib/adviser/dependency-monkey/__fixtures__/graph.js';
import { parseDocument } from '../lib/contracts/index.js';
import { PgliteGraphStore } from '../lib/graph/index.js';
import { stepIo, tempDir } from './__fixtures__/step-io.js';
import { runDependencyMonkey } from './dependency-monkey.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('thoth-dm-step-');
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
/** io of one run: the shared request as input, outputs of its own. */
const runIo = () => stepIo({ inputsDir: join(dir, 'in') });

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
    const io = await runIo();
    const code = await runDependencyMonkey(args('all', '10'), io, {
      THOTH_GRAPH_URL: `pglite:${join(dir, 'graph')}`,
      THOTH_HOME: dir,
    });
    expect(code).toBe(0);
    const document = parseDocument('dependency-monkey', await io.outputJson('document.json'));
    const stacks = document.result.report.responses.map((r) =>
      r.product.lock.packages.map((p) => `${p.name}==${p.version}`).join(' '),
    );
    expect(stacks).toEqual(['app==2.0 lib==2.0', 'app==2.0 lib==1.0', 'app==1.0']);
    expect(document.result.parameters).toMatchObject({ decision_type: 'all', count: 10, dry_run: true });
    expect(document.result.error).toMatchObject({ code: 'fewer-stacks-than-requested' });
    expect(await io.output('stack_count')).toBe('3');
    expect(await io.output('unresolved_count')).toBe('0');
  }, 60_000);

  it('emits UnresolvedPackage payloads when the graph lacks the requirements', async () => {
    const io = await runIo();
    const code = await runDependencyMonkey(args('random', '2'), io, {
      THOTH_GRAPH_URL: 'pglite:memory',
      THOTH_HOME: dir,
    });
    expect(code).toBe(0);
    expect(await io.outputJson('messages.json')).toEqual([
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
    const code = await runDependencyMonkey(args('sampling', '2'), await runIo(), { THOTH_HOME: dir });
    expect(code).toBe(2);
  });
});
