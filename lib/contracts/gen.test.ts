// scripts/gen-types.mjs: the committed *.gen.ts files match the schemas, and --check notices a stale file
// or a broken convention (run on a throw-away copy of the generator, schemas and generated files).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const copies: string[] = [];

/** A minimal copy of the repository holding what the generator reads and writes. */
function copyOfRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thoth-gen-'));
  copies.push(dir);
  cpSync(join(REPO, 'scripts', 'gen-types.mjs'), join(dir, 'scripts', 'gen-types.mjs'));
  cpSync(join(REPO, 'schemas'), join(dir, 'schemas'), { recursive: true });
  cpSync(join(REPO, 'lib', 'contracts'), join(dir, 'lib', 'contracts'), {
    recursive: true,
    filter: (src) => !/\.ts$/.test(src) || src.endsWith('.gen.ts'),
  });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function runGen(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(dir, 'scripts', 'gen-types.mjs'), ...args], {
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('gen-types', () => {
  it('finds the committed generated files up to date', () => {
    const out = execFileSync(process.execPath, [join(REPO, 'scripts', 'gen-types.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(out).toContain('up to date');
  });

  it('reports a stale file in --check mode and regenerates it without --check', () => {
    const dir = copyOfRepo();
    const schema = join(dir, 'schemas', 'messages', 'missing-version.v1.json');
    const json = JSON.parse(readFileSync(schema, 'utf8')) as { description: string };
    json.description = 'Changed description.';
    writeFileSync(schema, JSON.stringify(json));

    const check = runGen(dir, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('lib/contracts/types.gen.ts');
    expect(check.stderr).toContain('lib/contracts/schemas.gen.ts');

    expect(runGen(dir).status).toBe(0);
    expect(readFileSync(join(dir, 'lib', 'contracts', 'types.gen.ts'), 'utf8')).toContain(
      'Changed description.',
    );
  });

  it('refuses a message schema whose file name does not match its type', () => {
    const dir = copyOfRepo();
    const from = join(dir, 'schemas', 'messages', 'cve-provided.v1.json');
    const json = JSON.parse(readFileSync(from, 'utf8')) as { title: string };
    json.title = 'CveProvidedTwice';
    writeFileSync(from, JSON.stringify(json));
    const run = runGen(dir, '--check');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'messages/cve-provided.v1.json: message type CveProvidedTwice must live in messages/cve-provided-twice.v1.json',
    );
  });
});
