// lib/freshness against a loopback index that switches between two corpora (a release added, one
// removed, one re-uploaded with another hash, a project gone) and a PyPI-like XML-RPC changelog: exactly
// the expected messages, and nothing on a second run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimJob,
  getWatchPosition,
  setWatchPosition,
  upsertEnvironments,
  upsertRelease,
} from '../graph/index.js';
import type { GraphStore } from '../graph/index.js';
import { HttpClient, serveCorpus } from '../index/index.js';
import type { LoopbackIndex } from '../index/index.js';
import { corpusOf, openGraph, seedFromIndex, serveChangelog } from './__fixtures__/support.js';
import type { ChangelogRow } from './__fixtures__/support.js';
import {
  applyFindings,
  checkKnownReleases,
  decodeResponse,
  refreshCandidates,
  watchReleases,
  XmlRpcFaultError,
} from './index.js';
import type { FreshnessMessage } from './index.js';

const before = corpusOf([
  { project: 'alpha', version: '1.0' },
  { project: 'alpha', version: '1.1' },
  { project: 'beta', version: '1.0' },
  { project: 'beta', version: '1.1' },
  { project: 'gamma', version: '0.1' },
  { project: 'unwatched', version: '1.0' },
]);
const after = corpusOf([
  { project: 'alpha', version: '1.0' },
  // Re-uploaded: other metadata, so the served wheel has another sha256.
  { project: 'alpha', version: '1.1', extra: ['Summary: rebuilt'] },
  { project: 'alpha', version: '1.2', uploadTime: '2026-02-01T10:00:00Z' },
  { project: 'beta', version: '1.1' },
  { project: 'unwatched', version: '1.0' },
  { project: 'unwatched', version: '2.0' },
]);

const brief = (messages: readonly FreshnessMessage[]): unknown[] =>
  messages.map((m) => ({ type: m.type, key: m.key }));

describe('package-releases and package-update over a changing index', () => {
  let graph: GraphStore;
  let index: LoopbackIndex;
  let http: HttpClient;
  let url: string;

  const switchTo = async (corpus: typeof after): Promise<void> => {
    const port = index.port;
    await index.close();
    await http.close();
    index = await serveCorpus(corpus, { port });
    http = new HttpClient();
  };

  beforeAll(async () => {
    graph = await openGraph();
    index = await serveCorpus(before, { port: 0 });
    url = index.url;
    http = new HttpClient();
    await seedFromIndex(graph, url, ['alpha', 'beta', 'gamma']);
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await index?.close();
    await graph?.close();
  });

  it('records a baseline, then announces only the new release of a watched package, once', async () => {
    const first = await watchReleases(graph, { indexUrl: url, scope: { kind: 'seen' }, http });
    expect(first.baseline).toBe(true);
    expect(first.messages).toEqual([]);
    expect(first.pages.fetched).toBe(3);
    await setWatchPosition(graph, first.positionName, first.nextPosition);
    expect(first.positionName).toBe(`package-releases:${url}`);

    const unchanged = await watchReleases(graph, { indexUrl: url, scope: { kind: 'seen' }, http });
    expect(unchanged.messages).toEqual([]);
    // ETags answered 304: nothing was read again.
    expect(unchanged.pages).toEqual({ fetched: 0, unchanged: 3, notFound: 0 });

    await switchTo(after);
    const second = await watchReleases(graph, { indexUrl: url, scope: { kind: 'seen' }, http });
    expect(second.baseline).toBe(false);
    expect(second.messages).toEqual([
      {
        type: 'PackageReleased',
        version: 1,
        key: 'pypi:alpha:1.2',
        payload: {
          package_name: 'alpha',
          package_version: '1.2',
          index_url: url,
          upload_time: '2026-02-01T10:00:00Z',
        },
      },
    ]);
    expect(second.pages.notFound).toBe(1); // gamma: package-update's business
    await setWatchPosition(graph, second.positionName, second.nextPosition);

    const third = await watchReleases(graph, { indexUrl: url, scope: { kind: 'seen' }, http });
    expect(third.messages).toEqual([]);
  });

  it('watches an explicit list of packages', async () => {
    const name = `package-releases:${url}`;
    const saved = await getWatchPosition(graph, name);
    // The list scope has its own baseline for projects it never saw: unwatched 2.0 is not announced
    // from an empty history, but a later release would be.
    const listed = await watchReleases(graph, {
      indexUrl: url,
      scope: { kind: 'list', names: ['Unwatched'] },
      http,
    });
    expect(listed.messages).toEqual([]);
    expect(JSON.parse(listed.nextPosition).projects.unwatched.versions).toEqual(['1.0', '2.0']);
    expect(saved).toBeDefined();
  });

  it('announces a vanished project, a vanished release and a re-uploaded file, once', async () => {
    const result = await checkKnownReleases(graph, { indexUrl: url, http });
    expect(result.checkedPackages).toBe(3);
    const byType = Object.fromEntries(result.messages.map((m) => [m.type, m]));
    expect(brief(result.messages).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [
        { type: 'HashMismatch', key: 'pypi:alpha:1.1' },
        { type: 'MissingPackage', key: 'pypi:gamma' },
        { type: 'MissingVersion', key: 'pypi:beta:1.0' },
      ],
    );
    expect(byType['MissingPackage']!.payload).toEqual({
      package_name: 'gamma',
      index_url: url,
      detected_by: 'package-update',
    });
    expect(byType['MissingVersion']!.payload).toEqual({
      package_name: 'beta',
      package_version: '1.0',
      index_url: url,
      detected_by: 'package-update',
    });
    const mismatch = byType['HashMismatch']!.payload as {
      missing_from_source: { filename: string; sha256: string }[];
      missing_from_database: { filename: string; sha256: string }[];
    };
    expect(mismatch.missing_from_source.map((f) => f.filename)).toEqual(['alpha-1.1-py3-none-any.whl']);
    expect(mismatch.missing_from_database.map((f) => f.filename)).toEqual(['alpha-1.1-py3-none-any.whl']);
    expect(mismatch.missing_from_source[0]!.sha256).not.toBe(mismatch.missing_from_database[0]!.sha256);

    await applyFindings(graph, url, result.findings);
    const again = await checkKnownReleases(graph, { indexUrl: url, http });
    expect(again.messages).toEqual([]);

    // The flags are what the adviser reads: gone releases and files are no longer offered.
    const flags = await graph.query<{ name: string; version: string; is_missing: boolean }>(
      'SELECT package_name AS "name", version, is_missing FROM python_release ORDER BY 1, 2',
    );
    expect(flags.filter((f) => f.is_missing).map((f) => `${f.name} ${f.version}`)).toEqual([
      'beta 1.0',
      'gamma 0.1',
    ]);
    const files = await graph.query<{ filename: string }>(
      'SELECT filename FROM python_file WHERE NOT present',
    );
    expect(files.map((f) => f.filename)).toEqual(['alpha-1.1-py3-none-any.whl']);
  });

  it('clears the missing flag quietly when a release comes back', async () => {
    await switchTo(before);
    const result = await checkKnownReleases(graph, { indexUrl: url, http, names: ['beta'] });
    expect(result.messages).toEqual([]);
    expect(result.findings).toEqual([{ kind: 'version-back', name: 'beta', version: '1.0' }]);
    await applyFindings(graph, url, result.findings);
    const [row] = await graph.query<{ is_missing: boolean }>(
      "SELECT is_missing FROM python_release WHERE package_name = 'beta' AND version = '1.0'",
    );
    expect(row!.is_missing).toBe(false);
  });
});

describe('package-releases from a PyPI-like changelog', () => {
  let graph: GraphStore;
  const indexUrl = 'https://pypi.org/simple';
  const rows: ChangelogRow[] = [['alpha', '1.0', 1_767_225_600, 'new release', 100]];
  let changelog: Awaited<ReturnType<typeof serveChangelog>>;
  const http = new HttpClient();

  beforeAll(async () => {
    graph = await openGraph();
    changelog = await serveChangelog(rows);
    for (const version of ['1.0']) {
      await upsertRelease(
        graph,
        {
          name: 'alpha',
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
  }, 60_000);
  afterAll(async () => {
    await changelog?.close();
    await http.close();
    await graph?.close();
  });

  const watch = (scope: Parameters<typeof watchReleases>[1]['scope']) =>
    watchReleases(graph, {
      indexUrl,
      scope,
      http,
      changelogUrl: changelog.url,
      xmlrpc: { retry: { retries: 0 } },
    });

  it('starts at the current serial, then reads only what changed, once', async () => {
    const first = await watch({ kind: 'seen' });
    expect(first).toMatchObject({ baseline: true, mode: 'changelog', messages: [] });
    expect(JSON.parse(first.nextPosition)).toEqual({ mode: 'changelog', serial: 100 });
    await setWatchPosition(graph, first.positionName, first.nextPosition);

    rows.push(
      ['Alpha', '1.1', 1_767_229_200, 'new release', 101],
      ['Alpha', '1.1', 1_767_229_201, 'add py3 file alpha-1.1-py3-none-any.whl', 102],
      ['other', '3.0', 1_767_229_300, 'new release', 103],
      ['alpha', '1.0', 1_767_229_400, 'yank release', 104],
    );
    const second = await watch({ kind: 'seen' });
    expect(second.messages).toEqual([
      {
        type: 'PackageReleased',
        version: 1,
        key: 'pypi:alpha:1.1',
        payload: {
          package_name: 'alpha',
          package_version: '1.1',
          index_url: indexUrl,
          upload_time: '2026-01-01T01:00:00.000Z',
        },
      },
    ]);
    expect(JSON.parse(second.nextPosition)).toEqual({ mode: 'changelog', serial: 104 });

    // Scope "all" sees the other project too; an explicit list only what it names.
    expect(brief((await watch({ kind: 'all' })).messages)).toEqual([
      { type: 'PackageReleased', key: 'pypi:alpha:1.1' },
      { type: 'PackageReleased', key: 'pypi:other:3.0' },
    ]);
    expect(brief((await watch({ kind: 'list', names: ['other'] })).messages)).toEqual([
      { type: 'PackageReleased', key: 'pypi:other:3.0' },
    ]);

    await setWatchPosition(graph, second.positionName, second.nextPosition);
    const third = await watch({ kind: 'seen' });
    expect(third.messages).toEqual([]);
    expect(changelog.calls.filter((c) => c === 'changelog_last_serial')).toHaveLength(1);
  });

  it('reads XML-RPC faults as errors and untyped values as strings', () => {
    expect(() =>
      decodeResponse(
        '<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-32601</int></value></member><member><name>faultString</name><value>no such method</value></member></struct></value></fault></methodResponse>',
        'http://x/pypi',
        'nope',
      ),
    ).toThrow(XmlRpcFaultError);
    expect(
      decodeResponse(
        '<?xml version="1.0"?>\n<methodResponse>\n<params><param><value><array><data>\n<value>a &amp; b</value><value><i8>12345678901</i8></value><value><boolean>1</boolean></value><value><nil/></value></data></array></value></param></params></methodResponse>',
        'http://x/pypi',
        'm',
      ),
    ).toEqual(['a & b', 12345678901, true, null]);
  });
});

describe('package-releases when the index refuses its changelog', () => {
  let graph: GraphStore;
  let index: LoopbackIndex;
  let http: HttpClient;
  let url: string;
  let changelog: Awaited<ReturnType<typeof serveChangelog>>;
  const rows: ChangelogRow[] = [['alpha', '1.1', 1_767_225_600, 'new release', 100]];

  beforeAll(async () => {
    graph = await openGraph();
    index = await serveCorpus(before, { port: 0 });
    url = index.url;
    http = new HttpClient();
    changelog = await serveChangelog(rows);
    changelog.refuseWith = 405;
    await seedFromIndex(graph, url, ['alpha', 'beta']);
  }, 60_000);
  afterAll(async () => {
    await changelog?.close();
    await http?.close();
    await index?.close();
    await graph?.close();
  });

  const watch = () =>
    watchReleases(graph, {
      indexUrl: url,
      scope: { kind: 'seen' },
      http,
      changelogUrl: changelog.url,
      xmlrpc: { retry: { retries: 0 } },
    });

  it('reads pages instead, and returns to the changelog when it answers again, losing nothing', async () => {
    const first = await watch();
    expect(first).toMatchObject({ mode: 'pages', baseline: true, messages: [] });
    expect(first.changelogRefused).toMatch(/changelog_last_serial .* HTTP 405/);
    expect(JSON.parse(first.nextPosition)).toMatchObject({ mode: 'pages' });
    await setWatchPosition(graph, first.positionName, first.nextPosition);

    // Still refused: page mode announces the new release.
    const port = index.port;
    await index.close();
    await http.close();
    index = await serveCorpus(after, { port });
    http = new HttpClient();
    const second = await watch();
    expect(second.mode).toBe('pages');
    expect(brief(second.messages)).toEqual([{ type: 'PackageReleased', key: 'pypi:alpha:1.2' }]);
    await setWatchPosition(graph, second.positionName, second.nextPosition);

    // The changelog answers again: its serial is taken before the pages are read, then it is used.
    changelog.refuseWith = undefined;
    const third = await watch();
    expect(third.changelogRefused).toBeUndefined();
    expect(third.messages).toEqual([]);
    expect(JSON.parse(third.nextPosition)).toEqual({ mode: 'changelog', serial: 100 });
    await setWatchPosition(graph, third.positionName, third.nextPosition);

    rows.push(['beta', '2.0', 1_767_229_200, 'new release', 101]);
    const fourth = await watch();
    expect(fourth.mode).toBe('changelog');
    expect(brief(fourth.messages)).toEqual([{ type: 'PackageReleased', key: 'pypi:beta:2.0' }]);
  });

  it('keeps a server error an error: the workflow retries it', async () => {
    changelog.refuseWith = 503;
    await expect(watch()).rejects.toThrow(/HTTP 503/);
    changelog.refuseWith = undefined;
  });
});

describe('graph-refresh candidates', () => {
  let graph: GraphStore;
  const indexUrl = 'https://pypi.org/simple';
  beforeAll(async () => {
    graph = await openGraph();
    const environments = await upsertEnvironments(graph, [
      {
        key: 'rhel-9-py311',
        osName: 'rhel',
        osVersion: '9',
        pythonVersion: '3.11',
        platform: 'linux-x86_64',
      },
      { key: 'bare-py312', pythonVersion: '3.12' },
    ]);
    for (const version of ['1.0', '1.1', '1.2']) {
      await upsertRelease(
        graph,
        {
          name: 'alpha',
          version,
          indexUrl,
          requiresPython: null,
          yanked: false,
          yankedReason: null,
          uploadTime: null,
          metadataSource: null,
          files: [],
          dependencies: [],
          verdicts:
            version === '1.0'
              ? [
                  { environmentKey: 'rhel-9-py311', installable: true, reason: null, error: null },
                  { environmentKey: 'bare-py312', installable: true, reason: null, error: null },
                ]
              : [],
        },
        version,
        environments,
        null,
      );
    }
  }, 60_000);
  afterAll(async () => {
    await graph?.close();
  });

  it('announces unsolved pairs and unanalysed releases, skipping work in flight, up to the cap', async () => {
    await claimJob(graph, {
      kind: 'solve',
      key: `alpha:1.1:rhel-9-py311:${indexUrl}`,
      workflowName: (n) => `solve-x-${n}`,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    await claimJob(graph, {
      kind: 'security-indicator',
      key: `alpha:1.0:${indexUrl}`,
      workflowName: (n) => `si-x-${n}`,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const result = await refreshCandidates(graph, { count: 10, securityIndicators: true });
    expect(result.unsolved).toBe(3); // 1.1 in bare, 1.2 in both
    expect(
      result.messages.map((m) => [
        m.type,
        m.key,
        (m.payload as { environment?: { id: string } | null }).environment?.id ?? null,
      ]),
    ).toEqual([
      ['UnresolvedPackage', 'pypi:alpha:1.1', null],
      ['UnresolvedPackage', 'pypi:alpha:1.2', null],
      ['UnresolvedPackage', 'pypi:alpha:1.2', 'rhel-9-py311'],
      ['SIUnanalyzedPackage', 'pypi:alpha:1.1', null],
      ['SIUnanalyzedPackage', 'pypi:alpha:1.2', null],
    ]);
    const capped = await refreshCandidates(graph, {
      count: 1,
      securityIndicators: false,
      environmentKeys: ['rhel-9-py311'],
    });
    expect(capped.messages.map((m) => m.key)).toEqual(['pypi:alpha:1.2']);
    expect(capped.messages[0]!.payload).toMatchObject({
      environment: {
        id: 'rhel-9-py311',
        os_name: 'rhel',
        os_version: '9',
        python_version: '3.11',
        platform: 'linux-x86_64',
      },
      requested_by: null,
      specifier: null,
    });
  });
});
