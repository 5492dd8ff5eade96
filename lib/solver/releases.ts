// From a project page to releases, and from a version selection to the releases to solve. Files are
// grouped by the version in their names (PEP 427 / sdist naming), compared in PEP 440 normal form, so
// 'requests-2.0.tar.gz' and 'requests-2.0.0-py3-none-any.whl' are one release. Versions that are not
// PEP 440 (legacy releases on PyPI) are kept as written and only match an explicit version.
import { InputError } from '../errors/index.js';
import { fileVersion } from '../index/index.js';
import type { ProjectFile, ProjectPage } from '../index/index.js';
import { compareVersions, tryParseSpecifierSet, tryParseVersion } from '../python/index.js';
import type { Version } from '../python/index.js';
import type { VersionSelection } from './types.js';

/** One release of a project page: its version as the index lists it and its files. */
export interface PageRelease {
  /** The version as the index lists it (PEP 700 `versions` spelling when present). */
  readonly version: string;
  /** PEP 440 parse of the version; undefined for a legacy version. */
  readonly parsed: Version | undefined;
  readonly files: readonly ProjectFile[];
}

/** Group a page's files into releases, keyed by the PEP 440 normal form (legacy versions as written). */
export function groupReleases(page: ProjectPage): Map<string, PageRelease> {
  const listed = new Map<string, string>();
  for (const version of page.versions ?? []) listed.set(versionKey(version), version);
  const files = new Map<string, ProjectFile[]>();
  for (const file of page.files) {
    const raw = fileVersion(file.filename, page.normalizedName);
    if (raw === undefined) continue;
    const key = versionKey(raw);
    const group = files.get(key);
    if (group === undefined) files.set(key, [file]);
    else group.push(file);
  }
  const releases = new Map<string, PageRelease>();
  for (const [key, group] of files) {
    const version = listed.get(key) ?? key;
    releases.set(key, { version, parsed: tryParseVersion(version), files: group });
  }
  return releases;
}

/** The key releases are matched by: the PEP 440 normal form, or the text itself for a legacy version. */
export function versionKey(version: string): string {
  return tryParseVersion(version)?.toString() ?? version;
}

/** The releases a selection picks, in ascending version order, and the explicit versions not found. */
export interface Selection {
  readonly releases: PageRelease[];
  /** Explicitly requested versions the page does not have. */
  readonly missing: string[];
}

/** Apply a selection to the releases of a page. Throws InputError for an invalid specifier or count. */
export function selectReleases(
  releases: ReadonlyMap<string, PageRelease>,
  selection: VersionSelection,
): Selection {
  checkSelection(selection);
  const picked: PageRelease[] = [];
  const missing: string[] = [];
  switch (selection.kind) {
    case 'versions': {
      const seen = new Set<string>();
      for (const version of selection.versions) {
        const key = versionKey(version);
        if (seen.has(key)) continue;
        seen.add(key);
        const release = releases.get(key);
        if (release === undefined) missing.push(version);
        else picked.push(release);
      }
      break;
    }
    case 'specifier': {
      const specifier = tryParseSpecifierSet(selection.specifier)!;
      const keys = specifier.filter([...releases.keys()]);
      for (const key of keys) picked.push(releases.get(key)!);
      break;
    }
    case 'newest': {
      const parsed = [...releases.values()].filter((r) => r.parsed !== undefined);
      const finals = parsed.filter((r) => !r.parsed!.isPrerelease);
      // As packaging's filter: pre-releases count when asked for, or when there is nothing else.
      const pool = selection.includePrereleases === true || finals.length === 0 ? parsed : finals;
      pool.sort((a, b) => compareVersions(b.parsed!, a.parsed!));
      picked.push(...pool.slice(0, selection.count));
      break;
    }
  }
  picked.sort(compareReleases);
  return { releases: picked, missing };
}

/** Throw InputError when a selection cannot be applied to any page. */
export function checkSelection(selection: VersionSelection): void {
  if (selection.kind === 'versions' && selection.versions.length === 0) {
    throw new InputError('no version to solve was given');
  }
  if (selection.kind === 'versions') {
    for (const version of selection.versions) {
      if (version.trim() === '') throw new InputError('an empty package version was given');
    }
  }
  if (selection.kind === 'specifier' && tryParseSpecifierSet(selection.specifier) === undefined) {
    throw new InputError(`version specifier "${selection.specifier}" is not valid PEP 440, e.g. >=2.0,<3`);
  }
  if (selection.kind === 'newest' && !(Number.isInteger(selection.count) && selection.count > 0)) {
    throw new InputError(`newest count must be a positive integer (got ${selection.count})`);
  }
}

/**
 * The selection as text for `unresolved` entries and idempotency keys ('' for "any version"); an
 * explicit list reads `==a,==b` (callers wanting one specifier per version split it themselves).
 */
export function selectionSpecifier(selection: VersionSelection): string {
  switch (selection.kind) {
    case 'versions':
      return selection.versions.map((v) => `==${v}`).join(',');
    case 'specifier':
      return selection.specifier;
    case 'newest':
      return '';
  }
}

/** Ascending PEP 440 order; legacy versions after the others, by text. */
export function compareReleases(a: PageRelease, b: PageRelease): number {
  if (a.parsed !== undefined && b.parsed !== undefined) return compareVersions(a.parsed, b.parsed);
  if (a.parsed !== undefined) return -1;
  if (b.parsed !== undefined) return 1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
