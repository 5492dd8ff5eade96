// Where OSV records come from: a directory tree of YAML/JSON files (a pypa/advisory-database checkout),
// an OSV archive (a zip of JSON records, e.g. OSV's PyPI/all.zip) from a file or a URL, and PyPI's
// per-release JSON API, whose `vulnerabilities` array PyPI fills from the advisory database.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { InputError } from '../../errors/index.js';
import { bufferZipSource, ZipArchive } from '../../index/index.js';
import type { HttpClient } from '../../index/index.js';
import { canonicalizeName } from '../../python/index.js';
import { OsvSourceError } from '../errors.js';
import { parseOsvText, readOsvRecord } from './parse.js';
import type { OsvReadResult } from './types.js';

const RECORD_FILE = /\.(ya?ml|json)$/i;

/** Every OSV file under `dir`, in sorted path order (deterministic imports). */
export async function* readOsvDirectory(dir: string): AsyncGenerator<OsvReadResult> {
  const files: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const entries = await readdir(at, { withFileTypes: true });
    for (const entry of entries) {
      // Dot folders (.git) and pypa's triage/ hold no published records.
      if (entry.name.startsWith('.')) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'triage') await walk(path);
      } else if (entry.isFile() && RECORD_FILE.test(entry.name)) files.push(path);
    }
  };
  await walk(dir);
  files.sort();
  for (const file of files) {
    yield parseOsvText(await readFile(file, 'utf8'), relative(dir, file));
  }
}

/** Every JSON record of an OSV zip archive held in memory; `name` labels skip reasons. */
export async function* readOsvArchive(name: string, bytes: Buffer): AsyncGenerator<OsvReadResult> {
  const archive = await ZipArchive.open(bufferZipSource(name, bytes));
  const entries = archive.entries
    .filter((e) => RECORD_FILE.test(e.name) && !e.name.endsWith('/'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const text = (await archive.read(entry)).toString('utf8');
    yield parseOsvText(text, `${name}:${entry.name}`);
  }
}

/** What `--source` names: a directory, an archive file, a single record file, or an http(s) URL. */
export type OsvSourceKind = 'directory' | 'archive-file' | 'record-file' | 'url';

/** Classify a source argument; throws InputError when a local path does not exist. */
export async function classifyOsvSource(source: string): Promise<OsvSourceKind> {
  if (/^https?:\/\//i.test(source)) return 'url';
  let info;
  try {
    info = await stat(source);
  } catch {
    throw new InputError(`OSV source "${source}" does not exist; give a directory, a .zip or an http(s) URL`);
  }
  if (info.isDirectory()) return 'directory';
  return /\.zip$/i.test(source) ? 'archive-file' : 'record-file';
}

/**
 * Records from any source. A URL must serve a zip archive (OSV publishes `<ecosystem>/all.zip`); host
 * failures surface as the HTTP client's retriable errors.
 */
export async function* readOsvSource(source: string, http?: HttpClient): AsyncGenerator<OsvReadResult> {
  const kind = await classifyOsvSource(source);
  if (kind === 'directory') {
    yield* readOsvDirectory(source);
  } else if (kind === 'archive-file') {
    yield* readOsvArchive(source, await readFile(source));
  } else if (kind === 'record-file') {
    yield parseOsvText(await readFile(source, 'utf8'), source);
  } else {
    if (http === undefined)
      throw new InputError(`OSV source "${source}" is a URL but no HTTP client was given`);
    const response = await http.request({ url: source, headers: { 'accept-encoding': 'identity' } });
    if (response.status !== 200) {
      throw new OsvSourceError(source, `HTTP ${response.status}`, { retriable: response.status >= 500 });
    }
    yield* readOsvArchive(source, response.body);
  }
}

/** One item of the `vulnerabilities` array of PyPI's release JSON (what pip-audit reads). */
export interface PypiVulnerability {
  id: string;
  aliases: string[];
  summary: string | undefined;
  details: string | undefined;
  fixedIn: string[];
  link: string | undefined;
  withdrawn: string | undefined;
}

/**
 * The vulnerabilities PyPI lists for one release, read leniently: `undefined` when PyPI does not know
 * the release (404), so a missing release is a value, not an error.
 */
export async function fetchPypiVulnerabilities(
  http: HttpClient,
  name: string,
  version: string,
  baseUrl = 'https://pypi.org/pypi',
): Promise<PypiVulnerability[] | undefined> {
  const url = `${baseUrl.replace(/\/+$/, '')}/${canonicalizeName(name)}/${encodeURIComponent(version)}/json`;
  const response = await http.request({ url, headers: { accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (response.status !== 200) {
    throw new OsvSourceError(url, `HTTP ${response.status}`, { retriable: response.status >= 500 });
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new OsvSourceError(url, `not JSON (${(error as Error).message})`, { cause: error });
  }
  const list = (body as { vulnerabilities?: unknown }).vulnerabilities;
  return readPypiVulnerabilities(Array.isArray(list) ? list : []);
}

/** Read PyPI's `vulnerabilities` items; items without an id are dropped. */
export function readPypiVulnerabilities(items: readonly unknown[]): PypiVulnerability[] {
  const out: PypiVulnerability[] = [];
  for (const item of items) {
    // Reuse the OSV reader for the shared fields; PyPI's extra fields are read below.
    const read = readOsvRecord({ ...(item as object), modified: '1970-01-01T00:00:00Z' }, 'pypi');
    if (read.kind !== 'record') continue;
    const raw = item as { fixed_in?: unknown; link?: unknown; withdrawn?: unknown };
    out.push({
      id: read.record.id,
      aliases: read.record.aliases,
      summary: read.record.summary,
      details: read.record.details,
      fixedIn: Array.isArray(raw.fixed_in)
        ? raw.fixed_in.filter((v): v is string => typeof v === 'string')
        : [],
      link: typeof raw.link === 'string' ? raw.link : undefined,
      withdrawn: typeof raw.withdrawn === 'string' ? raw.withdrawn : undefined,
    });
  }
  return out;
}
