// HttpPackageIndex: the PackageIndex port over HTTP for one or more PEP 503/691 indexes in priority
// order. Pages are negotiated (PEP 691 JSON preferred, PEP 503 HTML accepted) and cached on disk with
// revalidation; metadata comes from PEP 658 files, wheel range reads, or sdist PKG-INFO (PEP 643).
import { createHash, getHashes } from 'node:crypto';
import { canonicalizeName } from '../python/name/index.js';
import { redactUrlCredentials, silentLogger } from '../log/index.js';
import type { Logger } from '../log/index.js';
import { readPkgInfoFromTarGz, readPkgInfoFromZip, findWheelMetadataEntry } from './archives.js';
import {
  HashMismatchError,
  IndexFileNotFoundError,
  IndexPageError,
  IndexRequestRejectedError,
  MetadataParseError,
} from './errors.js';
import { fileKind, wheelDistribution } from './filenames.js';
import type { PageMemo } from './page-memo.js';
import { HttpCache, HttpClient, readCacheControl } from './http/index.js';
import type { HttpClientOptions, HttpResponse } from './http/index.js';
import { compareMetadataVersions, parseCoreMetadata } from './metadata.js';
import { readHtmlProjectPage } from './simple-html.js';
import { PEP691_JSON, readJsonProjectPage } from './simple-json.js';
import type {
  Hashes,
  MetadataLookup,
  PackageIndex,
  ProjectFile,
  ProjectLookup,
  ProjectPage,
} from './types.js';
import { bufferZipSource, ZipArchive } from './zip/index.js';
import type { ZipSource } from './zip/index.js';

/** Which page representation to ask for. */
export type PageFormat = 'negotiate' | 'json' | 'html';

/** Accept headers per format; `negotiate` is what uv sends (PEP 691 JSON first, HTML as fallbacks). */
export const ACCEPT: Record<PageFormat, string> = {
  negotiate: `${PEP691_JSON}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01`,
  json: PEP691_JSON,
  html: 'application/vnd.pypi.simple.v1+html, text/html;q=0.01',
};

export interface HttpPackageIndexOptions extends HttpClientOptions {
  /** Index base URLs (`https://pypi.org/simple/`) in priority order; `user:password@` is allowed. */
  indexUrls: readonly string[];
  /** Page representation to ask for (default `negotiate`). */
  format?: PageFormat;
  /** On-disk HTTP cache directory; no cache when absent. */
  cacheDir?: string;
  /** A netrc file to read credentials from (its absence is not an error). */
  netrcPath?: string;
  /** Clock for cache freshness (ms since the epoch). */
  now?: () => number;
  /** Share an HttpClient (its Agent, limits and credentials) instead of creating one. */
  http?: HttpClient;
  /** Reuse project-page answers other clients of this process fetched moments ago (page-memo.ts). */
  pageMemo?: PageMemo;
}

/** Counters for benchmarks and tests: what went over the wire and what the cache answered. */
export interface IndexClientStats {
  pageRequests: number;
  pagesFromCache: number;
  pagesNotModified: number;
  metadataFileRequests: number;
  rangeRequests: number;
  fullDownloads: number;
  metadataFromCache: number;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

export class HttpPackageIndex implements PackageIndex {
  readonly indexUrls: readonly string[];
  readonly stats: IndexClientStats = {
    pageRequests: 0,
    pagesFromCache: 0,
    pagesNotModified: 0,
    metadataFileRequests: 0,
    rangeRequests: 0,
    fullDownloads: 0,
    metadataFromCache: 0,
  };
  private readonly http: HttpClient;
  private readonly ownsHttp: boolean;
  private readonly cache: HttpCache | undefined;
  private readonly logger: Logger;
  private readonly format: PageFormat;
  private readonly pageMemo: PageMemo | undefined;
  /** Origins seen answering a Range request with the whole file (uv remembers this too). */
  private readonly noRangeOrigins = new Set<string>();

  constructor(options: HttpPackageIndexOptions) {
    if (options.indexUrls.length === 0) throw new TypeError('HttpPackageIndex needs at least one index URL');
    this.ownsHttp = options.http === undefined;
    this.http = options.http ?? new HttpClient(options);
    if (options.netrcPath !== undefined) this.http.credentials.loadNetrc(options.netrcPath);
    this.indexUrls = options.indexUrls.map((url) => {
      const bare = this.http.credentials.register(url);
      return bare.endsWith('/') ? bare : `${bare}/`;
    });
    this.cache = options.cacheDir === undefined ? undefined : new HttpCache(options.cacheDir, options.now);
    this.logger = (options.logger ?? silentLogger).child({ component: 'index-client' });
    this.format = options.format ?? 'negotiate';
    this.pageMemo = options.pageMemo;
  }

  async getProject(name: string): Promise<ProjectLookup> {
    if (this.pageMemo === undefined) return this.fetchProject(name);
    const key = `${this.indexUrls.join(' ')}\u0000${canonicalizeName(name)}`;
    return this.pageMemo.lookup(key, () => this.fetchProject(name));
  }

  private async fetchProject(name: string): Promise<ProjectLookup> {
    const normalizedName = canonicalizeName(name);
    for (const indexUrl of this.indexUrls) {
      const pageUrl = new URL(`${normalizedName}/`, indexUrl).toString();
      const response = await this.fetchPage(pageUrl);
      if (response.status === 404 || response.status === 410) continue;
      if (
        response.status === 401 ||
        response.status === 403 ||
        (response.status >= 400 && response.status < 500)
      ) {
        throw new IndexRequestRejectedError(pageUrl, response.status, {
          context: { package: normalizedName },
        });
      }
      if (response.status !== 200) {
        throw new IndexPageError(pageUrl, `unexpected HTTP status ${response.status}`);
      }
      const page = this.readPage(response, { pageUrl, indexUrl, requestedName: name });
      if (page.droppedFiles.length > 0) {
        this.logger.warn(
          { url: pageUrl, dropped: page.droppedFiles.length, first: page.droppedFiles[0] },
          'dropped malformed file entries from an index page',
        );
      }
      return page;
    }
    return { kind: 'not-found', name, normalizedName, indexUrls: this.indexUrls };
  }

  async getCoreMetadata(file: ProjectFile): Promise<MetadataLookup> {
    const kind = fileKind(file.filename);
    const distribution = wheelDistribution(file.filename);
    const parseOptions = {
      filename: file.filename,
      ...(distribution === undefined ? {} : { expectedProject: distribution }),
    };
    if (file.coreMetadata !== false && kind !== 'other') {
      const bytes = await this.fetchMetadataFile(file);
      if (bytes !== undefined) return parseCoreMetadata(bytes, { ...parseOptions, source: 'pep658' });
    }
    if (kind === 'wheel') {
      const { bytes, source } = await this.readWheelMetadata(file);
      return parseCoreMetadata(bytes, { ...parseOptions, source });
    }
    if (kind === 'sdist-tar-gz' || kind === 'sdist-zip') return this.readSdistMetadata(file, kind);
    return {
      kind: 'needs-build',
      filename: file.filename,
      reason: 'unsupported-file-type',
      detail: `${file.filename} is neither a wheel nor a .tar.gz/.zip sdist`,
    };
  }

  /** Close connections if this index created its HTTP client. */
  async close(): Promise<void> {
    if (this.ownsHttp) await this.http.close();
  }

  // -- pages ----------------------------------------------------------------------------------------

  private async fetchPage(url: string): Promise<HttpResponse> {
    const accept = ACCEPT[this.format];
    const key = `${accept}\n${url}`;
    const cached = await this.cache?.getPage(key);
    if (cached !== undefined && this.cache!.isFresh(cached.meta)) {
      this.stats.pagesFromCache++;
      return cachedResponse(cached.meta.url, cached.meta.contentType, cached.body);
    }
    const headers: Record<string, string> = { accept, 'accept-encoding': 'gzip, deflate, br' };
    if (cached?.meta.etag !== undefined) headers['if-none-match'] = cached.meta.etag;
    if (cached?.meta.lastModified !== undefined) headers['if-modified-since'] = cached.meta.lastModified;
    this.stats.pageRequests++;
    this.logger.debug({ url: redactUrlCredentials(url) }, 'fetching index page');
    const response = await this.http.request({ url, headers });
    const control = readCacheControl(response.headers['cache-control']);
    if (response.status === 304 && cached !== undefined) {
      this.stats.pagesNotModified++;
      await this.cache!.putPage(key, { ...cached.meta, maxAgeSeconds: control.maxAgeSeconds }, cached.body);
      return cachedResponse(cached.meta.url, cached.meta.contentType, cached.body);
    }
    if (response.status === 200 && this.cache !== undefined && control.isStorable) {
      await this.cache.putPage(
        key,
        {
          url: response.url,
          contentType: response.headers['content-type'],
          etag: response.headers['etag'],
          lastModified: response.headers['last-modified'],
          maxAgeSeconds: control.maxAgeSeconds,
        },
        response.body,
      );
    }
    return response;
  }

  private readPage(
    response: HttpResponse,
    context: { pageUrl: string; indexUrl: string; requestedName: string },
  ): ProjectPage {
    const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const body = response.body.toString('utf8');
    // The page URL after redirects is the base links resolve against.
    const pageContext = { ...context, pageUrl: response.url };
    if (contentType === PEP691_JSON || contentType === 'application/json')
      return readJsonProjectPage(body, pageContext);
    if (
      contentType === 'text/html' ||
      contentType === 'application/vnd.pypi.simple.v1+html' ||
      contentType === ''
    ) {
      // Some static mirrors send no content type; a JSON body is recognised by its first character.
      if (contentType === '' && body.trimStart().startsWith('{'))
        return readJsonProjectPage(body, pageContext);
      return readHtmlProjectPage(body, pageContext);
    }
    throw new IndexPageError(response.url, `unexpected content type ${JSON.stringify(contentType)}`);
  }

  // -- metadata -------------------------------------------------------------------------------------

  /** PEP 658 metadata bytes, hash-verified; undefined when the advertised file is missing (404). */
  private async fetchMetadataFile(file: ProjectFile): Promise<Buffer | undefined> {
    const expected = file.coreMetadata === false ? {} : file.coreMetadata.hashes;
    const cacheKey = expected['sha256'] ?? file.hashes['sha256'];
    if (cacheKey !== undefined) {
      const hit = await this.cache?.getImmutable('pep658', cacheKey);
      if (hit !== undefined) {
        this.stats.metadataFromCache++;
        return hit;
      }
    }
    const url = `${file.url}.metadata`;
    this.stats.metadataFileRequests++;
    const response = await this.http.request({ url, headers: { 'accept-encoding': 'gzip' } });
    if (response.status === 404) {
      // PEP 658 says an advertised file exists; some mirrors advertise without serving. Fall back.
      this.logger.warn({ url }, 'advertised PEP 658 metadata is missing; reading the distribution instead');
      return undefined;
    }
    this.assertOk(response, url);
    verifyHashes(response.body, expected, `${file.filename}.metadata`);
    if (cacheKey !== undefined) await this.cache?.putImmutable('pep658', cacheKey, response.body);
    return response.body;
  }

  private async readWheelMetadata(
    file: ProjectFile,
  ): Promise<{ bytes: Buffer; source: 'wheel-range' | 'wheel-download' }> {
    const cacheKey = file.hashes['sha256'];
    if (cacheKey !== undefined) {
      const hit = await this.cache?.getImmutable('wheel-metadata', cacheKey);
      if (hit !== undefined) {
        this.stats.metadataFromCache++;
        return { bytes: hit, source: 'wheel-range' };
      }
    }
    const origin = new URL(file.url).origin;
    const source = this.noRangeOrigins.has(origin)
      ? bufferZipSource(file.filename, await this.download(file))
      : new HttpRangeSource(this, file);
    const archive = await ZipArchive.open(source);
    const entry = findWheelMetadataEntry(archive.entries, file.filename);
    if (entry === undefined)
      throw new MetadataParseError(file.filename, 'the wheel has no *.dist-info/METADATA');
    const bytes = await archive.read(entry);
    const wasDownloaded = !(source instanceof HttpRangeSource) || source.wholeFile !== undefined;
    if (source instanceof HttpRangeSource && source.wholeFile !== undefined) {
      this.noRangeOrigins.add(origin);
      this.logger.info({ origin }, 'index ignores HTTP Range; downloading whole wheels from it');
      verifyHashes(source.wholeFile, file.hashes, file.filename);
    }
    if (cacheKey !== undefined) await this.cache?.putImmutable('wheel-metadata', cacheKey, bytes);
    return { bytes, source: wasDownloaded ? 'wheel-download' : 'wheel-range' };
  }

  private async readSdistMetadata(
    file: ProjectFile,
    kind: 'sdist-tar-gz' | 'sdist-zip',
  ): Promise<MetadataLookup> {
    const cacheKey = file.hashes['sha256'];
    let pkgInfo =
      cacheKey === undefined ? undefined : await this.cache?.getImmutable('sdist-pkg-info', cacheKey);
    if (pkgInfo !== undefined) this.stats.metadataFromCache++;
    else {
      const bytes = await this.download(file);
      pkgInfo =
        kind === 'sdist-tar-gz'
          ? await readPkgInfoFromTarGz(file.filename, bytes)
          : await readPkgInfoFromZip(file.filename, bytes);
      if (pkgInfo === undefined) {
        return {
          kind: 'needs-build',
          filename: file.filename,
          reason: 'sdist-without-pkg-info',
          detail: `${file.filename} has no top-level PKG-INFO`,
        };
      }
      if (cacheKey !== undefined) await this.cache?.putImmutable('sdist-pkg-info', cacheKey, pkgInfo);
    }
    const metadata = parseCoreMetadata(pkgInfo, { filename: file.filename, source: 'sdist-pkg-info' });
    // PEP 643: only from Metadata-Version 2.2 on may an sdist's PKG-INFO be trusted, and only for
    // fields not marked Dynamic (they are filled in at build time).
    if (compareMetadataVersions(metadata.metadataVersion, '2.2') < 0) {
      return {
        kind: 'needs-build',
        filename: file.filename,
        reason: 'sdist-metadata-too-old',
        detail: `PKG-INFO has Metadata-Version ${metadata.metadataVersion}; PEP 643 needs 2.2 or later`,
      };
    }
    const dynamic = metadata.dynamic.filter(
      (field) => field === 'requires-dist' || field === 'requires-python',
    );
    if (dynamic.length > 0) {
      return {
        kind: 'needs-build',
        filename: file.filename,
        reason: 'sdist-dynamic-dependencies',
        detail: `PKG-INFO marks ${dynamic.join(' and ')} as Dynamic`,
      };
    }
    return metadata;
  }

  /** The whole file, hash-verified. */
  async download(file: ProjectFile): Promise<Buffer> {
    this.stats.fullDownloads++;
    // identity: a .tar.gz must not be "decoded" by a server that labels it Content-Encoding: gzip.
    const response = await this.http.request({ url: file.url, headers: { 'accept-encoding': 'identity' } });
    this.assertOk(response, file.url);
    verifyHashes(response.body, file.hashes, file.filename);
    return response.body;
  }

  /** A GET with a Range header (identity encoding, so offsets are the file's own). */
  async rangeRequest(url: string, range: string): Promise<HttpResponse> {
    this.stats.rangeRequests++;
    const response = await this.http.request({ url, headers: { range, 'accept-encoding': 'identity' } });
    if (response.status !== 206 && response.status !== 200 && response.status !== 416)
      this.assertOk(response, url);
    return response;
  }

  private assertOk(response: HttpResponse, url: string): void {
    if (response.status === 200 || response.status === 206) return;
    if (response.status === 404 || response.status === 410) throw new IndexFileNotFoundError(url);
    throw new IndexRequestRejectedError(url, response.status);
  }
}

/** A ZipSource over HTTP Range requests; it keeps the whole body if the server ignores Range. */
class HttpRangeSource implements ZipSource {
  /** The whole file, when the server answered a range request with 200. */
  wholeFile: Buffer | undefined;
  readonly name: string;

  constructor(
    private readonly index: HttpPackageIndex,
    private readonly file: ProjectFile,
  ) {
    this.name = file.filename;
  }

  async readTail(length: number): Promise<{ bytes: Buffer; size: number }> {
    if (this.wholeFile !== undefined) return tailOf(this.wholeFile, length);
    // A suffix range needs no HEAD request: Content-Range tells the total size (PEP 700 size is not
    // on HTML pages).
    const response = await this.index.rangeRequest(this.file.url, `bytes=-${length}`);
    if (response.status === 416) {
      this.wholeFile = await this.index.download(this.file);
      return tailOf(this.wholeFile, length);
    }
    if (response.status === 200) {
      this.wholeFile = response.body;
      return tailOf(this.wholeFile, length);
    }
    const match = CONTENT_RANGE.exec(response.headers['content-range'] ?? '');
    if (match === null || match[3] === '*') {
      throw new IndexPageError(
        this.file.url,
        `206 response without a usable Content-Range (${response.headers['content-range']})`,
      );
    }
    return { bytes: response.body, size: Number(match[3]) };
  }

  async read(offset: number, length: number): Promise<Buffer> {
    if (this.wholeFile !== undefined) return this.wholeFile.subarray(offset, offset + length);
    if (length <= 0) return Buffer.alloc(0);
    const response = await this.index.rangeRequest(this.file.url, `bytes=${offset}-${offset + length - 1}`);
    if (response.status === 200) {
      this.wholeFile = response.body;
      return this.wholeFile.subarray(offset, offset + length);
    }
    return response.body;
  }
}

function tailOf(bytes: Buffer, length: number): { bytes: Buffer; size: number } {
  return { bytes: bytes.subarray(Math.max(0, bytes.length - length)), size: bytes.length };
}

function cachedResponse(url: string, contentType: string | undefined, body: Buffer): HttpResponse {
  return {
    status: 200,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body,
    url,
  };
}

const SUPPORTED_HASHES = new Set(getHashes().map((h) => h.toLowerCase()));
const PREFERRED_HASHES = ['sha256', 'sha512', 'sha384', 'sha224', 'sha1', 'md5'];

/** Check `bytes` against the strongest published digest node can compute; no digest, no check. */
export function verifyHashes(bytes: Buffer, hashes: Hashes, what: string): void {
  const algorithm =
    PREFERRED_HASHES.find((a) => hashes[a] !== undefined) ??
    Object.keys(hashes).find((a) => SUPPORTED_HASHES.has(a));
  if (algorithm === undefined) return;
  const actual = createHash(algorithm).update(bytes).digest('hex');
  if (actual !== hashes[algorithm]) throw new HashMismatchError(what, algorithm, hashes[algorithm]!, actual);
}
