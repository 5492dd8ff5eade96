import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphStats } from '../lib/graph/index.js';
import { importOsvRecords, readOsvDirectory } from '../lib/security/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import { release, solverDocument } from '../lib/graph/sync/__fixtures__/solver-documents.js';
import { withHomeGraph } from './__fixtures__/graph.js';
import { stepIo, thothHome } from './__fixtures__/step-io.js';
import { parseGraphSyncArgs, runGraphSync } from './graph-sync.js';

describe('graph-sync arguments', () => {
  it.each([
    [['--document-id', 'x'], '--document-id needs --document-type'],
    [['--all', '--rebuild'], 'exactly one of'],
    [['--document-type', 'nope', '--all'], 'unknown --document-type "nope"'],
    [['--all', '--since', 'yesterday'], '--since "yesterday" is not a date'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--all', '--force-sync', 'yes'], '--force-sync must be true or false'],
    [['--document', 'x.json'], '--document needs --document-type and --document-id'],
  ])('%j is refused with a one-line reason', (argv, message) => {
    expect(() => parseGraphSyncArgs(argv)).toThrow(message);
  });
});

describe('graph-sync step', () => {
  it('syncs one document, then all, into the graph the environment names; bad input exits 2', async () => {
    const { home, env } = await thothHome();
    const docs = openDocuments(readRuntimeConfig(env));
    await docs.putDocument('solver', 'solver-a', solverDocument('solver-a', [release('six', '1.16.0')]));
    await docs.putDocument('solver', 'solver-b', solverDocument('solver-b', [release('idna', '3.7')]));

    const one = await stepIo();
    expect(await runGraphSync(['--document-type', 'solver', '--document-id', 'solver-a'], one, env)).toBe(0);
    const result = await one.outputJson<{ synced: unknown[] }>('sync-result.json');
    expect(result.synced).toEqual([{ kind: 'solver', documentId: 'solver-a', releases: 1 }]);

    expect(await runGraphSync(['--all'], await stepIo(), env)).toBe(0);
    expect((await withHomeGraph(home, graphStats)).releases).toBe(2);

    // From an input artifact, as the workflow template passes it; a mismatched id is refused.
    const fromFile = await stepIo();
    await writeFile(
      join(fromFile.inputsDir, 'document.json'),
      JSON.stringify(solverDocument('solver-c', [release('certifi', '2024.2.2')])),
    );
    const args = [
      '--document-type=solver',
      '--document-id=solver-c',
      '--force-sync=false',
      '--document=/tmp/inputs/document.json',
    ];
    expect(await runGraphSync(args, fromFile, env)).toBe(0);
    expect(
      await runGraphSync([...args.slice(0, 1), '--document-id=solver-x', ...args.slice(2)], fromFile, env),
    ).toBe(2);
    // A document that fails its schema exits 3 (contract violation), never retried.
    await writeFile(join(fromFile.inputsDir, 'document.json'), '{"metadata": {"analyzer": "thoth-solver"}}');
    expect(await runGraphSync(args, fromFile, env)).toBe(3);

    expect(await runGraphSync(['--all', '--rebuild'], await stepIo(), env)).toBe(2);
    expect(await runGraphSync(['--all'], await stepIo(), { ...env, THOTH_GRAPH_URL: 'mysql://x' })).toBe(2);
  }, 180_000); // opens the embedded graph seven times: several seconds each on a loaded 2-core machine

  it('links a synced release to an advisory already in the graph', async () => {
    const { home, env } = await thothHome();
    await withHomeGraph(home, (graph) =>
      importOsvRecords(
        graph,
        readOsvDirectory(join(import.meta.dirname, '..', 'cli', '__fixtures__', 'advisories')),
      ),
    );
    const docs = openDocuments(readRuntimeConfig(env));
    await docs.putDocument(
      'solver',
      'solver-j',
      solverDocument('solver-j', [release('jinja2', '2.10.1'), release('jinja2', '3.1.4')]),
    );
    expect(
      await runGraphSync(['--document-type=solver', '--document-id=solver-j'], await stepIo(), env),
    ).toBe(0);
    const rows = await withHomeGraph(home, (graph) =>
      graph.query<{ version: string }>(
        `SELECT r.version FROM advisory_affected_release a JOIN python_release r ON r.id = a.release_id ORDER BY 1`,
      ),
    );
    // 2.10.1 lies inside the advisory's range (fixed in 2.11.3); 3.1.4 does not.
    expect(rows).toEqual([{ version: '2.10.1' }]);
  }, 120_000);
});
