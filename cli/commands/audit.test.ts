// `thoth audit` against a temporary embedded graph holding one OSV test advisory
// (cli/__fixtures__/advisories), imported the way `lib/security/osv` imports records.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../lib/graph/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { importOsvRecords, readOsvDirectory } from '../../lib/security/index.js';
import { main } from '../thoth.js';

const ADVISORIES = join(import.meta.dirname, '..', '__fixtures__', 'advisories');

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

let home: string;
let dir: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'thoth-cli-audit-'));
  dir = await mkdtemp(join(tmpdir(), 'thoth-cli-audit-locks-'));
  const graph = await openGraph(readRuntimeConfig({ THOTH_HOME: home }).graph);
  try {
    await migrate(graph);
    const imported = await importOsvRecords(graph, readOsvDirectory(ADVISORIES));
    expect(imported).toMatchObject({ read: 1, imported: 1 });
  } finally {
    await graph.close();
  }
  await writeFile(
    join(dir, 'affected.txt'),
    '# lock\nJinja2==2.10.1 \\\n    --hash=sha256:abc\nsix==1.16.0\n',
  );
  await writeFile(join(dir, 'clean.txt'), 'jinja2==3.1.4\nsix==1.16.0\n');
  await writeFile(join(dir, 'bad.txt'), 'six==1.16.0\nrequests>=2\n');
});

describe('thoth audit', () => {
  it('reports the advisory affecting a pin as JSON and exits 1', async () => {
    const { code, stdout } = await run(['audit', join(dir, 'affected.txt'), '--json'], { THOTH_HOME: home });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      audited: 2,
      findings: [
        {
          packageName: 'jinja2',
          version: '2.10.1',
          advisoryId: 'PYSEC-0000-CLI1',
          aliases: ['CVE-0000-9001'],
          matchedBy: 'range',
          fixedIn: ['2.11.3'],
          links: ['https://example.org/advisories/PYSEC-0000-CLI1'],
        },
      ],
    });
  });

  it.each([
    {
      lock: 'affected.txt',
      code: 1,
      lines: [
        'jinja2==2.10.1  PYSEC-0000-CLI1 (CVE-0000-9001)',
        'fixed in 2.11.3',
        '2 pins audited, 1 finding(s)',
      ],
    },
    { lock: 'clean.txt', code: 0, lines: ['2 pins audited, no known advisories'] },
  ])('prints text for $lock and exits $code', async ({ lock, code, lines }) => {
    const result = await run(['audit', join(dir, lock)], { THOTH_HOME: home });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(code);
    for (const line of lines) expect(result.stdout).toContain(line);
  });

  it.each([
    ['bad.txt', 'bad.txt: line 2: "requests>=2" is not a name==version pin'],
    ['missing.txt', 'cannot read'],
  ])('refuses %s with exit code 2', async (lock, message) => {
    const { code, stderr } = await run(['audit', join(dir, lock)], { THOTH_HOME: home });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
