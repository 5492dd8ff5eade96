// Step `provenance-check` against a loopback index over the recorded requests corpus and an embedded
// graph that knows nothing yet: run as the step image runs it (`npx tsx steps/thoth-step.ts …`) it
// writes a schema-valid provenance document; run in process it also writes one UnresolvedPackage
// payload per release the graph lacks, and refuses a request without a lock with exit code 2.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lockedPackages,
  PIPFILE,
  stackOf,
  startIndexes,
  writeLock,
} from '../lib/adviser/provenance/__fixtures__/indexes.js';
import type { TestIndexes } from '../lib/adviser/provenance/__fixtures__/indexes.js';
import { parseDocument } from '../lib/contracts/index.js';
import { stepIo } from './__fixtures__/step-io.js';
import type { TestStepIo } from './__fixtures__/step-io.js';
import { runProvenanceCheck } from './provenance-check.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

let ix: TestIndexes;
beforeAll(async () => {
  ix = await startIndexes();
});
afterAll(async () => {
  await ix?.close();
});

/** io whose inputs hold request.json, a provenance request for `lockText`. */
async function requestIo(lockText: string | null, format: 'pipenv' | 'pip' = 'pipenv'): Promise<TestStepIo> {
  const io = await stepIo();
  await writeFile(
    join(io.inputsDir, 'request.json'),
    JSON.stringify({
      application_stack: {
        requirements: format === 'pipenv' ? PIPFILE : 'requests\n',
        requirements_format: format,
        requirements_locked: lockText,
      },
      allowed_indexes: null,
    }),
  );
  return io;
}

async function yankedLock(): Promise<string> {
  const packages = await lockedPackages(ix.publicUrl, [
    ['requests', '2.32.0'],
    ['idna', '3.7'],
  ]);
  return writeLock.pipfileLock(stackOf(packages, [{ name: 'public', url: ix.publicUrl, verifySsl: true }]));
}

describe('provenance-check step', () => {
  it('writes the document when run as `thoth-step provenance-check`', async () => {
    const io = await requestIo(await yankedLock());
    const { stderr } = await run(
      'npx',
      [
        'tsx',
        'steps/thoth-step.ts',
        'provenance-check',
        '--whitelisted-sources=',
        '--document-id=provenance-checker-0123456789abcdef',
        '--request=/tmp/inputs/request.json',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          THOTH_STEP_INPUTS: io.inputsDir,
          THOTH_STEP_OUTPUTS: io.outputsDir,
          THOTH_GRAPH_URL: 'pglite:memory',
          THOTH_HOME: io.dir,
          THOTH_LOG_LEVEL: 'silent',
        },
      },
    );
    expect(stderr.replace(/npm warn[^\n]*\n?/g, '')).toBe('');
    const document = parseDocument('provenance-checker', await io.outputJson('document.json'));
    expect(document.metadata).toMatchObject({
      document_id: 'provenance-checker-0123456789abcdef',
      schema_version: 2,
    });
    expect(document.result.error).toBeNull();
    expect(document.result.findings.map((f) => [f.type, f.id, f.package_name])).toEqual([
      ['warning', 'yanked', 'requests'],
    ]);
    expect(await io.output('error_count')).toBe('0');
    expect(await io.output('unresolved_count')).toBe('2');
  }, 120_000);

  it('emits UnresolvedPackage for releases the graph lacks and honours --whitelisted-sources', async () => {
    const io = await requestIo(await yankedLock());
    const code = await runProvenanceCheck(
      [
        '--whitelisted-sources=https://pypi.org/simple',
        '--document-id=provenance-checker-0123456789abcdef',
        '--request=/tmp/inputs/request.json',
      ],
      io,
      { THOTH_GRAPH_URL: 'pglite:memory', THOTH_HOME: io.dir },
    );
    expect(code).toBe(0);
    const document = parseDocument('provenance-checker', await io.outputJson('document.json'));
    expect(document.result.allowed_indexes).toEqual(['https://pypi.org/simple']);
    expect(document.result.findings[0]).toMatchObject({ type: 'error', id: 'source-not-allowed' });
    expect(await io.output('error_count')).toBe('1');
    expect(await io.outputJson('messages.json')).toEqual([
      expect.objectContaining({
        type: 'UnresolvedPackage',
        key: 'pypi:idna:3.7',
        payload: expect.objectContaining({
          package_name: 'idna',
          package_version: '3.7',
          index_url: ix.publicUrl,
          environment: null,
          requested_by: { kind: 'provenance-checker', document_id: 'provenance-checker-0123456789abcdef' },
        }),
      }),
      expect.objectContaining({ key: 'pypi:requests:2.32.0' }),
    ]);
  }, 60_000);

  it('refuses a request without a lock with exit code 2 and writes nothing', async () => {
    const io = await requestIo(null, 'pip');
    const code = await runProvenanceCheck(
      ['--document-id=provenance-checker-0123456789abcdef', '--request=/tmp/inputs/request.json'],
      io,
      { THOTH_GRAPH_URL: 'pglite:memory', THOTH_HOME: io.dir },
    );
    expect(code).toBe(2);
    expect(existsSync(join(io.outputsDir, 'document.json'))).toBe(false);
  });
});
