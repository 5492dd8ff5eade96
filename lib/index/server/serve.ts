// The loopback index: a node:http server on 127.0.0.1 that publishes a corpus as PEP 503 HTML and
// PEP 691 JSON (content negotiation on Accept, `Vary: Accept`), PEP 658/714 `.metadata` files, stub
// wheels with Range support, ETag revalidation, request counters for benchmarks, and optional faults
// for tests (503 for the first N requests, a delay, malformed pages).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalizeName } from '../../python/name/index.js';
import type { Corpus } from '../corpus/index.js';
import { PEP691_JSON } from '../simple-json.js';
import { publishProject } from './published.js';
import type { PublishedProject } from './published.js';

export interface ServeFaults {
  /** Answer the first N requests (any path) with 503. */
  unavailableFirst?: number;
  /** Wait this long before answering every request (timeout tests). */
  delayMs?: number;
  /** Serve a malformed page for these projects (normalized names). */
  malformedProjects?: readonly string[];
  /** Serve garbage as the `.metadata` and METADATA of these files (file names). */
  malformedMetadata?: readonly string[];
}

export interface ServeOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Force one page format whatever the client accepts (default: negotiate). */
  format?: 'negotiate' | 'json' | 'html';
  /** Advertise and serve PEP 658 `.metadata` files (default true). */
  pep658?: boolean;
  /** Honour Range requests on files (default true); false answers 200 with the whole file, like some mirrors. */
  rangeSupport?: boolean;
  /** Cache-Control sent with pages (default `max-age=0, must-revalidate`: clients revalidate with ETags). */
  cacheControl?: string;
  /** Require HTTP Basic credentials on every request (tests of URL and netrc credentials). */
  basicAuth?: { username: string; password: string };
  /** Real files to serve instead of stubs, by file name (their hashes are published). */
  artifacts?: ReadonlyMap<string, Buffer>;
  faults?: ServeFaults;
}

/** Requests seen, by kind; `metadata` counts `.metadata` files (the benchmark figure). */
export interface ServerCounters {
  requests: number;
  pages: number;
  metadata: number;
  files: number;
  rangeRequests: number;
  notModified: number;
  notFound: number;
  faults: number;
  unauthorized: number;
}

export interface LoopbackIndex {
  /** The simple index URL, `http://127.0.0.1:<port>/simple/`. */
  readonly url: string;
  readonly port: number;
  readonly counters: ServerCounters;
  /** Zero the counters (between benchmark rounds). */
  resetCounters(): void;
  close(): Promise<void>;
}

type Representation = 'json' | 'html';

/** Start a loopback index over `corpus`. */
export async function serveCorpus(corpus: Corpus, options: ServeOptions = {}): Promise<LoopbackIndex> {
  const counters = zeroCounters();
  const published = new Map<string, PublishedProject>();
  const publish = (name: string): PublishedProject | undefined => {
    let view = published.get(name);
    if (view === undefined) {
      const project = corpus.projects.get(name);
      if (project === undefined) return undefined;
      view = publishProject(project, options.artifacts);
      published.set(name, view);
    }
    return view;
  };
  const malformedProjects = new Set(options.faults?.malformedProjects ?? []);
  const malformedMetadata = new Set(options.faults?.malformedMetadata ?? []);
  let origin = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    counters.requests++;
    if (options.faults?.delayMs !== undefined)
      await new Promise((r) => setTimeout(r, options.faults!.delayMs));
    if (counters.requests <= (options.faults?.unavailableFirst ?? 0)) {
      counters.faults++;
      return send(
        response,
        503,
        { 'content-type': 'text/plain', 'retry-after': '0' },
        'injected fault: unavailable\n',
      );
    }
    if (options.basicAuth !== undefined) {
      const expected = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
      if (request.headers.authorization !== expected) {
        counters.unauthorized++;
        return send(response, 401, { 'www-authenticate': 'Basic realm="loopback"' }, 'unauthorized\n');
      }
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, { allow: 'GET, HEAD' }, 'method not allowed\n');
    }
    const path = decodeURIComponent(new URL(request.url ?? '/', origin).pathname);
    const segments = path.split('/').filter((s) => s !== '');
    if (segments[0] === 'simple' && segments.length === 1) {
      counters.pages++;
      return sendPage(request, response, options, counters, renderRoot(corpus));
    }
    if (segments[0] === 'simple' && segments.length === 2) {
      const requested = segments[1]!;
      const normalized = canonicalizeName(requested);
      // PEP 503: the index may redirect non-normalized names to the normalized URL.
      if (requested !== normalized) return send(response, 301, { location: `/simple/${normalized}/` }, '');
      if (!path.endsWith('/')) return send(response, 301, { location: `/simple/${normalized}/` }, '');
      counters.pages++;
      const view = publish(normalized);
      if (view === undefined) {
        counters.notFound++;
        return send(response, 404, { 'content-type': 'text/plain' }, `no project ${normalized}\n`);
      }
      if (malformedProjects.has(normalized)) {
        counters.faults++;
        return sendPage(request, response, options, counters, {
          json: '{"meta": {"api-version": "1.1"}, "name": "' + normalized + '", "files": "not-a-list"}',
          html: 'this is not an index page',
        });
      }
      return sendPage(
        request,
        response,
        options,
        counters,
        renderProject(view, origin, options.pep658 ?? true),
      );
    }
    if (segments[0] === 'files' && segments.length === 3) {
      const view = publish(segments[1]!);
      const name = segments[2]!;
      const isMetadata = name.endsWith('.metadata') && (options.pep658 ?? true);
      const file = view?.byFilename.get(isMetadata ? name.slice(0, -'.metadata'.length) : name);
      if (file === undefined || (isMetadata && !file.hasMetadataFile)) {
        counters.notFound++;
        return send(response, 404, { 'content-type': 'text/plain' }, `no file ${path}\n`);
      }
      const garbage = malformedMetadata.has(file.filename);
      if (isMetadata) {
        counters.metadata++;
        const body = garbage ? Buffer.from('<!DOCTYPE html><p>not metadata</p>\n') : file.metadata;
        return send(
          response,
          200,
          { 'content-type': 'application/octet-stream' },
          body,
          request.method === 'HEAD',
        );
      }
      counters.files++;
      return sendFile(request, response, file.bytes, options.rangeSupport ?? true, counters);
    }
    counters.notFound++;
    return send(response, 404, { 'content-type': 'text/plain' }, 'not found\n');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { 'content-type': 'text/plain' }, `${String(error)}\n`);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/simple/`,
    port,
    counters,
    resetCounters: () => Object.assign(counters, zeroCounters()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Idempotent: tests and benchmarks may close in a finally block after an explicit close.
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function zeroCounters(): ServerCounters {
  return {
    requests: 0,
    pages: 0,
    metadata: 0,
    files: 0,
    rangeRequests: 0,
    notModified: 0,
    notFound: 0,
    faults: 0,
    unauthorized: 0,
  };
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  isHead = false,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  response.end(isHead ? undefined : bytes);
}

/** Pick JSON or HTML from the Accept header (PEP 691: highest q wins; text/html when nothing is said). */
export function negotiate(accept: string | undefined): Representation | undefined {
  if (accept === undefined || accept.trim() === '') return 'html';
  let best: { representation: Representation; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [type, ...params] = range
      .trim()
      .split(';')
      .map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0)) continue;
    const representation: Representation | undefined =
      type === PEP691_JSON
        ? 'json'
        : type === 'application/vnd.pypi.simple.v1+html' ||
            type === 'text/html' ||
            type === 'application/vnd.pypi.simple.latest+html' ||
            type === '*/*' ||
            type === 'text/*'
          ? 'html'
          : type === 'application/vnd.pypi.simple.latest+json'
            ? 'json'
            : undefined;
    if (representation !== undefined && (best === undefined || q > best.q)) best = { representation, q };
  }
  return best?.representation;
}

function sendPage(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServeOptions,
  counters: ServerCounters,
  bodies: { json: string; html: string },
): void {
  const forced = options.format ?? 'negotiate';
  const representation = forced === 'negotiate' ? negotiate(request.headers.accept) : forced;
  if (representation === undefined) {
    return send(
      response,
      406,
      { 'content-type': 'text/plain' },
      'acceptable: application/vnd.pypi.simple.v1+json, text/html\n',
    );
  }
  const body = Buffer.from(representation === 'json' ? bodies.json : bodies.html);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  const headers = {
    'content-type': representation === 'json' ? PEP691_JSON : 'text/html; charset=utf-8',
    etag,
    vary: 'Accept',
    'cache-control': options.cacheControl ?? 'max-age=0, must-revalidate',
  };
  const conditional = request.headers['if-none-match'];
  if (
    conditional !== undefined &&
    conditional
      .split(',')
      .map((t) => t.trim())
      .includes(etag)
  ) {
    counters.notModified++;
    response.writeHead(304, headers);
    response.end();
    return;
  }
  send(response, 200, headers, body, request.method === 'HEAD');
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  bytes: Buffer,
  rangeSupport: boolean,
  counters: ServerCounters,
): void {
  const isHead = request.method === 'HEAD';
  const base = {
    'content-type': 'application/octet-stream',
    'accept-ranges': rangeSupport ? 'bytes' : 'none',
  };
  const range = request.headers.range;
  if (!rangeSupport || range === undefined) return send(response, 200, base, bytes, isHead);
  counters.rangeRequests++;
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (match === null || (match[1] === '' && match[2] === '')) return send(response, 200, base, bytes, isHead); // multi-range: whole file
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, bytes.length - Number(match[2]));
    end = bytes.length - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? bytes.length - 1 : Math.min(Number(match[2]), bytes.length - 1);
  }
  if (start >= bytes.length || start > end) {
    return send(response, 416, { ...base, 'content-range': `bytes */${bytes.length}` }, '', isHead);
  }
  send(
    response,
    206,
    { ...base, 'content-range': `bytes ${start}-${end}/${bytes.length}` },
    bytes.subarray(start, end + 1),
    isHead,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function renderRoot(corpus: Corpus): { json: string; html: string } {
  const names = [...corpus.projects.keys()].sort();
  const json = JSON.stringify({ meta: { 'api-version': '1.1' }, projects: names.map((name) => ({ name })) });
  const html = [
    '<!DOCTYPE html>',
    '<html><head><meta name="pypi:repository-version" content="1.1"><title>Simple index</title></head><body>',
    ...names.map((n) => `<a href="/simple/${n}/">${escapeHtml(n)}</a><br/>`),
    '</body></html>',
    '',
  ].join('\n');
  return { json, html };
}

function renderProject(
  view: PublishedProject,
  origin: string,
  pep658: boolean,
): { json: string; html: string } {
  const fileUrl = (filename: string): string =>
    `${origin}/files/${view.normalizedName}/${encodeURIComponent(filename)}`;
  const json = JSON.stringify({
    meta: { 'api-version': '1.1' },
    name: view.name,
    versions: view.versions,
    files: view.files.map((f) => ({
      filename: f.filename,
      url: fileUrl(f.filename),
      hashes: { sha256: f.sha256 },
      'requires-python': f.requiresPython ?? null,
      yanked: f.yanked ?? false,
      size: f.bytes.length,
      ...(f.uploadTime === undefined ? {} : { 'upload-time': f.uploadTime }),
      // PEP 714: the new key, plus the old one for clients that only know it.
      ...(pep658 && f.hasMetadataFile
        ? {
            'core-metadata': { sha256: f.metadataSha256 },
            'data-dist-info-metadata': { sha256: f.metadataSha256 },
          }
        : { 'core-metadata': false }),
    })),
  });
  const anchors = view.files.map((f) => {
    const attributes = [`href="${escapeHtml(`${fileUrl(f.filename)}#sha256=${f.sha256}`)}"`];
    if (f.requiresPython !== undefined)
      attributes.push(`data-requires-python="${escapeHtml(f.requiresPython)}"`);
    if (f.yanked !== undefined)
      attributes.push(`data-yanked="${f.yanked === true ? '' : escapeHtml(f.yanked)}"`);
    if (pep658 && f.hasMetadataFile) {
      attributes.push(
        `data-core-metadata="sha256=${f.metadataSha256}"`,
        `data-dist-info-metadata="sha256=${f.metadataSha256}"`,
      );
    }
    return `<a ${attributes.join(' ')}>${escapeHtml(f.filename)}</a><br/>`;
  });
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta name="pypi:repository-version" content="1.1"><title>Links for ${escapeHtml(view.name)}</title></head><body>`,
    `<h1>Links for ${escapeHtml(view.name)}</h1>`,
    ...anchors,
    '</body></html>',
    '',
  ].join('\n');
  return { json, html };
}
