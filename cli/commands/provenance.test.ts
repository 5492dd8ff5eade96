// `thoth provenance` against two loopback indexes over the recorded requests corpus and an embedded
// graph in a temporary THOTH_HOME: a clean lock exits 0, a changed hash exits 1 naming package, file
// and both digests, --json prints a schema-valid document, usage errors exit 2.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lockedPackages,
  PIPFILE,
  stackOf,
  startIndexes,
  writeLock,
} from '../../lib/adviser/provenance/__fixtures__/indexes.js';
import type { TestIndexes } from '../../lib/adviser/provenance/__fixtures__/indexes.js';
import { parseDocument } from '../../lib/contracts/index.js';
import { main } from '../thoth.js';

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

let ix: TestIndexes;
let dir: string;
let env: Record<string, string>;
let forged: { digest: string; served: string };
beforeAll(async () => {
  ix = await startIndexes();
  dir = await mkdtemp(join(tmpdir(), 'thoth-cli-provenance-'));
  env = { THOTH_HOME: join(dir, 'home'), NO_COLOR: '1' };
  const sources = [{ name: 'public', url: ix.publicUrl, verifySsl: true }];
  const packages = await lockedPackages(ix.publicUrl);
  await writeFile(join(dir, 'Pipfile'), PIPFILE);
  await writeFile(join(dir, 'Pipfile.lock'), writeLock.pipfileLock(stackOf(packages, sources)));
  const idna = packages.find((p) => p.name === 'idna')!;
  forged = { digest: '0'.repeat(64), served: idna.files[0]!.sha256 };
  idna.files = [{ ...idna.files[0]!, sha256: forged.digest }];
  await writeFile(join(dir, 'requirements.txt'), writeLock.requirementsTxt(stackOf(packages, sources)));
}, 60_000);
afterAll(async () => {
  await ix?.close();
});

describe('thoth provenance', () => {
  it('exits 0 on a clean lock and says how many packages it checked', async () => {
    const result = await run(
      ['provenance', join(dir, 'Pipfile.lock'), '--pipfile', join(dir, 'Pipfile')],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('5 packages checked: 0 errors, 0 warnings\n');
    expect(result.code).toBe(0);
  }, 60_000);

  it('exits 1 naming package, file and both digests when a hash changed', async () => {
    const result = await run(['provenance', join(dir, 'requirements.txt')], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error   invalid-artifact-hash: idna 3.10: the lock has sha256');
    expect(result.stdout).toContain('idna-3.10-py3-none-any.whl');
    expect(result.stdout).toContain(forged.digest);
    expect(result.stdout).toContain(forged.served);
    expect(result.stdout).toContain('5 packages checked: 1 errors, 0 warnings');
  }, 60_000);

  it('prints the provenance document with --json and refuses indexes outside --index-url', async () => {
    const result = await run(
      ['provenance', join(dir, 'Pipfile.lock'), '--index-url', 'https://pypi.org/simple', '--json'],
      env,
    );
    expect(result.code).toBe(1);
    const document = parseDocument('provenance-checker', JSON.parse(result.stdout));
    expect(document.result.allowed_indexes).toEqual(['https://pypi.org/simple']);
    expect(document.result.findings[0]).toMatchObject({
      type: 'error',
      id: 'source-not-allowed',
      index_url: ix.publicUrl,
    });
  }, 60_000);

  it.each([
    [['provenance', 'missing.lock'], 'cannot read missing.lock'],
    [['provenance', 'x.txt', '--index-url', 'not a url'], '--index-url "not a url" is not an http(s) URL'],
    // commander prints its own usage errors; only the exit code is ours.
    [['provenance'], ''],
  ])('exits 2 on %j', async (argv, message) => {
    const result = await run(argv, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
