// Writes a locked stack as a Pipfile.lock (pipfile-spec 6) exactly as pipenv serializes one: JSON with
// 4-space indentation, keys sorted, non-ASCII escaped, a final newline; `_meta` with the Pipfile hash
// (pipenv's algorithm, see pipfile-hash.ts), the sources and [requires]; packages under `default` and
// `develop` by their PEP 503 names, each with `hashes` (sorted), `index`, `markers` and `version`.
import { canonicalizeName } from '../../name/index.js';
import { normalizedExtras, normalizedMarker, packageHashes, sortedPackages } from '../common.js';
import { LockWriteError } from '../errors.js';
import type { LockedPackage, LockedSource, LockedStack, WriteOptions } from '../types.js';
import { hashPipfileData, pipfileHashData } from './pipfile-hash.js';
import { dumpIndented, type PyJson } from './python-json.js';

const FORMAT = 'Pipfile.lock';
// pipenv's default source when a Pipfile names none.
const DEFAULT_SOURCES: LockedSource[] = [{ name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true }];

function indexName(pkg: LockedPackage, sources: LockedSource[]): string | undefined {
  if (pkg.indexUrl === undefined) return undefined;
  const trimmed = pkg.indexUrl.replace(/\/+$/, '');
  const source = sources.find((s) => s.url.replace(/\/+$/, '') === trimmed);
  if (source === undefined)
    throw new LockWriteError(
      'invalid-locked-stack',
      `${pkg.name} ${pkg.version} comes from ${pkg.indexUrl}, which is not among the stack's sources`,
      {
        package: pkg.name,
        version: pkg.version,
        format: FORMAT,
      },
    );
  return source.name;
}

function entry(pkg: LockedPackage, sources: LockedSource[]): PyJson {
  const out: { [key: string]: PyJson } = {};
  const extras = normalizedExtras(pkg);
  if (extras.length > 0) out.extras = extras;
  const marker = normalizedMarker(pkg, FORMAT);
  // pipenv writes markers with single quotes (translate_markers: str(Marker(...)).replace('"', "'")).
  if (marker !== undefined) out.markers = marker.includes("'") ? marker : marker.replace(/"/g, "'");
  const direct = pkg.direct;
  if (direct === undefined) {
    out.hashes = packageHashes(pkg, FORMAT);
    const index = indexName(pkg, sources);
    if (index !== undefined) out.index = index;
    out.version = `==${pkg.version}`;
    return out;
  }
  if (direct.kind === 'vcs') {
    out[direct.type] = direct.url;
    out.ref = direct.commitId;
    if (direct.subdirectory !== undefined) out.subdirectory = direct.subdirectory;
    return out;
  }
  if (direct.kind === 'directory') {
    out.path = direct.path;
    if (direct.editable) out.editable = true;
    if (direct.subdirectory !== undefined) out.subdirectory = direct.subdirectory;
    return out;
  }
  const location = direct.url ?? direct.path;
  if (location === undefined)
    throw new LockWriteError(
      'invalid-locked-stack',
      `${pkg.name} ${pkg.version}: an archive source needs a url or a path`,
      { package: pkg.name, version: pkg.version, format: FORMAT },
    );
  out.file = location;
  out.hashes = [`sha256:${direct.sha256}`];
  return out;
}

/** Renders the stack as a Pipfile.lock; `options.pipfile` (the Pipfile text) is required for `_meta.hash`. */
export function writePipfileLock(stack: LockedStack, options: WriteOptions = {}): string {
  if (options.pipfile === undefined)
    throw new LockWriteError(
      'missing-pipfile',
      'the Pipfile text is needed to compute _meta.hash (pass options.pipfile)',
      { format: FORMAT },
    );
  const sources = stack.sources.length === 0 ? DEFAULT_SOURCES : stack.sources;
  const hashed = pipfileHashData(options.pipfile) as { _meta: { requires: { [key: string]: PyJson } } };
  // pipenv copies the Pipfile's [requires] into the lock; the stack's Python fills in when it has none.
  let requires = hashed._meta.requires;
  if (Object.keys(requires).length === 0) {
    requires = {};
    if (stack.pythonVersion !== undefined) requires.python_version = stack.pythonVersion;
    if (stack.pythonFullVersion !== undefined) requires.python_full_version = stack.pythonFullVersion;
  }
  const defaults: { [key: string]: PyJson } = {};
  const develop: { [key: string]: PyJson } = {};
  for (const pkg of sortedPackages(stack)) {
    const name = canonicalizeName(pkg.name);
    const section = pkg.dev ? develop : defaults;
    if (name in section)
      throw new LockWriteError(
        'invalid-locked-stack',
        `${name} is locked twice in ${pkg.dev ? 'develop' : 'default'}`,
        { package: name, format: FORMAT },
      );
    section[name] = entry(pkg, sources);
  }
  const document: PyJson = {
    _meta: {
      hash: { sha256: hashPipfileData(hashed) },
      // JSON integer, as pipenv writes PIPFILE_SPEC_CURRENT.
      'pipfile-spec': 6n,
      requires,
      sources: sources.map((s) => ({ name: s.name, url: s.url, verify_ssl: s.verifySsl })),
    },
    default: defaults,
    develop,
  };
  return `${dumpIndented(document)}\n`;
}
