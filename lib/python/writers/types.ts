// The "locked stack" every lock writer turns into text, and the writer interface the registry lists.
// A locked stack is a fully pinned set of packages with the files that may be installed for each, the
// indexes they came from and the environments the lock is valid for; the adviser produces it.

/** One distribution file of a locked package (a wheel or an sdist). */
export interface LockedFile {
  /** The file name (`attrs-23.1.0-py3-none-any.whl`); derived from `url` or `path` when omitted. */
  filename?: string;
  /** Where to download it from (as the index lists it). */
  url?: string;
  /** A local path instead of a URL (pylock.toml allows either). */
  path?: string;
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Size in bytes, when the index reports it. */
  size?: number;
  /** When the file was uploaded, RFC 3339 with a time zone (`2023-04-16T12:00:00Z`), when the index reports it. */
  uploadTime?: string;
}

/** A package installed from somewhere other than an index: a VCS commit, a directory or an archive URL. */
export type DirectSource =
  /** A VCS checkout pinned to a commit. */
  | {
      kind: 'vcs';
      type: 'git' | 'hg' | 'svn' | 'bzr';
      url: string;
      commitId: string;
      requestedRevision?: string;
      subdirectory?: string;
    }
  /** A local project directory (editable or not). */
  | { kind: 'directory'; path: string; editable: boolean; subdirectory?: string }
  /** An archive at a URL or path, with its hash. */
  | { kind: 'archive'; url?: string; path?: string; sha256: string; size?: number; subdirectory?: string };

/** One pinned package of the stack. */
export interface LockedPackage {
  /** The project name (any spelling; writers normalize where the format asks for it). */
  name: string;
  /** The exact version chosen (PEP 440). */
  version: string;
  /** URL of the index the files come from (matched against `sources` by URL). Undefined for direct sources. */
  indexUrl?: string;
  /** Files that may be installed for this version; their SHA-256 digests are the lock's hashes. */
  files: LockedFile[];
  /** PEP 508 marker saying in which environments the package is installed; undefined means everywhere. */
  markers?: string;
  /** Extras of this package that the stack asked for. */
  extras: string[];
  /** True when only development requirements need it (Pipfile.lock `develop`, pylock `'dev' in dependency_groups`). */
  dev: boolean;
  /** The package's own Requires-Python, when known (pylock.toml `requires-python`). */
  requiresPython?: string;
  /** Names of the packages it depends on in this stack (pylock.toml `dependencies`), when known. */
  dependencies?: string[];
  /** Set when the package is not installed from an index. */
  direct?: DirectSource;
}

/** A package index the stack uses. */
export interface LockedSource {
  /** The name packages' `index` fields refer to in a Pipfile.lock (`pypi`). */
  name: string;
  /** The index URL (PEP 503 simple API root). */
  url: string;
  /** Whether TLS certificates are checked. */
  verifySsl: boolean;
}

/** A fully pinned stack, the input of every lock writer. */
export interface LockedStack {
  /** The packages, in any order (writers sort them by normalized name). */
  packages: LockedPackage[];
  /** Indexes in priority order; the first is the primary index. */
  sources: LockedSource[];
  /** PEP 440 specifier set for the interpreter (`>=3.9`), written as pylock.toml `requires-python`. */
  requiresPython?: string;
  /** Pipfile-style `python_version` (`3.11`), written as Pipfile.lock `_meta.requires`. */
  pythonVersion?: string;
  /** Pipfile-style `python_full_version` (`3.11.4`), written as Pipfile.lock `_meta.requires`. */
  pythonFullVersion?: string;
  /** PEP 508 markers of the environments the lock was made for (pylock.toml `environments`); empty for any. */
  environments: string[];
}

/** Options a writer may need besides the stack. */
export interface WriteOptions {
  /** The Pipfile text the stack was resolved from; the Pipfile.lock writer hashes it for `_meta.hash`. */
  pipfile?: string;
  /** requirements.txt: also write dev packages (default false: only what the project needs to run). */
  includeDev?: boolean;
}

/** Identifiers of the writers in the registry. */
export type WriterId = 'requirements-txt' | 'pipfile-lock' | 'pylock-toml';

/** A lock writer: one format, a pure function from a locked stack to the file's text. */
export interface LockWriter {
  /** Registry key, kebab-case. */
  id: WriterId;
  /** Human name of the format. */
  displayName: string;
  /** The file name the format conventionally has. */
  fileName: string;
  /** Renders the stack; throws LockWriteError when the stack cannot be expressed in this format. */
  write(stack: LockedStack, options?: WriteOptions): string;
}
