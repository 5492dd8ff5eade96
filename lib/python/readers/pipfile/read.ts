// Reads a Pipfile (pypa/pipfile; TOML) into ProjectRequirements the way pipenv interprets it:
// [[source]] indexes, [packages], [dev-packages] and any other table as a package category (pipenv
// ≥ 2022.10), string or table package values, [requires] python_version / python_full_version,
// [pipenv] allow_prereleases and Thoth's own [thoth] allow_prereleases.
import { canonicalizeName } from '../../name/index.js';
import {
  failAt,
  isTable,
  optionalBoolean,
  optionalString,
  optionalStrings,
  parseTomlDocument,
  positionOf,
  typeName,
  type Document,
} from '../documents.js';
import { readPep508Text, RequirementTextError, type RequirementFields } from '../requirement-entry.js';
import { classifyUrl, isInstallableUrl, parseVcsUrl } from '../direct-reference.js';
import type {
  IndexSource,
  ProjectRequirement,
  ProjectRequirements,
  ReadContext,
  RequirementGroup,
  UnsupportedDirective,
} from '../types.js';

/** Top-level tables that are not package categories (plette's PIPFILE_SECTIONS plus Thoth's [thoth]). */
const NON_PACKAGE_SECTIONS = new Set(['source', 'requires', 'scripts', 'pipfile', 'pipenv', 'thoth']);

/** Keys a package table may carry besides PEP 508 marker names. */
const PACKAGE_KEYS = new Set([
  'version',
  'extras',
  'markers',
  'index',
  'git',
  'hg',
  'svn',
  'bzr',
  'ref',
  'path',
  'file',
  'editable',
  'subdirectory',
  'hashes',
]);

// Package keys pipenv accepts that tune its own installer (plette's PackageSpecfiers); Thoth reports them.
const PIPENV_INSTALL_KEYS = new Set(['pip_args', 'no_binary', 'skip_resolver']);

// pipenv's translate_markers turns these keys into markers (`sys_platform = "== 'win32'"`); they are
// packaging's default_environment() names.
const MARKER_KEYS = new Set([
  'implementation_name',
  'implementation_version',
  'os_name',
  'platform_machine',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_full_version',
  'platform_python_implementation',
  'python_version',
  'sys_platform',
]);

const VCS_KEYS = ['git', 'hg', 'svn', 'bzr'] as const;
// pipenv's COMPARE_OP: a version string without an operator means `==version`.
const HAS_OPERATOR = /^[<>=!~]/;

function groupOf(category: string): RequirementGroup {
  if (category === 'packages') return { kind: 'default' };
  if (category === 'dev-packages') return { kind: 'dev' };
  return { kind: 'category', name: category };
}

/** Joins marker parts with `and`, parenthesizing any part with `or` so the meaning is kept. */
function joinMarkers(parts: string[]): string | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return parts.map((part) => (/\bor\b/.test(part) ? `(${part})` : part)).join(' and ');
}

function readSources(doc: Document): IndexSource[] {
  const raw = doc.data.source;
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    failAt(doc, ['source'], `[[source]] must be an array of tables, not ${typeName(raw)}`);
  return raw.map((entry: unknown, index) => {
    const path = ['source', index];
    if (!isTable(entry)) failAt(doc, path, `[[source]] entries must be tables, not ${typeName(entry)}`);
    const url = optionalString(doc, entry.url, [...path, 'url']);
    if (url === undefined) failAt(doc, path, '[[source]] needs a url');
    const name = optionalString(doc, entry.name, [...path, 'name']);
    // pipenv's populate_source: verify_ssl defaults to "the URL is https", and strings are accepted.
    const rawVerify = entry.verify_ssl;
    const verifySsl =
      rawVerify === undefined
        ? url.includes('https://')
        : typeof rawVerify === 'boolean'
          ? rawVerify
          : String(rawVerify).toLowerCase() === 'true';
    const source: IndexSource = { url, verifySsl, isPrimary: index === 0, origin: positionOf(doc, path) };
    if (name !== undefined) source.name = name;
    return source;
  });
}

/** Builds the PEP 508 text pipenv would hand pip for a named entry and parses it for validation. */
function parseNamedEntry(
  doc: Document,
  path: Array<string | number>,
  name: string,
  version: string,
  extras: string[],
  marker: string | undefined,
): RequirementFields {
  let text = name;
  if (extras.length > 0) text += `[${extras.join(',')}]`;
  if (version !== '*' && version !== '') text += HAS_OPERATOR.test(version) ? version : `==${version}`;
  if (marker !== undefined) text += ` ; ${marker}`;
  try {
    return readPep508Text(text);
  } catch (error) {
    if (error instanceof RequirementTextError)
      failAt(doc, path, `${name}: ${error.message} (in "${text}")`, { length: name.length });
    throw error;
  }
}

function readPackage(
  doc: Document,
  category: string,
  name: string,
  value: unknown,
  unsupported: UnsupportedDirective[],
): ProjectRequirement {
  const path = [category, name];
  const origin = positionOf(doc, path);
  const group = groupOf(category);
  const base = { editable: false, hashes: [] as string[], group, isConstraint: false, origin };
  if (typeof value === 'string') {
    const fields = parseNamedEntry(doc, path, name, value, [], undefined);
    return { ...fields, ...base, text: fields.specifier === '' ? name : `${name}${fields.specifier}` };
  }
  if (!isTable(value))
    failAt(doc, path, `${name} must be a version string or a table, not ${typeName(value)}`);
  for (const key of Object.keys(value)) {
    if (PIPENV_INSTALL_KEYS.has(key))
      unsupported.push({
        name: `${name}.${key}`,
        reason: 'pipenv installer option, not used by Thoth',
        origin: positionOf(doc, [...path, key]),
      });
    else if (!PACKAGE_KEYS.has(key) && !MARKER_KEYS.has(key))
      unsupported.push({
        name: `${name}.${key}`,
        reason: 'not a Pipfile package key pipenv acts on',
        origin: positionOf(doc, [...path, key]),
      });
  }
  const version = optionalString(doc, value.version, [...path, 'version']) ?? '*';
  const extras = optionalStrings(doc, value.extras, [...path, 'extras']) ?? [];
  const markerParts: string[] = [];
  const markers = optionalString(doc, value.markers, [...path, 'markers']);
  if (markers !== undefined && markers.trim() !== '') markerParts.push(markers.trim());
  for (const key of [...MARKER_KEYS].sort()) {
    const condition = optionalString(doc, value[key], [...path, key]);
    if (condition !== undefined) markerParts.push(`${key} ${condition}`);
  }
  const marker = joinMarkers(markerParts);
  const index = optionalString(doc, value.index, [...path, 'index']);
  const editable = optionalBoolean(doc, value.editable, [...path, 'editable']) ?? false;
  const ref = optionalString(doc, value.ref, [...path, 'ref']);
  const subdirectory = optionalString(doc, value.subdirectory, [...path, 'subdirectory']);
  // Validate name, extras and marker together as pip would see them.
  const named = parseNamedEntry(
    doc,
    path,
    name,
    VCS_KEYS.some((k) => k in value) || 'path' in value || 'file' in value ? '*' : version,
    extras,
    marker,
  );
  const entry: ProjectRequirement = { ...named, ...base, editable, text: name };
  if (index !== undefined) entry.index = index;
  const vcsKey = VCS_KEYS.find((k) => k in value);
  if (vcsKey !== undefined) {
    const location = optionalString(doc, value[vcsKey], [...path, vcsKey]) as string;
    // pipenv prefixes `git+` unless the URL already has it, and appends `@ref`.
    const prefixed = location.startsWith(`${vcsKey}+`) ? location : `${vcsKey}+${location}`;
    const url =
      ref === undefined ? prefixed.replace(/#egg=.*$/, '') : `${prefixed.replace(/#.*$/, '')}@${ref}`;
    const vcs = parseVcsUrl(url);
    if (subdirectory !== undefined) vcs.subdirectory = subdirectory;
    return { ...entry, kind: 'vcs', specifier: '', url, vcs, text: `${name} @ ${url}` };
  }
  const location =
    optionalString(doc, value.path, [...path, 'path']) ?? optionalString(doc, value.file, [...path, 'file']);
  if (location !== undefined) {
    if (isInstallableUrl(location)) {
      const reference = classifyUrl(location);
      const result: ProjectRequirement = {
        ...entry,
        kind: reference.kind,
        specifier: '',
        url: location,
        text: `${name} @ ${location}`,
      };
      if (reference.path !== undefined) result.path = reference.path;
      return result;
    }
    return { ...entry, kind: 'path', specifier: '', url: location, path: location, text: location };
  }
  return { ...entry, text: `${name}${named.specifier}` };
}

function readPrereleases(doc: Document, unsupported: UnsupportedDirective[]): string[] {
  const names: string[] = [];
  const pipenv = doc.data.pipenv;
  if (isTable(pipenv)) {
    if (optionalBoolean(doc, pipenv.allow_prereleases, ['pipenv', 'allow_prereleases']) === true)
      names.push(':all:');
    for (const key of Object.keys(pipenv)) {
      if (key !== 'allow_prereleases')
        unsupported.push({
          name: `pipenv.${key}`,
          reason: 'pipenv behaviour setting that does not change what Thoth resolves',
          origin: positionOf(doc, ['pipenv', key]),
        });
    }
  }
  // Thoth's [thoth] section (ignored by pipenv): allow_prereleases = {package = true}.
  const thoth = doc.data.thoth;
  if (isTable(thoth)) {
    for (const [key, value] of Object.entries(thoth)) {
      if (key === 'allow_prereleases' && isTable(value)) {
        for (const [name, allowed] of Object.entries(value))
          if (optionalBoolean(doc, allowed, ['thoth', key, name]) === true)
            names.push(canonicalizeName(name));
      } else {
        unsupported.push({
          name: `thoth.${key}`,
          reason: 'Thoth setting not read from project files',
          origin: positionOf(doc, ['thoth', key]),
        });
      }
    }
  }
  return names.includes(':all:') ? [':all:'] : [...new Set(names)].sort();
}

/** Reads a Pipfile. */
export function readPipfile(text: string, context: ReadContext): ProjectRequirements {
  const doc = parseTomlDocument(text, context.file, 'invalid-pipfile');
  const unsupported: UnsupportedDirective[] = [];
  const indexes = readSources(doc);
  const requirements: ProjectRequirement[] = [];
  // Categories in file order, [packages] first, [dev-packages] second, as pipenv lists them.
  const categories = Object.keys(doc.data).filter((key) => !NON_PACKAGE_SECTIONS.has(key));
  categories.sort((a, b) => rank(a) - rank(b));
  for (const category of categories) {
    const table = doc.data[category];
    if (!isTable(table))
      failAt(doc, [category], `[${category}] must be a table of packages, not ${typeName(table)}`);
    for (const [name, value] of Object.entries(table))
      requirements.push(readPackage(doc, category, name, value, unsupported));
  }
  const python: ProjectRequirements['python'] = {};
  const requires = doc.data.requires;
  if (requires !== undefined) {
    if (!isTable(requires))
      failAt(doc, ['requires'], `[requires] must be a table, not ${typeName(requires)}`);
    const pythonVersion = optionalString(doc, requires.python_version, ['requires', 'python_version']);
    const pythonFullVersion = optionalString(doc, requires.python_full_version, [
      'requires',
      'python_full_version',
    ]);
    if (pythonVersion !== undefined) python.pythonVersion = pythonVersion;
    if (pythonFullVersion !== undefined) python.pythonFullVersion = pythonFullVersion;
  }
  const allReleases = readPrereleases(doc, unsupported);
  return {
    format: 'pipfile',
    file: context.file,
    requirements,
    constraints: [],
    indexes,
    noIndex: false,
    findLinks: [],
    trustedHosts: [],
    binary: { onlyBinary: [], noBinary: [], preferBinary: false },
    releases: { allReleases, onlyFinal: [] },
    requireHashes: false,
    python,
    includedFiles: [],
    unsupported,
  };
}

function rank(category: string): number {
  if (category === 'packages') return 0;
  if (category === 'dev-packages') return 1;
  return 2;
}
