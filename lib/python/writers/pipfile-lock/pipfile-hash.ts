// The `_meta.hash.sha256` of a Pipfile.lock, computed as pipenv (2026.x, Pipfile.calculate_hash)
// computes it, so `pipenv install --deploy` and `pipenv verify` accept our locks:
//   1. load the Pipfile; when it has no [[source]], plette prepends the default PyPI source;
//   2. build {"_meta": {"sources": [[source]], "requires": [requires] or {}},
//             "default": [packages], "develop": [dev-packages]} plus every other top-level table except
//      source, packages, dev-packages, requires, scripts, pipfile, pipenv, default and develop
//      (pipenv ≥ 2022.10 package categories);
//   3. replace each package-name key of default, develop and the categories by its PEP 503 form
//      (pipenv #4699: `Sphinx` and `sphinx` hash alike);
//   4. json.dumps(data, sort_keys=True, separators=(",", ":")) with Python's ensure_ascii, UTF-8, SHA-256.
// `legacy: true` skips step 3, as plette's own Pipfile.get_hash (used by older pipenv releases) does.
import { createHash } from 'node:crypto';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { canonicalizeName } from '../../name/index.js';
import { LockWriteError } from '../errors.js';
import { dumpCompact, type PyJson } from './python-json.js';

// plette's DEFAULT_SOURCE_TOML, used when the Pipfile has no [[source]].
const DEFAULT_SOURCE: PyJson = [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }];
// plette's PIPFILE_SECTIONS plus the names pipenv skips when collecting categories.
const NOT_CATEGORIES = new Set([
  'source',
  'packages',
  'dev-packages',
  'requires',
  'scripts',
  'pipfile',
  'pipenv',
  'default',
  'develop',
]);

const FORMAT = 'Pipfile.lock';

/** Converts a parsed TOML value to what Python's json would see; dates have no JSON form (pipenv fails too). */
function toPyJson(value: unknown, where: string): PyJson {
  if (value instanceof TomlDate || value instanceof Date)
    throw new LockWriteError(
      'unhashable-pipfile',
      `the Pipfile value at ${where} is a date, which pipenv cannot hash either`,
      { format: FORMAT },
    );
  if (Array.isArray(value)) return value.map((item, i) => toPyJson(item, `${where}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    const out: { [key: string]: PyJson } = {};
    for (const [key, item] of Object.entries(value)) out[key] = toPyJson(item, `${where}.${key}`);
    return out;
  }
  return value as PyJson;
}

function normalizeSection(section: PyJson, name: string, legacy: boolean): PyJson {
  if (typeof section !== 'object' || section === null || Array.isArray(section))
    throw new LockWriteError('unhashable-pipfile', `[${name}] is not a table of packages`, {
      format: FORMAT,
    });
  if (legacy) return section;
  const out: { [key: string]: PyJson } = {};
  // Like Python's dict comprehension, a later spelling of the same name wins.
  for (const [key, value] of Object.entries(section)) out[canonicalizeName(key)] = value;
  return out;
}

/** The data pipenv hashes, before serialization (exposed for tests and diagnostics). */
export function pipfileHashData(pipfileText: string, options: { legacy?: boolean } = {}): PyJson {
  let parsed: Record<string, unknown>;
  try {
    // Integers as bigint keep `1` and `1.0` apart, as Python's json does.
    parsed = parseToml(pipfileText, { integersAsBigInt: true }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError)
      throw new LockWriteError(
        'unhashable-pipfile',
        `the Pipfile is not valid TOML (line ${error.line}, column ${error.column}): ${error.message.split('\n')[0] ?? ''}`,
        { format: FORMAT },
      );
    throw error;
  }
  const raw = toPyJson(parsed, 'Pipfile') as { [key: string]: PyJson };
  const legacy = options.legacy === true;
  const data: { [key: string]: PyJson } = {
    _meta: { sources: raw.source ?? DEFAULT_SOURCE, requires: raw.requires ?? {} },
    default: normalizeSection(raw.packages ?? {}, 'packages', legacy),
    develop: normalizeSection(raw['dev-packages'] ?? {}, 'dev-packages', legacy),
  };
  for (const [category, values] of Object.entries(raw)) {
    if (NOT_CATEGORIES.has(category)) continue;
    data[category] = normalizeSection(values, category, legacy);
  }
  return data;
}

/** The hex SHA-256 of data built by pipfileHashData. */
export function hashPipfileData(data: PyJson): string {
  return createHash('sha256').update(dumpCompact(data), 'utf8').digest('hex');
}

/** The hex SHA-256 pipenv writes as `_meta.hash.sha256` for this Pipfile text. */
export function computePipfileHash(pipfileText: string, options: { legacy?: boolean } = {}): string {
  return hashPipfileData(pipfileHashData(pipfileText, options));
}
