// Step `advise` on an empty embedded graph: the request resolves to "knowledge missing", so the step
// writes an adviser document with the error, unresolved_count and one UnresolvedPackage payload.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../lib/contracts/index.js';
import type { AdviserDocumentV2 } from '../lib/contracts/index.js';
import { stepIo } from './__fixtures__/step-io.js';
import type { TestStepIo } from './__fixtures__/step-io.js';
import { runAdvise } from './advise.js';
import { runEmit } from './emit.js';

/** io whose inputs hold request.json with `fields` (an advise request). */
async function requestIo(fields: Record<string, unknown>): Promise<TestStepIo> {
  const io = await stepIo();
  await writeFile(join(io.inputsDir, 'request.json'), JSON.stringify(fields));
  return io;
}

/** The environment of a run: an in-memory graph, THOTH_HOME in the run's directory. */
const envOf = (io: TestStepIo) => ({ THOTH_GRAPH_URL: 'pglite:memory', THOTH_HOME: io.dir });

describe('advise step', () => {
  it('emits UnresolvedPackage payloads when the graph lacks the requirements', async () => {
    const io = await requestIo({
      application_stack: { requirements: 'requests<2.33\n', requirements_format: 'pip' },
      runtime_environment: { python_version: '3.11', machine: 'x86_64' },
      recommendation_type: 'latest',
    });
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
      envOf(io),
    );
    expect(code).toBe(0);
    const document = parseDocument('adviser', await io.outputJson('document.json'));
    expect(document.metadata.document_id).toBe('adviser-0123456789abcdef');
    expect(document.result.error?.code).toBe('unresolved-dependencies');
    expect(await io.output('unresolved_count')).toBe('1');
    expect(await io.outputJson('messages.json')).toEqual([
      expect.objectContaining({
        type: 'UnresolvedPackage',
        version: 1,
        key: 'pypi:requests',
        payload: expect.objectContaining({ package_name: 'requests', specifier: '<2.33' }),
      }),
    ]);
    // The workflow's emit step publishes exactly this file.
    const emitIo = await stepIo({ inputsDir: io.outputsDir });
    expect(
      await runEmit(['--messages=/tmp/inputs/messages.json'], emitIo, { THOTH_HOME: join(io.dir, 'home') }),
    ).toBe(0);
    expect(await emitIo.output('sent_count')).toBe('1');
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
      const io = await requestIo({
        application_stack: {
          requirements: 'requests<2.33\n',
          requirements_format: 'pip',
          requirements_locked: lock,
        },
        runtime_environment: { python_version: '3.11', machine: 'x86_64' },
        recommendation_type: 'stable',
      });
      const code = await runAdvise(['--request=/tmp/inputs/request.json'], io, envOf(io));
      expect(code).toBe(0);
      const document = parseDocument('adviser', await io.outputJson('document.json')) as AdviserDocumentV2;
      const messages = await io.outputJson<{ payload: Record<string, unknown> }[]>('messages.json');
      check(document, messages);
    },
    60_000,
  );
});
