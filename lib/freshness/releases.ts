// package-releases: notice new releases without rescanning every package (the original re-read every
// version of every known package twice a day — reference/thoth-pipeline.md §8, §12.1 #10).
// - PyPI: its changelog by serial (XML-RPC), one call per run in the steady state.
// - Other PEP 691/503 indexes: per project, a conditional GET (If-None-Match with the stored ETag) and
//   the project's `_last-serial`; only pages that changed are read, and versions are compared with the
//   ones recorded at the previous run.
// The position (serial, or per-project validators and versions) is kept in `watch_position` under
// `package-releases:<index url>`. The first run records a baseline and announces nothing.
// An index that refuses its changelog (HTTP 405/403/404/410) is watched page by page instead, and goes
// back to the changelog once it answers again.
import pLimit from 'p-limit';
import { getWatchPosition } from '../graph/index.js';
import type { SqlExecutor } from '../graph/index.js';
import type { HttpClient } from '../index/index.js';
import { canonicalizeName } from '../python/index.js';
import { ThothError } from '../errors/index.js';
import { changelogLastSerial, readChangelog } from './changelog.js';
import type { XmlRpcClientOptions } from './xmlrpc.js';
import { knownPackageNames, knownReleases, normalizeVersion } from './known.js';
import { fetchProjectPage, pageReleases } from './pages.js';
import { packageReleasedMessage } from './messages.js';
import type { FreshnessMessage } from './messages.js';

/** Which packages Thoth cares about: those with releases in the graph, an explicit list, or all. */
export type WatchScope = { kind: 'seen' } | { kind: 'list'; names: readonly string[] } | { kind: 'all' };

export interface WatchOptions {
  /** The index as the graph names it (python_index.url). */
  indexUrl: string;
  scope: WatchScope;
  /** XML-RPC endpoint of the index's changelog (PyPI: https://pypi.org/pypi); undefined: read pages. */
  changelogUrl?: string;
  http: HttpClient;
  xmlrpc?: XmlRpcClientOptions;
  /** Pages fetched at once in page mode (default 8). */
  concurrency?: number;
}

export interface NewRelease {
  name: string;
  version: string;
  indexUrl: string;
  uploadTime: string | null;
}

export interface WatchResult {
  positionName: string;
  /** Store this (setWatchPosition) once the messages are safely written. */
  nextPosition: string;
  mode: 'changelog' | 'pages';
  /** True when there was no stored position: a baseline was recorded and nothing announced. */
  baseline: boolean;
  released: NewRelease[];
  messages: FreshnessMessage[];
  /** Page mode: pages read, pages answered 304 or with an unchanged serial, projects not found. */
  pages: { fetched: number; unchanged: number; notFound: number };
  /** Set when the index refused its changelog and its pages were read instead: the refusal. */
  changelogRefused?: string;
}

interface ChangelogPosition {
  mode: 'changelog';
  serial: number;
}
interface ProjectState {
  etag?: string;
  serial?: string;
  versions: string[];
}
interface PagesPosition {
  mode: 'pages';
  projects: Record<string, ProjectState>;
}

export const positionNameFor = (indexUrl: string): string => `package-releases:${indexUrl}`;

/** The stored position is ours; a different shape means someone else wrote it. */
class WatchPositionError extends ThothError {
  constructor(name: string, reason: string) {
    super('malformed-watch-position', `watch position ${name} is unreadable: ${reason}`, {
      context: { name },
    });
  }
}

function readPosition(name: string, raw: string | undefined): ChangelogPosition | PagesPosition | undefined {
  if (raw === undefined) return undefined;
  try {
    const data = JSON.parse(raw) as ChangelogPosition | PagesPosition;
    if (data.mode === 'changelog' && Number.isInteger(data.serial)) return data;
    if (data.mode === 'pages' && typeof data.projects === 'object' && data.projects !== null) return data;
  } catch (error) {
    throw new WatchPositionError(name, (error as Error).message);
  }
  throw new WatchPositionError(name, 'neither a changelog serial nor page validators');
}

/** Names in scope, or undefined for "every project". */
async function scopeNames(db: SqlExecutor, options: WatchOptions): Promise<Set<string> | undefined> {
  if (options.scope.kind === 'all') return undefined;
  if (options.scope.kind === 'list') return new Set(options.scope.names.map((n) => canonicalizeName(n)));
  return new Set(await knownPackageNames(db, options.indexUrl));
}

/** Drop releases the graph already has (a solver may have synced them before we noticed). */
async function withoutKnown(
  db: SqlExecutor,
  indexUrl: string,
  releases: NewRelease[],
): Promise<NewRelease[]> {
  const names = [...new Set(releases.map((r) => r.name))];
  const known = await knownReleases(db, indexUrl, names);
  return releases.filter(
    (r) => !(known.get(r.name) ?? []).some((k) => k.normalizedVersion === normalizeVersion(r.version)),
  );
}

/**
 * True when the index refuses its XML-RPC changelog outright (405, 403, 404, 410): PyPI has been
 * deprecating XML-RPC, and some networks block POST to it. Server errors and 429 are transient and
 * stay errors (the workflow retries).
 */
function isChangelogRefusal(error: unknown): error is ThothError {
  if (!(error instanceof ThothError) || error.code !== 'xmlrpc-request-rejected') return false;
  const status = error.context['status'];
  return status === 405 || status === 403 || status === 404 || status === 410;
}

interface Found {
  released: NewRelease[];
  next: ChangelogPosition | PagesPosition;
  baseline: boolean;
}

async function viaChangelog(
  db: SqlExecutor,
  options: WatchOptions,
  url: string,
  stored: ChangelogPosition | undefined,
): Promise<Found> {
  if (stored === undefined) {
    return {
      released: [],
      next: { mode: 'changelog', serial: await changelogLastSerial(url, options.xmlrpc) },
      baseline: true,
    };
  }
  const { entries, lastSerial } = await readChangelog(url, stored.serial, options.xmlrpc);
  const names = await scopeNames(db, options);
  const seen = new Set<string>();
  const released: NewRelease[] = [];
  for (const entry of entries) {
    // "new release" is logged once per release; file uploads and yanks are other actions.
    if (entry.action !== 'new release' || entry.version === null) continue;
    const name = canonicalizeName(entry.name);
    if (names !== undefined && !names.has(name)) continue;
    const id = `${name}\n${normalizeVersion(entry.version)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    released.push({
      name,
      version: entry.version,
      indexUrl: options.indexUrl,
      uploadTime: Number.isFinite(entry.timestamp) ? new Date(entry.timestamp * 1000).toISOString() : null,
    });
  }
  return { released, next: { mode: 'changelog', serial: lastSerial }, baseline: false };
}

async function viaPages(
  db: SqlExecutor,
  options: WatchOptions,
  stored: PagesPosition | undefined,
  pages: WatchResult['pages'],
): Promise<Found> {
  const previous = stored?.projects;
  const names = await scopeNames(db, options);
  const candidates = names !== undefined ? [...names].sort() : await listProjects(options);
  const projects: Record<string, ProjectState> = {};
  const limit = pLimit(options.concurrency ?? 8);
  const found: NewRelease[][] = await Promise.all(
    candidates.map((name) =>
      limit(async (): Promise<NewRelease[]> => {
        const before = previous?.[name];
        const lookup = await fetchProjectPage(options.http, options.indexUrl, name, before?.etag);
        if (lookup.kind === 'not-modified') {
          pages.unchanged++;
          projects[name] = before!;
          return [];
        }
        if (lookup.kind === 'not-found') {
          // Gone or not there yet: package-update reports disappearances; keep what we knew.
          pages.notFound++;
          if (before !== undefined) projects[name] = before;
          return [];
        }
        pages.fetched++;
        const releases = pageReleases(lookup.page);
        const state: ProjectState = { versions: [...releases.keys()].sort() };
        if (lookup.etag !== undefined) state.etag = lookup.etag;
        if (lookup.serial !== undefined) state.serial = lookup.serial;
        projects[name] = state;
        // A project first seen now is a baseline too: announcing its whole history would flood.
        if (before === undefined) return [];
        if (before.serial !== undefined && before.serial === lookup.serial) {
          pages.unchanged++;
          return [];
        }
        const old = new Set(before.versions);
        return [...releases]
          .filter(([key]) => !old.has(key))
          .map(([, r]) => ({
            name,
            version: r.version,
            indexUrl: options.indexUrl,
            uploadTime: r.uploadTime,
          }));
      }),
    ),
  );
  return {
    released: found.flat(),
    next: { mode: 'pages', projects: Object.fromEntries(Object.entries(projects).sort()) },
    baseline: previous === undefined,
  };
}

export async function watchReleases(db: SqlExecutor, options: WatchOptions): Promise<WatchResult> {
  const positionName = positionNameFor(options.indexUrl);
  const stored = readPosition(positionName, await getWatchPosition(db, positionName));
  const pages = { fetched: 0, unchanged: 0, notFound: 0 };
  const url = options.changelogUrl;
  let found: Found | undefined;
  let mode: WatchResult['mode'] = 'pages';
  let changelogRefused: string | undefined;

  if (url !== undefined && stored?.mode !== 'pages') {
    try {
      found = await viaChangelog(db, options, url, stored);
      mode = 'changelog';
    } catch (error) {
      if (!isChangelogRefusal(error)) throw error;
      // Refused: watch the projects in scope page by page from now on (the first run is a baseline).
      changelogRefused = error.message;
    }
  }
  if (found === undefined) {
    // Back from page mode to the changelog when it answers again: its serial is read before the pages,
    // so a release published in between is read again from the changelog next time (at least once).
    let serial: number | undefined;
    if (url !== undefined && stored?.mode === 'pages') {
      serial = await changelogLastSerial(url, options.xmlrpc).catch((error: unknown) => {
        if (!isChangelogRefusal(error)) throw error;
        changelogRefused = error.message;
        return undefined;
      });
    }
    found = await viaPages(db, options, stored?.mode === 'pages' ? stored : undefined, pages);
    if (serial !== undefined) found.next = { mode: 'changelog', serial };
  }

  const released = await withoutKnown(db, options.indexUrl, found.released);
  return {
    positionName,
    nextPosition: JSON.stringify(found.next),
    mode,
    baseline: found.baseline,
    released,
    messages: released.map(packageReleasedMessage),
    pages,
    ...(changelogRefused === undefined ? {} : { changelogRefused }),
  };
}

/** Every project on the index (scope "all" in page mode): the PEP 503/691 root page. */
async function listProjects(options: WatchOptions): Promise<string[]> {
  const root = options.indexUrl.endsWith('/') ? options.indexUrl : `${options.indexUrl}/`;
  const response = await options.http.request({
    url: root,
    headers: { accept: 'application/vnd.pypi.simple.v1+json, text/html;q=0.1' },
  });
  const body = response.body.toString('utf8');
  if (body.trimStart().startsWith('{')) {
    const data = JSON.parse(body) as { projects?: { name?: unknown }[] };
    return (data.projects ?? [])
      .map((p) => (typeof p.name === 'string' ? canonicalizeName(p.name) : ''))
      .filter((n) => n !== '')
      .sort();
  }
  return [...body.matchAll(/<a\b[^>]*>([^<]+)<\/a>/gi)].map((m) => canonicalizeName(m[1]!.trim())).sort();
}
