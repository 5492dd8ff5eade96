// One project page with the validators the freshness checks need: the ETag (to ask "changed?" with
// If-None-Match) and the project's last serial (PEP 691 `meta._last-serial`, or PyPI's
// `X-PyPI-Last-Serial` header), which lib/index's PackageIndex port does not expose.
import { canonicalizeName } from '../python/index.js';
import {
  fileVersion,
  IndexPageError,
  IndexRequestRejectedError,
  PEP691_JSON,
  readHtmlProjectPage,
  readJsonProjectPage,
} from '../index/index.js';
import type { HttpClient, ProjectPage } from '../index/index.js';
import { normalizeVersion } from './known.js';

/** Prefer PEP 691 JSON (it carries `_last-serial`, versions and upload times); HTML as a fallback. */
const ACCEPT = `${PEP691_JSON}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01`;

export type PageLookup =
  | { kind: 'not-modified' }
  | { kind: 'not-found' }
  | { kind: 'page'; page: ProjectPage; etag: string | undefined; serial: string | undefined };

export const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

export async function fetchProjectPage(
  http: HttpClient,
  indexUrl: string,
  name: string,
  etag?: string,
): Promise<PageLookup> {
  const normalized = canonicalizeName(name);
  const url = new URL(`${normalized}/`, withSlash(indexUrl)).toString();
  const headers: Record<string, string> = { accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' };
  if (etag !== undefined) headers['if-none-match'] = etag;
  const response = await http.request({ url, headers });
  if (response.status === 304) return { kind: 'not-modified' };
  if (response.status === 404 || response.status === 410) return { kind: 'not-found' };
  if (response.status !== 200) throw new IndexRequestRejectedError(url, response.status);
  const context = { pageUrl: response.url, indexUrl: withSlash(indexUrl), requestedName: name };
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = response.body.toString('utf8');
  let serial = response.headers['x-pypi-last-serial'];
  let page: ProjectPage;
  if (contentType === PEP691_JSON || contentType === 'application/json' || body.trimStart().startsWith('{')) {
    page = readJsonProjectPage(body, context);
    const meta = (JSON.parse(body) as { meta?: Record<string, unknown> }).meta;
    const fromMeta = meta?.['_last-serial'] ?? meta?.['last_serial'];
    if (typeof fromMeta === 'string' || typeof fromMeta === 'number') serial = String(fromMeta);
  } else if (contentType.includes('html') || contentType === '') {
    page = readHtmlProjectPage(body, context);
  } else {
    throw new IndexPageError(url, `unexpected content type ${JSON.stringify(contentType)}`);
  }
  return { kind: 'page', page, etag: response.headers['etag'], serial };
}

export interface PageRelease {
  version: string;
  /** Files of the release by name, with their sha256 when published. */
  files: Map<string, string | undefined>;
  /** The earliest upload time of its files (PEP 700), null when the index does not say. */
  uploadTime: string | null;
}

/** Releases on a page keyed by normalized version: PEP 700 `versions` plus versions named by files. */
export function pageReleases(page: ProjectPage): Map<string, PageRelease> {
  const out = new Map<string, PageRelease>();
  const get = (version: string): PageRelease => {
    const key = normalizeVersion(version);
    let release = out.get(key);
    if (release === undefined) {
      release = { version, files: new Map(), uploadTime: null };
      out.set(key, release);
    }
    return release;
  };
  for (const version of page.versions ?? []) get(version);
  for (const file of page.files) {
    const version = fileVersion(file.filename, page.normalizedName);
    if (version === undefined) continue;
    const release = get(version);
    release.files.set(file.filename, file.hashes['sha256']);
    if (
      file.uploadTime !== undefined &&
      (release.uploadTime === null || file.uploadTime < release.uploadTime)
    ) {
      release.uploadTime = file.uploadTime;
    }
  }
  return out;
}
