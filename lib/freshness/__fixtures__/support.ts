// Test support for lib/freshness: a graph seeded from what a loopback index really serves (its hashes),
// an XML-RPC changelog server standing in for PyPI's, and small corpora built by hand.
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, PgliteGraphStore, upsertRelease } from '../../graph/index.js';
import type { GraphStore } from '../../graph/index.js';
import { CORPUS_FORMAT, CORPUS_FORMAT_VERSION, HttpClient } from '../../index/index.js';
import type { Corpus, CorpusProject } from '../../index/index.js';
import { fetchProjectPage } from '../pages.js';

export interface Spec {
  project: string;
  version: string;
  /** Extra metadata lines; changing them changes the served stub wheel, hence its sha256 (a re-upload). */
  extra?: string[];
  uploadTime?: string;
}

export function corpusOf(specs: readonly Spec[]): Corpus {
  const projects = new Map<string, CorpusProject>();
  for (const spec of specs) {
    const project = projects.get(spec.project) ?? {
      name: spec.project,
      normalized_name: spec.project,
      versions: [],
      files: [],
      releases: [],
    };
    const filename = `${spec.project}-${spec.version}-py3-none-any.whl`;
    project.versions.push(spec.version);
    project.files.push({ filename, sha256: '0'.repeat(64), upload_time: spec.uploadTime ?? '2026-01-01T00:00:00Z' });
    const metadata = ['Metadata-Version: 2.1', `Name: ${spec.project}`, `Version: ${spec.version}`, ...(spec.extra ?? []), ''];
    project.releases.push({ version: spec.version, metadata_file: filename, metadata: metadata.join('\n') });
    projects.set(spec.project, project);
  }
  return {
    header: {
      format: CORPUS_FORMAT,
      format_version: CORPUS_FORMAT_VERSION,
      captured_at: '2026-01-01T00:00:00.000Z',
      index_url: 'https://example.invalid/simple/',
      cutoff: null,
      requirements: [],
      environments: null,
      project_count: projects.size,
    },
    projects,
  };
}

export async function openGraph(): Promise<GraphStore> {
  const dir = await mkdtemp(join(tmpdir(), 'thoth-freshness-'));
  const graph = await PgliteGraphStore.open(join(dir, 'graph'));
  await migrate(graph);
  return graph;
}

/** Record in the graph what the index serves for these projects, as a solver sync would (files and hashes). */
export async function seedFromIndex(
  graph: GraphStore,
  indexUrl: string,
  projects: readonly string[],
): Promise<void> {
  const http = new HttpClient();
  try {
    for (const name of projects) {
      const lookup = await fetchProjectPage(http, indexUrl, name);
      if (lookup.kind !== 'page') throw new Error(`${name} is not on ${indexUrl}`);
      const versions = new Set(lookup.page.versions ?? []);
      for (const version of versions) {
        const files = lookup.page.files.filter((f) => f.filename.startsWith(`${name}-${version}-`));
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
            files: files.map((f) => ({
              filename: f.filename,
              kind: 'wheel' as const,
              tags: [],
              sha256: f.hashes['sha256'] ?? null,
              size: null,
              uploadTime: null,
              url: null,
            })),
            dependencies: [],
            verdicts: [],
          },
          version,
          new Map(),
          null,
        );
      }
    }
  } finally {
    await http.close();
  }
}

export type ChangelogRow = [string, string | null, number, string, number];

/**
 * A PyPI-like XML-RPC changelog over `rows` (mutable: tests push new rows between runs). Set `refuseWith`
 * to an HTTP status to refuse every call with it, as networks that block POST to pypi.org do (405).
 */
export async function serveChangelog(
  rows: ChangelogRow[],
): Promise<{ url: string; calls: string[]; refuseWith: number | undefined; close(): Promise<void> }> {
  const calls: string[] = [];
  const state: { refuseWith: number | undefined } = { refuseWith: undefined };
  const value = (v: string | number | null): string =>
    v === null ? '<value><nil/></value>' : typeof v === 'number' ? `<value><int>${v}</int></value>` : `<value><string>${v}</string></value>`;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const method = /<methodName>([^<]+)<\/methodName>/.exec(body)?.[1] ?? '';
      calls.push(method);
      if (state.refuseWith !== undefined) {
        response.writeHead(state.refuseWith, { 'content-type': 'text/plain' });
        response.end('Method Not Allowed');
        return;
      }
      let result: string;
      if (method === 'changelog_last_serial') {
        result = value(Math.max(0, ...rows.map((r) => r[4])));
      } else if (method === 'changelog_since_serial') {
        const since = Number(/<int>(\d+)<\/int>/.exec(body)?.[1]);
        result = `<value><array><data>${rows
          .filter((r) => r[4] > since)
          .map((r) => `<value><array><data>${r.map(value).join('')}</data></array></value>`)
          .join('')}</data></array></value>`;
      } else {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          `<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int></value></member><member><name>faultString</name><value><string>no method ${method}</string></value></member></struct></value></fault></methodResponse>`,
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(`<?xml version="1.0"?><methodResponse><params><param>${result}</param></params></methodResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pypi`,
    calls,
    get refuseWith() {
      return state.refuseWith;
    },
    set refuseWith(status: number | undefined) {
      state.refuseWith = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

