// Reads a Pipfile.lock (pipfile-spec 6, JSON) into a typed lock, and from there into ProjectRequirements
// with every package pinned. Third-party data: unknown keys are kept out of the way, not rejected, but
// a wrong type where pipenv needs a value fails at its JSON position.
import { canonicalizeName } from '../../name/index.js';
import { classifyUrl, isInstallableUrl, parseVcsUrl } from '../direct-reference.js';
import {
  failAt,
  isTable,
  optionalBoolean,
  optionalString,
  optionalStrings,
  parseJsonDocument,
  positionOf,
  typeName,
  type Document,
} from '../documents.js';
import { ProjectFileError } from '../errors.js';
import { readPep508Text, RequirementTextError } from '../requirement-entry.js';
import type {
  ProjectRequirement,
  ProjectRequirements,
  ReadContext,
  RequirementGroup,
  SourcePosition,
} from '../types.js';

/** A [[source]] as recorded in `_meta.sources`. */
export interface PipfileLockSource {
  /** The source's name, referenced by entries' `index`. */
  name: string;
  /** The index URL. */
  url: string;
  /** Whether TLS certificates are checked. */
  verifySsl: boolean;
  /** Where the source is in the lock file. */
  origin: SourcePosition;
}

/** One locked package. */
export interface PipfileLockEntry {
  /** The name as the lock spells it (pipenv writes canonical names). */
  name: string;
  /** The pinned version without its operator (`2.31.0` from `"==2.31.0"`); undefined for vcs/path entries. */
  version?: string;
  /** The version string exactly as in the lock (`"==2.31.0"`). */
  versionSpecifier?: string;
  /** Allowed archive hashes, `sha256:<hex>`. */
  hashes: string[];
  /** PEP 508 marker limiting where the package is installed. */
  markers?: string;
  /** Name of the `_meta.sources` entry the package comes from. */
  index?: string;
  /** Extras locked for the package. */
  extras: string[];
  /** VCS checkout: the tool and URL (`git`, `hg`, `svn`, `bzr` keys). */
  vcs?: { type: 'git' | 'hg' | 'svn' | 'bzr'; url: string };
  /** The VCS revision locked (usually a commit). */
  ref?: string;
  /** A local path. */
  path?: string;
  /** A direct archive URL. */
  file?: string;
  /** Installed in editable mode. */
  editable: boolean;
  /** `subdirectory` inside a VCS checkout. */
  subdirectory?: string;
  /** Where the entry is in the lock file. */
  origin: SourcePosition;
}

/** A parsed Pipfile.lock. */
export interface PipfileLock {
  /** `_meta.hash.sha256`: the hash of the Pipfile the lock was made from. */
  pipfileHash?: string;
  /** `_meta.pipfile-spec` (6 for every pipenv since 2018). */
  pipfileSpec: number;
  /** `_meta.requires`: python_version / python_full_version. */
  requires: { pythonVersion?: string; pythonFullVersion?: string };
  /** `_meta.sources` in order. */
  sources: PipfileLockSource[];
  /** Category name (`default`, `develop`, others) → canonical package name → entry. */
  categories: Record<string, Record<string, PipfileLockEntry>>;
}

const VCS_KEYS = ['git', 'hg', 'svn', 'bzr'] as const;

function readMeta(doc: Document): Omit<PipfileLock, 'categories'> {
  const meta = doc.data._meta;
  if (!isTable(meta)) failAt(doc, ['_meta'], `_meta must be an object, not ${typeName(meta)}`);
  const spec = meta['pipfile-spec'];
  if (typeof spec !== 'number') failAt(doc, ['_meta', 'pipfile-spec'], '_meta.pipfile-spec must be a number');
  // Spec 6 has been the only one since pipenv 2018; an unknown number means a layout we do not know.
  if (spec !== 6)
    failAt(doc, ['_meta', 'pipfile-spec'], `unsupported pipfile-spec ${spec} (only 6 is known)`);
  const lock: Omit<PipfileLock, 'categories'> = { pipfileSpec: spec, requires: {}, sources: [] };
  const hash = meta.hash;
  if (hash !== undefined) {
    if (!isTable(hash)) failAt(doc, ['_meta', 'hash'], '_meta.hash must be an object');
    const sha256 = optionalString(doc, hash.sha256, ['_meta', 'hash', 'sha256']);
    if (sha256 !== undefined) lock.pipfileHash = sha256;
  }
  const requires = meta.requires;
  if (isTable(requires)) {
    const pythonVersion = optionalString(doc, requires.python_version, [
      '_meta',
      'requires',
      'python_version',
    ]);
    const pythonFullVersion = optionalString(doc, requires.python_full_version, [
      '_meta',
      'requires',
      'python_full_version',
    ]);
    if (pythonVersion !== undefined) lock.requires.pythonVersion = pythonVersion;
    if (pythonFullVersion !== undefined) lock.requires.pythonFullVersion = pythonFullVersion;
  }
  const sources = meta.sources ?? [];
  if (!Array.isArray(sources)) failAt(doc, ['_meta', 'sources'], '_meta.sources must be an array');
  lock.sources = sources.map((source: unknown, index) => {
    const path = ['_meta', 'sources', index];
    if (!isTable(source)) failAt(doc, path, 'each source must be an object');
    const name = optionalString(doc, source.name, [...path, 'name']);
    const url = optionalString(doc, source.url, [...path, 'url']);
    if (name === undefined || url === undefined) failAt(doc, path, 'each source needs a name and a url');
    return {
      name,
      url,
      verifySsl: optionalBoolean(doc, source.verify_ssl, [...path, 'verify_ssl']) ?? true,
      origin: positionOf(doc, path),
    };
  });
  return lock;
}

function readEntry(doc: Document, category: string, name: string, value: unknown): PipfileLockEntry {
  const path = [category, name];
  if (!isTable(value)) failAt(doc, path, `${category}.${name} must be an object, not ${typeName(value)}`);
  const entry: PipfileLockEntry = {
    name,
    hashes: optionalStrings(doc, value.hashes, [...path, 'hashes']) ?? [],
    extras: optionalStrings(doc, value.extras, [...path, 'extras']) ?? [],
    editable: optionalBoolean(doc, value.editable, [...path, 'editable']) ?? false,
    origin: positionOf(doc, path),
  };
  const versionSpecifier = optionalString(doc, value.version, [...path, 'version']);
  if (versionSpecifier !== undefined) {
    const match = /^\s*(===?)\s*(\S+)\s*$/.exec(versionSpecifier);
    if (match === null)
      failAt(
        doc,
        [...path, 'version'],
        `${category}.${name}.version must pin one version ("==x"), not ${JSON.stringify(versionSpecifier)}`,
      );
    entry.versionSpecifier = versionSpecifier;
    entry.version = match[2] as string;
  }
  const markers = optionalString(doc, value.markers, [...path, 'markers']);
  if (markers !== undefined && markers !== '') entry.markers = markers;
  const index = optionalString(doc, value.index, [...path, 'index']);
  if (index !== undefined) entry.index = index;
  for (const type of VCS_KEYS) {
    const url = optionalString(doc, value[type], [...path, type]);
    if (url !== undefined) entry.vcs = { type, url };
  }
  const ref = optionalString(doc, value.ref, [...path, 'ref']);
  if (ref !== undefined) entry.ref = ref;
  const localPath = optionalString(doc, value.path, [...path, 'path']);
  if (localPath !== undefined) entry.path = localPath;
  const file = optionalString(doc, value.file, [...path, 'file']);
  if (file !== undefined) entry.file = file;
  const subdirectory = optionalString(doc, value.subdirectory, [...path, 'subdirectory']);
  if (subdirectory !== undefined) entry.subdirectory = subdirectory;
  if (
    entry.version === undefined &&
    entry.vcs === undefined &&
    entry.path === undefined &&
    entry.file === undefined
  )
    failAt(doc, path, `${category}.${name} has neither a version nor a git/path/file source`);
  return entry;
}

/** Parses a Pipfile.lock into its typed form. */
export function parsePipfileLock(text: string, file: string): PipfileLock {
  const doc = parseJsonDocument(text, file, 'invalid-pipfile-lock');
  const lock: PipfileLock = { ...readMeta(doc), categories: {} };
  for (const [category, packages] of Object.entries(doc.data)) {
    if (category === '_meta') continue;
    if (!isTable(packages))
      failAt(doc, [category], `${category} must be an object of packages, not ${typeName(packages)}`);
    const entries: Record<string, PipfileLockEntry> = {};
    for (const [name, value] of Object.entries(packages))
      entries[canonicalizeName(name)] = readEntry(doc, category, name, value);
    lock.categories[category] = entries;
  }
  return lock;
}

function groupOf(category: string): RequirementGroup {
  if (category === 'default') return { kind: 'default' };
  if (category === 'develop') return { kind: 'dev' };
  return { kind: 'category', name: category };
}

function toRequirement(entry: PipfileLockEntry, category: string): ProjectRequirement {
  const base = {
    editable: entry.editable,
    hashes: entry.hashes,
    group: groupOf(category),
    isConstraint: false,
    origin: entry.origin,
    ...(entry.index === undefined ? {} : { index: entry.index }),
  };
  let pep508 = entry.name;
  if (entry.extras.length > 0) pep508 += `[${entry.extras.join(',')}]`;
  let url: string | undefined;
  if (entry.vcs !== undefined) {
    const prefixed = entry.vcs.url.startsWith(`${entry.vcs.type}+`)
      ? entry.vcs.url
      : `${entry.vcs.type}+${entry.vcs.url}`;
    url = entry.ref === undefined ? prefixed : `${prefixed.replace(/#.*$/, '')}@${entry.ref}`;
  } else if (entry.file !== undefined && isInstallableUrl(entry.file)) {
    url = entry.file;
  }
  if (url !== undefined) pep508 += ` @ ${url}`;
  else if (entry.version !== undefined && entry.path === undefined)
    pep508 += entry.versionSpecifier?.trim() ?? `==${entry.version}`;
  if (entry.markers !== undefined) pep508 += `${url === undefined ? '' : ' '}; ${entry.markers}`;
  let fields;
  try {
    fields = readPep508Text(pep508);
  } catch (error) {
    if (error instanceof RequirementTextError)
      throw new ProjectFileError(
        'invalid-pipfile-lock',
        `${category}.${entry.name}: ${error.message} (in "${pep508}")`,
        entry.origin,
        error,
      );
    throw error;
  }
  const requirement: ProjectRequirement = { ...fields, ...base, text: pep508 };
  if (entry.vcs !== undefined && url !== undefined) {
    requirement.vcs = parseVcsUrl(url);
    if (entry.subdirectory !== undefined) requirement.vcs.subdirectory = entry.subdirectory;
  }
  if (entry.path !== undefined && url === undefined) {
    requirement.kind = 'path';
    requirement.path = entry.path;
    requirement.url = entry.path;
    requirement.specifier = '';
  }
  if (entry.file !== undefined && url === undefined) {
    const reference = classifyUrl(entry.file);
    requirement.kind = 'path';
    requirement.path = reference.path ?? entry.file;
    requirement.url = entry.file;
  }
  return requirement;
}

/** Reads a Pipfile.lock as pinned ProjectRequirements (every category, `default` first). */
export function readPipfileLock(text: string, context: ReadContext): ProjectRequirements {
  const lock = parsePipfileLock(text, context.file);
  const requirements: ProjectRequirement[] = [];
  const order = Object.keys(lock.categories).sort((a, b) => rank(a) - rank(b));
  for (const category of order) {
    for (const entry of Object.values(lock.categories[category] ?? {}))
      requirements.push(toRequirement(entry, category));
  }
  const python: ProjectRequirements['python'] = {};
  if (lock.requires.pythonVersion !== undefined) python.pythonVersion = lock.requires.pythonVersion;
  if (lock.requires.pythonFullVersion !== undefined)
    python.pythonFullVersion = lock.requires.pythonFullVersion;
  return {
    format: 'pipfile-lock',
    file: context.file,
    requirements,
    constraints: [],
    indexes: lock.sources.map((source, index) => ({
      name: source.name,
      url: source.url,
      verifySsl: source.verifySsl,
      isPrimary: index === 0,
      origin: source.origin,
    })),
    noIndex: false,
    findLinks: [],
    trustedHosts: [],
    binary: { onlyBinary: [], noBinary: [], preferBinary: false },
    releases: { allReleases: [], onlyFinal: [] },
    // pipenv installs from a lock with hash checking whenever hashes are present.
    requireHashes: requirements.some((r) => r.hashes.length > 0),
    python,
    includedFiles: [],
    unsupported: [],
  };
}

function rank(category: string): number {
  if (category === 'default') return 0;
  if (category === 'develop') return 1;
  return 2;
}
