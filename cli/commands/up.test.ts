// `thoth up --once` in process on the embedded defaults (THOTH_HOME in a temporary directory): an
// UnresolvedPackage already waiting on the persisted embedded bus is turned by the investigator into a
// thoth-solve workflow whose result lands in the graph, and every periodic job runs once. The index is
// the loopback server over the recorded requests corpus; advisories come from a fixture directory.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnresolvedPackage } from '../../lib/contracts/index.js';
import type { MessageEnvelope } from '../../lib/contracts/index.js';
import { solvedVersions } from '../../lib/graph/index.js';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { EmbeddedMessageBus, contractCodec } from '../../lib/messaging/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { RunStateStore } from '../../lib/workflows/index.js';
import { main } from '../thoth.js';

let server: LoopbackIndex;
let home: string;

beforeAll(async () => {
  const corpus = await loadCorpus(
    new URL('../../lib/index/__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname,
  );
  server = await serveCorpus(corpus, {});
  home = await mkdtemp(join(tmpdir(), 'thoth-up-'));
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

/** An UnresolvedPackage as graph-refresh or an adviser would announce it. */
function unresolvedEnvelope(indexUrl: string, name: string, version: string): MessageEnvelope {
  return {
    id: randomUUID(),
    type: 'UnresolvedPackage',
    version: 1,
    key: `pypi:${name}:${version}`,
    occurred_at: new Date().toISOString(),
    producer: { component: 'test', version: '0' },
    correlation_id: randomUUID(),
    causation_id: null,
    payload: parseUnresolvedPackage({
      package_name: name,
      package_version: version,
      specifier: null,
      index_url: indexUrl,
      environment: null,
      requested_by: null,
    }) as unknown as MessageEnvelope['payload'],
  };
}

describe('thoth up --once (embedded defaults)', () => {
  it('runs the periodic jobs once and turns a waiting UnresolvedPackage into a solve in the graph', async () => {
    const env = {
      THOTH_HOME: home,
      THOTH_INVESTIGATOR_INDEX_URLS: server.url,
      THOTH_INDEX_URL: server.url,
      THOTH_OSV_SOURCE: new URL('../__fixtures__/advisories/jinja2', import.meta.url).pathname,
      THOTH_LOG_LEVEL: 'warn',
      NO_COLOR: '1',
    };
    const bus = await EmbeddedMessageBus.open({
      deployment: 'thoth-local',
      codec: contractCodec,
      directory: join(home, 'bus'),
    });
    await bus.provision([bus.topicOf('UnresolvedPackage')]);
    await bus.publish(unresolvedEnvelope(server.url, 'idna', '3.10'));
    await bus.close();

    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const stderr = new PassThrough();
    stderr.resume();
    const code = await main(['up', '--once', '--json', '--quiet-ms', '200'], { stdout, stderr, env });
    expect(code).toBe(0);
    const summary = JSON.parse(out) as {
      periodic: { job: string; phase: string }[];
      workflows: { template: string; phase: string }[];
    };
    expect(summary.periodic.map((r) => [r.job, r.phase]).sort()).toEqual([
      ['thoth-cve-update', 'Succeeded'],
      ['thoth-graph-refresh', 'Succeeded'],
      ['thoth-package-releases', 'Succeeded'],
      ['thoth-package-update', 'Succeeded'],
    ]);
    expect(summary.workflows).toContainEqual({
      name: expect.stringMatching(/^solve-/) as unknown as string,
      template: 'thoth-solve',
      phase: 'Succeeded',
    });
    const records = await new RunStateStore(join(home, 'workflows')).list();
    const solve = records.find((r) => r.template === 'thoth-solve');
    expect(solve?.parameters).toMatchObject({ package_name: 'idna', package_version: '3.10' });

    const graph = await openGraph(readRuntimeConfig(env).graph);
    try {
      const solved = await solvedVersions(graph, ['idna'], null);
      expect(solved).toContainEqual({
        name: 'idna',
        version: '3.10',
        indexUrl: server.url.replace(/\/+$/, ''),
      });
    } finally {
      await graph.close();
    }
  }, 120_000);
});
