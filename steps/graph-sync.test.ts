import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/log/index.js';
import { graphStats, PgliteGraphStore } from '../lib/graph/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import { release, solverDocument } from '../lib/graph/sync/__fixtures__/solver-documents.js';
import { parseGraphSyncArgs, runGraphSync } from './graph-sync.js';

async function io(): Promise<{
  outputsDir: string;
  inputsDir: string;
  log: typeof silentLogger;
  signal: AbortSignal;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'thoth-step-'));
  return {
    outputsDir: join(dir, 'out'),
    inputsDir: join(dir, 'in'),
    log: silentLogger,
    signal: new AbortController().signal,
  };
}

describe('graph-sync arguments', () => {
  it.each([
    [['--document-id', 'x'], '--document-id needs --document-type'],
    [['--all', '--rebuild'], 'exactly one of'],
    [['--document-type', 'nope', '--all'], 'unknown --document-type "nope"'],
    [['--all', '--since', 'yesterday'], '--since "yesterday" is not a date'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j is refused with a one-line reason', (argv, message) => {
    expect(() => parseGraphSyncArgs(argv)).toThrow(message);
  });
});

describe('graph-sync step', () => {
  it('syncs one document, then all, into the graph the environment names; bad input exits 2', async () => {
    const home = await mkdtemp(join(tmpdir(), 'thoth-home-'));
    const env = { THOTH_HOME: home };
    const docs = openDocuments(readRuntimeConfig(env));
    await docs.putDocument('solver', 'solver-a', solverDocument('solver-a', [release('six', '1.16.0')]));
    await docs.putDocument('solver', 'solver-b', solverDocument('solver-b', [release('idna', '3.7')]));

    const one = await io();
    expect(await runGraphSync(['--document-type', 'solver', '--document-id', 'solver-a'], one, env)).toBe(0);
    const result = JSON.parse(await readFile(join(one.outputsDir, 'sync-result.json'), 'utf8')) as {
      synced: unknown[];
    };
    expect(result.synced).toEqual([{ kind: 'solver', documentId: 'solver-a', releases: 1 }]);

    expect(await runGraphSync(['--all'], await io(), env)).toBe(0);
    const graph = await PgliteGraphStore.open(join(home, 'graph'));
    expect((await graphStats(graph)).releases).toBe(2);
    await graph.close();

    expect(await runGraphSync(['--all', '--rebuild'], await io(), env)).toBe(2);
    expect(await runGraphSync(['--all'], await io(), { ...env, THOTH_GRAPH_URL: 'mysql://x' })).toBe(2);
  });
});
