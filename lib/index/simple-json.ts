// PEP 691 JSON project pages (`application/vnd.pypi.simple.v1+json`), with PEP 700 (versions, size,
// upload-time), PEP 714 (`core-metadata`, falling back to `data-dist-info-metadata`) and PEP 592
// (yanked as a bool or a reason). Read leniently: a malformed file entry is dropped and reported.
import { canonicalizeName } from '../python/name/index.js';
import { IndexPageError } from './errors.js';
import { normalizeHashes, resolveFileLink } from './simple-common.js';
import type { ProjectFile, ProjectPage } from './types.js';

export const PEP691_JSON = 'application/vnd.pypi.simple.v1+json';

export interface ReadPageContext {
  /** The URL the page was read from (links resolve against it). */
  pageUrl: string;
  /** The index base URL, credentials removed. */
  indexUrl: string;
  /** The project name that was asked for. */
  requestedName: string;
}

/** Parse a PEP 691 project page; throws IndexPageError when the body is not one at all. */
export function readJsonProjectPage(body: string, context: ReadPageContext): ProjectPage {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new IndexPageError(context.pageUrl, `the body is not JSON (${(error as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new IndexPageError(context.pageUrl, 'the JSON body is not an object');
  }
  const page = data as Record<string, unknown>;
  const meta = page['meta'];
  const apiVersion =
    meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>)['api-version'] : undefined;
  if (typeof apiVersion === 'string' && !/^1(\.|$)/.test(apiVersion)) {
    // PEP 629: a major version we do not know means we cannot trust our reading of the page.
    throw new IndexPageError(
      context.pageUrl,
      `unsupported api-version ${apiVersion} (this client reads 1.x)`,
    );
  }
  if (!Array.isArray(page['files'])) {
    throw new IndexPageError(context.pageUrl, 'the `files` key is missing or not an array');
  }
  const files: ProjectFile[] = [];
  const droppedFiles: { entry: string; reason: string }[] = [];
  for (const [position, entry] of (page['files'] as unknown[]).entries()) {
    const result = readFileEntry(entry, context);
    if (typeof result === 'string') {
      droppedFiles.push({ entry: describeEntry(entry, position), reason: result });
    } else {
      files.push(result);
    }
  }
  const name = typeof page['name'] === 'string' && page['name'] !== '' ? page['name'] : context.requestedName;
  const versions = Array.isArray(page['versions'])
    ? (page['versions'] as unknown[]).filter((v): v is string => typeof v === 'string')
    : undefined;
  return {
    kind: 'project',
    name,
    normalizedName: canonicalizeName(name),
    indexUrl: context.indexUrl,
    url: context.pageUrl,
    format: 'json',
    apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
    versions,
    files,
    droppedFiles,
  };
}

function describeEntry(entry: unknown, position: number): string {
  if (
    entry !== null &&
    typeof entry === 'object' &&
    typeof (entry as Record<string, unknown>)['filename'] === 'string'
  ) {
    return (entry as Record<string, string>)['filename']!;
  }
  return `files[${position}]`;
}

/** One PEP 691 file entry, or a string saying why it was dropped. */
function readFileEntry(entry: unknown, context: ReadPageContext): ProjectFile | string {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return 'the entry is not an object';
  const e = entry as Record<string, unknown>;
  const filename = e['filename'];
  if (typeof filename !== 'string' || filename === '' || filename.includes('/'))
    return 'no usable `filename`';
  const href = e['url'];
  if (typeof href !== 'string' || href === '') return 'no `url`';
  let link: ReturnType<typeof resolveFileLink>;
  try {
    link = resolveFileLink(href, context.pageUrl);
  } catch {
    return `the url ${JSON.stringify(href)} is not a URL`;
  }
  const hashes = normalizeHashes(e['hashes']);
  if (e['hashes'] !== undefined && hashes === undefined) return '`hashes` is not an object';
  const requiresPython =
    typeof e['requires-python'] === 'string' && e['requires-python'].trim() !== ''
      ? e['requires-python']
      : undefined;
  const yanked = e['yanked'];
  const size = e['size'];
  const uploadTime = e['upload-time'];
  return {
    filename,
    url: link.url,
    indexUrl: context.indexUrl,
    hashes: { ...link.hashes, ...(hashes ?? {}) },
    requiresPython,
    yanked: yanked === true || typeof yanked === 'string',
    yankedReason: typeof yanked === 'string' && yanked !== '' ? yanked : undefined,
    size: typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined,
    uploadTime: typeof uploadTime === 'string' && uploadTime !== '' ? uploadTime : undefined,
    // PEP 714: `core-metadata` is the name; PyPI also sends the old `data-dist-info-metadata`.
    coreMetadata: readCoreMetadataFlag(e['core-metadata'] ?? e['data-dist-info-metadata']),
  };
}

function readCoreMetadataFlag(value: unknown): ProjectFile['coreMetadata'] {
  if (value === true) return { hashes: {} };
  const hashes = normalizeHashes(value);
  return hashes === undefined ? false : { hashes };
}
