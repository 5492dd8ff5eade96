// pylock.toml (PEP 751) as a provenance lock. lib/python has a pylock writer but no reader, and the
// check needs only a few keys: each [[packages]] entry's name, version, `index` and the name and
// sha256 of its `wheels` and `sdist`. Entries with `vcs`, `directory` or `archive` are not from an
// index. PEP 751 names the files, so a changed digest can be tied to its file.
import { parse } from 'smol-toml';
import { canonicalizeName } from '../../../python/index.js';
import type { SourcePosition } from '../../../python/readers/index.js';
import type { LockedFileEntry, ProvenanceLock } from '../types.js';
import { lockError, normalizeIndexUrl } from './common.js';

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Positions of the `[[packages]]` headers (smol-toml keeps none), 1-based lines. */
function packageLines(text: string): number[] {
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*\[\[\s*packages\s*\]\]\s*(#.*)?$/.test(line)) lines.push(i + 1);
  });
  return lines;
}

/** PEP 751: a file's `name` may be omitted when its `url` or `path` ends with it. */
function fileEntry(file: Table, origin: SourcePosition, key: string): LockedFileEntry {
  const location = typeof file['url'] === 'string' ? file['url'] : file['path'];
  const named =
    typeof file['name'] === 'string'
      ? file['name']
      : typeof location === 'string'
        ? decodeURIComponent(location.split(/[?#]/)[0]!.split('/').pop() ?? '')
        : '';
  if (named === '') throw lockError(origin, `${key} entry has neither name, url nor path`);
  const hashes = file['hashes'];
  const sha256 =
    isTable(hashes) && typeof hashes['sha256'] === 'string' ? hashes['sha256'].toLowerCase() : null;
  return { filename: named, sha256 };
}

export function readPylockTomlForProvenance(text: string, file: string): ProvenanceLock {
  let data: Table;
  try {
    data = parse(text) as Table;
  } catch (error) {
    const e = error as Error & { line?: number; column?: number };
    throw lockError(
      { file, line: e.line ?? 1, column: e.column ?? 1 },
      `not TOML: ${e.message.split('\n')[0]}`,
    );
  }
  const top = { file, line: 1, column: 1 };
  const version = data['lock-version'];
  // PEP 751: a reader must refuse a major version it does not know.
  if (typeof version !== 'string' || !/^1(\.\d+)?$/.test(version))
    throw lockError(top, `lock-version ${JSON.stringify(version)} is not 1.x (PEP 751)`);
  const packages = data['packages'] ?? [];
  if (!Array.isArray(packages)) throw lockError(top, 'packages must be an array of tables');
  const lines = packageLines(text);
  const out: ProvenanceLock = {
    format: 'pylock-toml',
    file,
    sources: [],
    packages: [],
    directReferences: [],
  };
  packages.forEach((entry: unknown, i) => {
    const origin = { file, line: lines[i] ?? 1, column: 1 };
    if (!isTable(entry) || typeof entry['name'] !== 'string')
      throw lockError(origin, 'each [[packages]] entry needs a name');
    const name = canonicalizeName(entry['name']);
    if ('vcs' in entry || 'directory' in entry || 'archive' in entry) {
      out.directReferences.push({
        name,
        origin,
        ...(typeof entry['marker'] === 'string' && entry['marker'].trim() !== ''
          ? { marker: entry['marker'] }
          : {}),
      });
      return;
    }
    if (typeof entry['version'] !== 'string')
      throw lockError(origin, `${name}: a package from an index needs a version to be checked`);
    const files: LockedFileEntry[] = [];
    const sdist = entry['sdist'];
    if (isTable(sdist)) files.push(fileEntry(sdist, origin, `${name} sdist`));
    const wheels = entry['wheels'] ?? [];
    if (!Array.isArray(wheels)) throw lockError(origin, `${name}: wheels must be an array of tables`);
    for (const wheel of wheels) {
      if (!isTable(wheel)) throw lockError(origin, `${name}: each wheel must be a table`);
      files.push(fileEntry(wheel, origin, `${name} wheel`));
    }
    const index = typeof entry['index'] === 'string' ? normalizeIndexUrl(entry['index']) : null;
    if (index !== null && !out.sources.some((s) => s.url === index))
      out.sources.push({ url: index, verifySsl: true, origin });
    out.packages.push({
      name,
      version: entry['version'],
      indexUrl: index,
      hashes: [...new Set(files.flatMap((f) => (f.sha256 === null ? [] : [f.sha256])))],
      files,
      origin,
      ...(typeof entry['marker'] === 'string' && entry['marker'].trim() !== ''
        ? { marker: entry['marker'] }
        : {}),
    });
  });
  return out;
}
