// Step `advise` on an empty embedded graph: the request resolves to "knowledge missing", so the step
// writes an adviser document with the error, unresolved_count and one UnresolvedPackage payload.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../lib/contracts/index.js';
import type { AdviserDocumentV2 } from '../lib/contracts/index.js';
import { silentLogger } from '../lib/log/index.js';
import { runAdvise } from './advise.js';
import { runEmit } from './emit.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('advise step', () => {
  it('emits UnresolvedPackage payloads when the graph lacks the requirements', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-advise-step-'));
    dirs.push(dir);
    await writeFile(
      join(dir, 'request.json'),
      JSON.stringify({
        application_stack: { requirements: 'requests<2.33\n', requirements_format: 'pip' },
        runtime_environment: { python_version: '3.11', machine: 'x86_64' },
        recommendation_type: 'latest',
      }),
    );
    const io = {
      outputsDir: join(dir, 'out'),
      inputsDir: dir,
      log: silentLogger,
      signal: new AbortController().signal,
    };
    const code = await runAdvise(
      [
        '--recommendation-type=latest',
        '--requirements-format=pip',
        '--python-version=3.11',
        '--beam-width=',
        '--limit=',
        '--count=',
        '--seed=1',
        '--document-id=adviser-0123456789abcdef',
        '--request=/tmp/inputs/request.json',
      ],
      io,
      { THOTH_GRAPH_URL: 'pglite:memory', THOTH_HOME: dir },
    );
    expect(code).toBe(0);
    const document = parseDocument(
      'adviser',
      JSON.parse(await readFile(join(dir, 'out', 'document.json'), 'utf8')),
    );
    expect(document.metadata.document_id).toBe('adviser-0123456789abcdef');
    expect(document.result.error?.code).toBe('unresolved-dependencies');
    expect(await readFile(join(dir, 'out', 'unresolved_count'), 'utf8')).toBe('1');
    const messages = JSON.parse(await readFile(join(dir, 'out', 'messages.json'), 'utf8')) as {
      type: string;
      payload: { package_name: string; specifier: string | null };
    }[];
    expect(messages).toEqual([
      expect.objectContaining({
        type: 'UnresolvedPackage',
        version: 1,
        key: 'pypi:requests',
        payload: expect.objectContaining({ package_name: 'requests', specifier: '<2.33' }),
      }),
    ]);
    // The workflow's emit step publishes exactly this file.
    const emitIo = {
      inputsDir: join(dir, 'out'),
      outputsDir: join(dir, 'emit-out'),
      log: silentLogger,
      signal: new AbortController().signal,
    };
    expect(
      await runEmit(['--messages=/tmp/inputs/messages.json'], emitIo, { THOTH_HOME: join(dir, 'home') }),
    ).toBe(0);
    expect(await readFile(join(dir, 'emit-out', 'sent_count'), 'utf8')).toBe('1');
  }, 60_000);

  it.each([
    {
      name: 'scores requirements_locked as the baseline and asks for its pins the graph lacks',
      lock: 'requests==2.32.3\n',
      check: (document: AdviserDocumentV2, messages: { payload: Record<string, unknown> }[]) => {
        expect(document.metadata.schema_version).toBe(2);
        expect(document.result.baseline).toMatchObject({
          source: 'requirements_locked (requirements.txt)',
          format: 'requirements-txt',
          valid: false,
          score: null,
          reasons: [expect.objectContaining({ kind: 'unknown-package', package_name: 'requests' })],
        });
        expect(messages.map((m) => [m.payload['package_name'], m.payload['package_version']])).toEqual([
          ['requests', null],
          ['requests', '2.32.3'],
        ]);
      },
    },
    {
      name: 'reports a requirements_locked that is not a lock in stack_info',
      lock: 'requests<2.33\n',
      check: (document: AdviserDocumentV2) => {
        expect(document.result.baseline).toBeNull();
        expect(document.result.stack_info.map((j) => j.message)).toContainEqual(
          expect.stringContaining('requirements_locked was not scored as the current lock: '),
        );
      },
    },
  ])(
    '$name',
    async ({ lock, check }) => {
      const dir = await mkdtemp(join(tmpdir(), 'thoth-advise-step-'));
      dirs.push(dir);
      await writeFile(
        join(dir, 'request.json'),
        JSON.stringify({
          application_stack: {
            requirements: 'requests<2.33\n',
            requirements_format: 'pip',
            requirements_locked: lock,
          },
          runtime_environment: { python_version: '3.11', machine: 'x86_64' },
          recommendation_type: 'stable',
        }),
      );
      const io = {
        outputsDir: join(dir, 'out'),
        inputsDir: dir,
        log: silentLogger,
        signal: new AbortController().signal,
      };
      const code = await runAdvise(['--request=/tmp/inputs/request.json'], io, {
        THOTH_GRAPH_URL: 'pglite:memory',
        THOTH_HOME: dir,
      });
      expect(code).toBe(0);
      const document = parseDocument(
        'adviser',
        JSON.parse(await readFile(join(dir, 'out', 'document.json'), 'utf8')),
      ) as AdviserDocumentV2;
      const messages = JSON.parse(await readFile(join(dir, 'out', 'messages.json'), 'utf8')) as {
        payload: Record<string, unknown>;
      }[];
      check(document, messages);
    },
    60_000,
  );
});
