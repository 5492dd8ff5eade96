// OSV import into a real knowledge graph (PGlite with the shipped migrations): ranges and explicit
// lists materialized against known releases, withdrawn records removed, incremental by `modified`,
// and the per-release PyPI JSON source served by a loopback HTTP server.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  affectedReleasesOf,
  getAdvisory,
  getWatchPosition,
  migrate,
  PgliteGraphStore,
  upsertRelease,
} from '../../graph/index.js';
import type { GraphStore } from '../../graph/index.js';
import { HttpClient, writeZip } from '../../index/index.js';
import { auditStack } from '../audit.js';
import {
  fetchPypiVulnerabilities,
  importOsvRecords,
  importPypiVulnerabilities,
  materializeAdvisoriesFor,
  readOsvArchive,
  readOsvDirectory,
  readOsvSource,
} from './index.js';
import type { OsvReadResult } from './index.js';

const PYPI = 'https://pypi.org/simple';
const PRIVATE = 'https://private.example.org/simple';
const fixtureDb = join(import.meta.dirname, '__fixtures__', 'advisory-db');

let graph: GraphStore;

async function addReleases(name: string, versions: string[], indexUrl = PYPI): Promise<void> {
  for (const version of versions) {
    await upsertRelease(
      graph,
      {
        name,
        version,
        indexUrl,
        requiresPython: null,
        yanked: false,
        yankedReason: null,
        uploadTime: null,
        metadataSource: null,
        files: [],
        dependencies: [],
        verdicts: [],
      },
      version,
      new Map(),
      null,
    );
  }
}

async function linked(advisoryId: string): Promise<string[]> {
  return (await affectedReleasesOf(graph, advisoryId)).map(
    (r) => `${r.packageName}==${r.version}${r.indexUrl === PYPI ? '' : ` @${r.indexUrl}`}`,
  );
}

async function collect(source: AsyncIterable<OsvReadResult>): Promise<OsvReadResult[]> {
  const out: OsvReadResult[] = [];
  for await (const item of source) out.push(item);
  return out;
}

function record(id: string, modified: string, extra: Record<string, unknown>): OsvReadResult {
  return {
    kind: 'record',
    notes: { ignoredRanges: 0, ignoredAffected: 0, droppedEvents: 0 },
    record: {
      id,
      aliases: [],
      summary: undefined,
      details: undefined,
      severity: [],
      published: undefined,
      modified,
      withdrawn: undefined,
      affected: [],
      references: [],
      ...extra,
    },
  };
}

beforeAll(async () => {
  graph = await PgliteGraphStore.open();
  await migrate(graph);
  await addReleases('jinja2', ['2.0', '2.10', '2.10.1', '2.11.2', '2.11.3', '3.0.0', '3.0.1', '3.1.0']);
  await addReleases('jinja2', ['2.10.1'], PRIVATE);
  await addReleases('urllib3', ['1.25.0', '1.26.5']);
});

afterAll(async () => {
  await graph.close();
});

describe('reading sources', () => {
  it('walks a directory tree in path order, skipping dot folders and triage/', async () => {
    const items = await collect(readOsvDirectory(fixtureDb));
    expect(items.map((i) => (i.kind === 'record' ? i.record.id : `skipped:${i.source}`))).toEqual([
      'PYSEC-0000-T1',
      'PYSEC-0000-T2',
      'GHSA-test-0000-0004',
      'skipped:vulns/urllib3/PYSEC-0000-BAD.yaml',
      'PYSEC-0000-T3',
    ]);
  });

  it('reads an OSV zip archive of JSON records, from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-osv-'));
    const archive = join(dir, 'all.zip');
    const json = (id: string): Buffer =>
      Buffer.from(JSON.stringify({ id, modified: '2024-05-01T00:00:00Z', affected: [] }));
    await writeFile(
      archive,
      writeZip([
        { name: 'PYSEC-2.json', data: json('PYSEC-2') },
        { name: 'PYSEC-1.json', data: json('PYSEC-1'), store: true },
        { name: 'README.txt', data: Buffer.from('not a record') },
      ]),
    );
    const items = await collect(readOsvSource(archive));
    expect(items.map((i) => i.kind === 'record' && i.record.id)).toEqual(['PYSEC-1', 'PYSEC-2']);
    await expect(collect(readOsvSource(join(dir, 'absent')))).rejects.toMatchObject({ code: 'bad-input' });
    await expect(collect(readOsvArchive('x.zip', Buffer.from('not a zip')))).rejects.toThrow(
      /no end-of-central-directory/,
    );
  });
});

describe('importing into the graph', () => {
  it('upserts advisories, removes withdrawn ones, and links releases by list AND by range', async () => {
    const result = await importOsvRecords(graph, readOsvDirectory(fixtureDb), {
      positionName: 'osv:test-db',
    });
    expect(result).toMatchObject({
      read: 5,
      imported: 3,
      withdrawn: 1,
      unchanged: 0,
      ignoredRanges: 1,
      skipped: [
        {
          source: 'vulns/urllib3/PYSEC-0000-BAD.yaml',
          reason: 'PYSEC-0000-BAD: no valid modified timestamp',
        },
      ],
      position: '2024-03-01T00:00:00Z',
    });
    // 2.10.1 and 2.11.2 are absent from the explicit list but inside "introduced 0, fixed 2.11.3";
    // the private index's 2.10.1 is another project that happens to share the name.
    expect(await linked('PYSEC-0000-T1')).toEqual([
      'jinja2==2.0',
      'jinja2==2.10',
      'jinja2==2.10.1',
      'jinja2==2.11.2',
    ]);
    expect(await linked('PYSEC-0000-T2')).toEqual(['jinja2==2.0', 'jinja2==3.0.0', 'jinja2==3.0.1']);
    expect(await linked('GHSA-test-0000-0004')).toEqual(['urllib3==1.25.0']);
    expect(await getAdvisory(graph, 'PYSEC-0000-T3')).toBeUndefined();
    const byAdvisory = result.newlyAffected
      .filter((n) => n.advisoryId === 'PYSEC-0000-T1')
      .map((n) => `${n.version}:${n.matchedBy}`);
    expect(byAdvisory).toEqual(['2.0:versions', '2.10:versions', '2.10.1:range', '2.11.2:range']);
    expect(result.newlyAffected).toHaveLength(8);
    expect(result.newlyAffected[0]).toEqual({
      advisoryId: 'PYSEC-0000-T1',
      aliases: ['CVE-0000-0001', 'GHSA-test-0000-0001'],
      packageName: 'jinja2',
      version: '2.0',
      indexUrl: PYPI,
      matchedBy: 'versions',
    });
    const stored = await getAdvisory(graph, 'PYSEC-0000-T1');
    expect(stored).toMatchObject({
      link: 'https://example.org/advisories/PYSEC-0000-T1',
      references: [
        { type: 'ADVISORY', url: 'https://example.org/advisories/PYSEC-0000-T1' },
        { type: 'FIX', url: 'https://example.org/jinja2/commit/abc123' },
      ],
      affected: [{ packageName: 'jinja2', versions: ['2.0rc1', '2.0', '2.10', '2.11.0'] }],
    });
    expect(await getWatchPosition(graph, 'osv:test-db')).toBe('2024-03-01T00:00:00Z');
  });

  it('is incremental: a second run skips older records and announces nothing twice', async () => {
    const again = await importOsvRecords(graph, readOsvDirectory(fixtureDb), { positionName: 'osv:test-db' });
    expect(again).toMatchObject({ imported: 0, unchanged: 3, withdrawn: 1, newlyAffected: [] });
    // --since overrides the position: everything is imported again, still no new links.
    const forced = await importOsvRecords(graph, readOsvDirectory(fixtureDb), {
      positionName: 'osv:test-db',
      since: '2000-01-01T00:00:00Z',
    });
    expect(forced).toMatchObject({ imported: 3, unchanged: 0, newlyAffected: [] });
  });

  it('applies updates: narrowed ranges drop stale links, new advisories link, withdrawals remove', async () => {
    const updates = [
      record('PYSEC-0000-T1', '2024-04-01T00:00:00Z', {
        aliases: ['CVE-0000-0001'],
        affected: [
          {
            name: 'jinja2',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.10.1' }] }],
            versions: [],
          },
        ],
      }),
      record('PYSEC-0000-T2', '2024-04-01T00:00:00Z', { withdrawn: '2024-04-01T00:00:00Z' }),
      record('PYSEC-0000-T5', '2024-04-02T00:00:00Z', {
        affected: [
          {
            name: 'urllib3',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.26.0' }] }],
            versions: [],
          },
        ],
      }),
      record('PYSEC-OLD', '2023-01-01T00:00:00Z', {}),
    ];
    const result = await importOsvRecords(graph, updates, { positionName: 'osv:test-db' });
    expect(result).toMatchObject({
      imported: 2,
      withdrawn: 1,
      unchanged: 1,
      position: '2024-04-02T00:00:00Z',
    });
    expect(await linked('PYSEC-0000-T1')).toEqual(['jinja2==2.0', 'jinja2==2.10']);
    expect(await getAdvisory(graph, 'PYSEC-0000-T2')).toBeUndefined();
    expect(result.newlyAffected.map((n) => `${n.advisoryId} ${n.packageName}==${n.version}`)).toEqual([
      'PYSEC-0000-T5 urllib3==1.26.5',
    ]);
  });

  it('materializes advisories for releases synced after the import', async () => {
    await addReleases('jinja2', ['2.9.6']);
    const fresh = await materializeAdvisoriesFor(graph, ['Jinja2']);
    expect(fresh.map((n) => `${n.advisoryId} ${n.version} ${n.matchedBy}`)).toEqual([
      'PYSEC-0000-T1 2.9.6 range',
    ]);
    expect(await materializeAdvisoriesFor(graph, ['jinja2'])).toEqual([]);
  });

  it('audits a locked stack with ids, ranges, fixes and links', async () => {
    const report = await auditStack(graph, [
      { name: 'Jinja2', version: '2.10.0' },
      { name: 'urllib3', version: '1.26.4' },
      { name: 'requests', version: '2.0.0' },
    ]);
    expect(report.audited).toBe(3);
    expect(report.findings).toEqual([
      {
        packageName: 'jinja2',
        version: '2.10.0',
        advisoryId: 'PYSEC-0000-T1',
        aliases: ['CVE-0000-0001'],
        summary: null,
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.10.1' }] }],
        rangesText: ['>=0, <2.10.1'],
        matchedBy: 'range',
        fixedIn: ['2.10.1'],
        links: ['https://osv.dev/vulnerability/PYSEC-0000-T1'],
        severity: [],
      },
      expect.objectContaining({ advisoryId: 'GHSA-test-0000-0004', matchedBy: 'range', fixedIn: [] }),
      expect.objectContaining({ advisoryId: 'PYSEC-0000-T5', rangesText: ['>=1.26.0'] }),
    ]);
  });
});

describe("PyPI's per-release JSON", () => {
  let server: ReturnType<typeof createServer>;
  let base: string;
  const http = new HttpClient({ retry: { retries: 0 } });

  beforeAll(async () => {
    // The shape of https://pypi.org/pypi/<name>/<version>/json, trimmed to what is read.
    const body = {
      info: { name: 'urllib3', version: '1.25.0' },
      urls: [],
      vulnerabilities: [
        {
          aliases: ['CVE-0000-0004'],
          details: 'urllib3 before 1.26.5 (test record).',
          fixed_in: ['1.26.5'],
          id: 'GHSA-test-0000-0004',
          link: 'https://osv.dev/vulnerability/GHSA-test-0000-0004',
          source: 'osv',
          summary: null,
          withdrawn: null,
        },
        {
          aliases: [],
          details: 'Only PyPI knows this one (test record).',
          fixed_in: [],
          id: 'PYSEC-0000-T6',
          link: 'https://osv.dev/vulnerability/PYSEC-0000-T6',
          source: 'osv',
          summary: 'Known to PyPI only',
          withdrawn: null,
        },
        { id: 'PYSEC-0000-T7', aliases: [], fixed_in: [], withdrawn: '2024-01-01T00:00:00Z' },
        { details: 'no id: dropped' },
      ],
    };
    server = createServer((request, response) => {
      if (request.url === '/pypi/urllib3/1.25.0/json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      } else response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pypi`;
  });

  afterAll(async () => {
    await http.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads vulnerabilities, says undefined for an unknown release, and links them', async () => {
    expect(await fetchPypiVulnerabilities(http, 'urllib3', '9.9', base)).toBeUndefined();
    const vulnerabilities = await fetchPypiVulnerabilities(http, 'URLLib3', '1.25.0', base);
    expect(vulnerabilities?.map((v) => [v.id, v.fixedIn, v.withdrawn])).toEqual([
      ['GHSA-test-0000-0004', ['1.26.5'], undefined],
      ['PYSEC-0000-T6', [], undefined],
      ['PYSEC-0000-T7', [], '2024-01-01T00:00:00Z'],
    ]);
    const fresh = await importPypiVulnerabilities(
      graph,
      { name: 'urllib3', version: '1.25.0' },
      vulnerabilities!,
      () => new Date('2024-06-01T00:00:00Z'),
    );
    // The ranged advisory was linked already; the PyPI-only one is stored with an explicit list.
    expect(fresh.map((n) => n.advisoryId)).toEqual(['PYSEC-0000-T6']);
    expect(await getAdvisory(graph, 'PYSEC-0000-T6')).toMatchObject({
      summary: 'Known to PyPI only',
      modified: '2024-06-01T00:00:00.000Z',
      affected: [{ packageName: 'urllib3', ranges: [], versions: ['1.25.0'] }],
    });
    expect(await getAdvisory(graph, 'PYSEC-0000-T7')).toBeUndefined();
  });
});

describe('a directory source written at test time', () => {
  it('imports a single record file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-osv-'));
    await mkdir(join(dir, 'vulns'), { recursive: true });
    const file = join(dir, 'vulns', 'one.json');
    await writeFile(file, JSON.stringify({ id: 'PYSEC-ONE', modified: '2024-07-01T00:00:00Z' }));
    const items = await collect(readOsvSource(file));
    expect(items).toHaveLength(1);
    expect(items[0]!.kind === 'record' && items[0]!.record.id).toBe('PYSEC-ONE');
  });
});
