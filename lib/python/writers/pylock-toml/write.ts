// Writes a locked stack as pylock.toml (PEP 751, lock-version 1.0; the "pylock.toml Specification" in
// the Python Packaging User Guide), laid out like the specification's example: top-level keys first,
// then one [[packages]] table per package with name, version, marker, requires-python, dependencies,
// index, and exactly one source: vcs, directory, archive, or sdist and/or wheels.
import { canonicalizeName } from '../../name/index.js';
import { parseSdistFilename, parseWheelFilename } from '../../filename/index.js';
import { parseVersion } from '../../version/index.js';
import { checkSha256, fileNameOf, normalizedMarker, sortedPackages } from '../common.js';
import { LockWriteError } from '../errors.js';
import type { LockedFile, LockedPackage, LockedStack } from '../types.js';
import {
  array,
  bool,
  datetime,
  int,
  isOffsetDateTime,
  renderEntries,
  str,
  table,
  type TomlText,
} from './toml-text.js';

const FORMAT = 'pylock.toml';
/** The dependency group dev packages belong to (PEP 751 `dependency-groups`). */
export const DEV_GROUP = 'dev';

function fail(pkg: LockedPackage, message: string): never {
  throw new LockWriteError('invalid-locked-stack', `${pkg.name} ${pkg.version}: ${message}`, {
    package: pkg.name,
    version: pkg.version,
    format: FORMAT,
  });
}

// PEP 751: a dev-only package is selected by the marker `'dev' in dependency_groups`; it is combined
// with the package's own marker, parenthesized so an `or` inside keeps its meaning.
function packageMarker(pkg: LockedPackage): string | undefined {
  const own = normalizedMarker(pkg, FORMAT);
  if (!pkg.dev) return own;
  const group = `'${DEV_GROUP}' in dependency_groups`;
  return own === undefined ? group : `(${own}) and ${group}`;
}

function fileEntry(pkg: LockedPackage, file: LockedFile, name: string): TomlText {
  if (file.url === undefined && file.path === undefined) fail(pkg, `${name} has neither a url nor a path`);
  if (file.uploadTime !== undefined && !isOffsetDateTime(file.uploadTime))
    fail(
      pkg,
      `upload time ${JSON.stringify(file.uploadTime)} of ${name} is not an RFC 3339 date-time with a zone`,
    );
  if (file.size !== undefined && (!Number.isSafeInteger(file.size) || file.size < 0))
    fail(pkg, `size of ${name} must be a non-negative integer`);
  // The spec's key order for a file: name, upload-time, url/path, size, hashes.
  return table([
    ['name', str(name)],
    ['upload-time', file.uploadTime === undefined ? undefined : datetime(file.uploadTime)],
    ['url', file.url === undefined ? undefined : str(file.url)],
    ['path', file.url === undefined && file.path !== undefined ? str(file.path) : undefined],
    ['size', file.size === undefined ? undefined : int(file.size)],
    ['hashes', table([['sha256', str(checkSha256(file.sha256, pkg, FORMAT))]])],
  ]);
}

/** Splits a package's files into wheels and one sdist, checking names and versions against the package. */
function distributions(pkg: LockedPackage): { sdist?: TomlText; wheels: TomlText[] } {
  const name = canonicalizeName(pkg.name);
  const version = parseVersion(pkg.version);
  const wheels: Array<[string, TomlText]> = [];
  let sdist: TomlText | undefined;
  for (const file of pkg.files) {
    const fileName = fileNameOf(file);
    if (fileName === undefined) fail(pkg, 'a file has neither a name, a url nor a path');
    let parsed;
    try {
      parsed = fileName.endsWith('.whl') ? parseWheelFilename(fileName) : parseSdistFilename(fileName);
    } catch {
      fail(pkg, `${JSON.stringify(fileName)} is neither a valid wheel nor a valid sdist file name`);
    }
    // packaging.pylock refuses files whose name or version disagree with the package.
    if (parsed.name !== name) fail(pkg, `${fileName} names ${parsed.name}, not ${name}`);
    if (!parsed.version.equals(version))
      fail(pkg, `${fileName} is version ${parsed.version.toString()}, not ${pkg.version}`);
    if (fileName.endsWith('.whl')) wheels.push([fileName, fileEntry(pkg, file, fileName)]);
    else if (sdist !== undefined) fail(pkg, 'more than one sdist; PEP 751 allows one');
    else sdist = fileEntry(pkg, file, fileName);
  }
  wheels.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...(sdist === undefined ? {} : { sdist }), wheels: wheels.map(([, entry]) => entry) };
}

function directSource(pkg: LockedPackage): [string, TomlText] | undefined {
  const direct = pkg.direct;
  if (direct === undefined) return undefined;
  if (direct.kind === 'vcs')
    return [
      'vcs',
      table([
        ['type', str(direct.type)],
        ['url', str(direct.url)],
        [
          'requested-revision',
          direct.requestedRevision === undefined ? undefined : str(direct.requestedRevision),
        ],
        ['commit-id', str(direct.commitId)],
        ['subdirectory', direct.subdirectory === undefined ? undefined : str(direct.subdirectory)],
      ]),
    ];
  if (direct.kind === 'directory')
    return [
      'directory',
      table([
        ['path', str(direct.path)],
        ['editable', direct.editable ? bool(true) : undefined],
        ['subdirectory', direct.subdirectory === undefined ? undefined : str(direct.subdirectory)],
      ]),
    ];
  if (direct.url === undefined && direct.path === undefined)
    fail(pkg, 'an archive source needs a url or a path');
  return [
    'archive',
    table([
      ['url', direct.url === undefined ? undefined : str(direct.url)],
      ['path', direct.url === undefined && direct.path !== undefined ? str(direct.path) : undefined],
      ['size', direct.size === undefined ? undefined : int(direct.size)],
      ['hashes', table([['sha256', str(checkSha256(direct.sha256, pkg, FORMAT))]])],
      ['subdirectory', direct.subdirectory === undefined ? undefined : str(direct.subdirectory)],
    ]),
  ];
}

function renderPackage(pkg: LockedPackage): string {
  const marker = packageMarker(pkg);
  const dependencies =
    pkg.dependencies === undefined
      ? undefined
      : array(
          [...new Set(pkg.dependencies.map((d) => canonicalizeName(d)))]
            .sort()
            .map((d) => table([['name', str(d)]])),
          pkg.dependencies.length > 2,
        );
  const entries: Array<[string, TomlText | undefined]> = [
    ['name', str(canonicalizeName(pkg.name))],
    ['version', str(pkg.version)],
    ['marker', marker === undefined ? undefined : str(marker)],
    ['requires-python', pkg.requiresPython === undefined ? undefined : str(pkg.requiresPython)],
    ['dependencies', dependencies],
    ['index', pkg.direct === undefined && pkg.indexUrl !== undefined ? str(pkg.indexUrl) : undefined],
  ];
  const direct = directSource(pkg);
  if (direct !== undefined) {
    if (pkg.files.length > 0)
      fail(pkg, 'a package from a vcs, directory or archive source cannot also list index files');
    entries.push(direct);
  } else {
    if (pkg.files.length === 0)
      fail(pkg, 'no file to install: PEP 751 needs wheels, an sdist, or a vcs/directory/archive source');
    const { sdist, wheels } = distributions(pkg);
    entries.push(['sdist', sdist]);
    entries.push(['wheels', wheels.length === 0 ? undefined : array(wheels, true)]);
  }
  return `[[packages]]\n${renderEntries(entries)}`;
}

/** Renders the stack as pylock.toml text. */
export function writePylockToml(stack: LockedStack): string {
  const packages = sortedPackages(stack);
  const hasDev = packages.some((pkg) => pkg.dev);
  const header = renderEntries([
    ['lock-version', str('1.0')],
    [
      'environments',
      stack.environments.length === 0
        ? undefined
        : array(stack.environments.map(str), stack.environments.length > 1),
    ],
    ['requires-python', stack.requiresPython === undefined ? undefined : str(stack.requiresPython)],
    ['extras', array([])],
    // Dev packages form the one optional group; nothing optional is installed by default.
    ['dependency-groups', array(hasDev ? [str(DEV_GROUP)] : [])],
    ['default-groups', array([])],
    ['created-by', str('thoth')],
  ]);
  return [header, ...packages.map(renderPackage)].join('\n');
}
