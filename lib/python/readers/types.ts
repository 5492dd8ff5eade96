// The common shape every project-file reader returns ("project requirements"), and the reader interface
// the registry lists. requirements.txt, constraints files, Pipfile, Pipfile.lock and pyproject.toml all
// become one ProjectRequirements value, so the adviser never branches on the input format.

/** A place in a project file. Lines and columns are 1-based and count UTF-16 code units, as editors do. */
export interface SourcePosition {
  /** The file as the caller named it (or as the include loader resolved it for `-r`/`-c` includes). */
  file: string;
  /** 1-based line number; for a requirements.txt line joined with `\`, the first physical line. */
  line: number;
  /** 1-based column of the first character of the entry on `line`. */
  column: number;
}

/**
 * How a requirement names what to install:
 * - `named`: a PEP 508 name with an optional specifier (`flask>=2`), resolved against indexes;
 * - `url`: a direct URL to an archive (`name @ https://…/x.whl`, or a bare `https://…` line);
 * - `vcs`: a version-control checkout (`git+https://…@rev#egg=name`, `name @ git+…`, Pipfile `git = …`);
 * - `path`: a local directory or archive (`./pkg`, `-e .`, `file:///…`, Pipfile `path = …`).
 */
export type RequirementKind = 'named' | 'url' | 'vcs' | 'path';

/** The version-control part of a `vcs` requirement. */
export interface VcsReference {
  /** The tool, from the `<vcs>+` URL prefix (pip's spelling) or the Pipfile key. */
  type: 'git' | 'hg' | 'svn' | 'bzr';
  /** The repository URL without the `<vcs>+` prefix, the `@revision` and the `#fragment`. */
  url: string;
  /** The requested revision (branch, tag or commit) after `@` in the URL or Pipfile `ref`; undefined for the default branch. */
  revision?: string;
  /** The `subdirectory=` fragment: where the project sits inside the repository. */
  subdirectory?: string;
}

/**
 * Which part of the project asked for a requirement. `default` is the main set (requirements.txt lines,
 * Pipfile [packages], PEP 621 `dependencies`); the others are opt-in sets.
 */
export type RequirementGroup =
  /** Main requirements: requirements.txt, Pipfile [packages], Pipfile.lock `default`, PEP 621 `dependencies`. */
  | { kind: 'default' }
  /** Pipfile [dev-packages] and Pipfile.lock `develop`. */
  | { kind: 'dev' }
  /** Another Pipfile package category (pipenv ≥ 2022.10: any table of packages, e.g. [docs]). */
  | { kind: 'category'; name: string }
  /** A PEP 621 `[project.optional-dependencies]` extra, by its name as written. */
  | { kind: 'extra'; name: string }
  /** A PEP 735 `[dependency-groups]` group, by its name as written (includes already expanded). */
  | { kind: 'dependency-group'; name: string };

/** One requirement read from a project file, with everything the file said about it and where. */
export interface ProjectRequirement {
  /** How the requirement names what to install (see RequirementKind). */
  kind: RequirementKind;
  /** The distribution name as written; undefined for a bare URL or path that does not name itself (no `#egg=`, not a wheel). */
  name?: string;
  /** PEP 503 form of `name` (lowercase, runs of `-_.` as `-`), the key to compare and look up by. */
  canonicalName?: string;
  /** The requirement text as written (after `${VAR}` expansion), without per-line options such as `--hash`. */
  text: string;
  /** PEP 440 specifier set as written (`>=1.0,<2`); '' for "any version" and for url/vcs/path requirements. */
  specifier: string;
  /** Extras asked for (`name[a,b]`), as written, in file order. */
  extras: string[];
  /** The PEP 508 environment marker text after `;` (Pipfile: the `markers` key and PEP 508 marker keys joined with `and`). */
  marker?: string;
  /** For `url`, `vcs` and `path` requirements: the URL or path exactly as written (vcs with its `git+` prefix). */
  url?: string;
  /** For `vcs` requirements: the parsed repository reference. */
  vcs?: VcsReference;
  /** For `path` requirements: the local path (a `file:` URL decoded to a path). */
  path?: string;
  /** True for `-e`/`--editable` lines and Pipfile `editable = true`. */
  editable: boolean;
  /** Allowed archive hashes as `algorithm:hexdigest` (requirements.txt `--hash`, Pipfile.lock `hashes`), in file order. */
  hashes: string[];
  /** The name of the index this requirement must come from (Pipfile `index = "…"`, Pipfile.lock `index`). */
  index?: string;
  /** The opt-in set this requirement belongs to. */
  group: RequirementGroup;
  /** True when it came from a constraints file (`-c`): it limits versions but does not ask for installation. */
  isConstraint: boolean;
  /** Where the requirement is written. */
  origin: SourcePosition;
}

/** A package index the project names. */
export interface IndexSource {
  /** The source's name (Pipfile [[source]] `name`); undefined for requirements.txt indexes, which have none. */
  name?: string;
  /** The index URL as written (with `${VAR}` references expanded where the format allows). */
  url: string;
  /** False when the Pipfile says `verify_ssl = false` or a requirements file lists the host with `--trusted-host`. */
  verifySsl: boolean;
  /** True for the index that replaces PyPI (`-i/--index-url`, the first Pipfile source); false for extra indexes. */
  isPrimary: boolean;
  /** Where the index is named. */
  origin: SourcePosition;
}

/**
 * A per-package switch list with pip's FormatControl semantics: package names (canonical), or the
 * special ':all:' meaning every package. pip's `:none:` empties the list when read.
 */
export type PackageSwitch = string[];

/** Which distribution formats pip may use (`--only-binary`, `--no-binary`; pip keeps the two sets exclusive). */
export interface BinaryPolicy {
  /** Packages that must be installed from wheels (`--only-binary`). */
  onlyBinary: PackageSwitch;
  /** Packages that must be built from source (`--no-binary`). */
  noBinary: PackageSwitch;
  /** pip's `--prefer-binary`: choose an older wheel over a newer sdist. */
  preferBinary: boolean;
}

/** Which pre-release versions may be chosen (`--pre` is pip's `--all-releases :all:`). */
export interface ReleasePolicy {
  /** Packages whose pre-releases are allowed (`--pre`, `--all-releases`, Pipfile `allow_prereleases`). */
  allReleases: PackageSwitch;
  /** Packages restricted to final releases (`--only-final`). */
  onlyFinal: PackageSwitch;
}

/** What the project says about the Python interpreter. */
export interface PythonRequirement {
  /** PEP 621 `requires-python` (a PEP 440 specifier set, e.g. `>=3.9`). */
  requiresPython?: string;
  /** Pipfile [requires] `python_version` (e.g. `3.11`), also in Pipfile.lock `_meta.requires`. */
  pythonVersion?: string;
  /** Pipfile [requires] `python_full_version` (e.g. `3.11.4`). */
  pythonFullVersion?: string;
}

/** A directive the reader understood but Thoth does not act on, reported instead of silently dropped. */
export interface UnsupportedDirective {
  /** The directive as written (`--use-feature`, `--config-settings`, `[scripts]`, a stray argument). */
  name: string;
  /** Why it has no effect here, in a few words. */
  reason: string;
  /** Where it is written. */
  origin: SourcePosition;
}

/** Identifiers of the readers in the registry. */
export type ReaderId = 'requirements-txt' | 'pipfile' | 'pipfile-lock' | 'pyproject-toml';

/** Everything a project file says about what to install: the one shape all readers return. */
export interface ProjectRequirements {
  /** The reader that produced this value. */
  format: ReaderId;
  /** The top-level file read (as the caller named it). */
  file: string;
  /** Requirements to install, in file order (includes expanded in place), each with its group and origin. */
  requirements: ProjectRequirement[];
  /** Constraints (`-c` files and the lines they include): they bound versions but install nothing. */
  constraints: ProjectRequirement[];
  /** Indexes in priority order; empty means "the caller's default index" (PyPI). */
  indexes: IndexSource[];
  /** `--no-index`: use no index at all, only `findLinks`. */
  noIndex: boolean;
  /** `-f/--find-links` locations (URLs or paths as written), in order. */
  findLinks: string[];
  /** `--trusted-host` entries (`host` or `host:port`). */
  trustedHosts: string[];
  /** `--only-binary`, `--no-binary`, `--prefer-binary`. */
  binary: BinaryPolicy;
  /** `--pre`, `--all-releases`, `--only-final`, Pipfile `[pipenv] allow_prereleases`. */
  releases: ReleasePolicy;
  /** `--require-hashes`, or true because some requirement carries `--hash` (pip's implicit hash-checking mode). */
  requireHashes: boolean;
  /** What the file says about the interpreter. */
  python: PythonRequirement;
  /** The PEP 621 project name, when the file is a pyproject.toml with a [project] table. */
  projectName?: string;
  /** Every file read through the include loader, in the order first read (not including `file`). */
  includedFiles: string[];
  /** Directives understood but not acted on, by name and position. */
  unsupported: UnsupportedDirective[];
}

/** What a reader gets besides the text. Readers do no I/O: includes and variables come from here. */
export interface ReadContext {
  /** The name of the file being read, used in positions and error messages. */
  file: string;
  /**
   * Loads a file named by `-r`/`-c` (requirements.txt only). `path` is as written; `relativeTo` is the
   * including file's name. Returns the resolved file name (used for cycle detection and positions,
   * so it must be canonical, e.g. an absolute path) and its text, or undefined when it does not exist.
   */
  load?: (path: string, relativeTo: string) => LoadedFile | undefined;
  /** Values for `${VAR}` references (requirements.txt, as pip reads os.environ); missing or empty values leave the reference as is. */
  env?: Readonly<Record<string, string>>;
  /** True to read a requirements file as a constraints file (pip's `-c file`): every entry is a constraint. */
  isConstraintFile?: boolean;
}

/** A file provided by the include loader. */
export interface LoadedFile {
  /** Canonical name of the file (absolute path or URL). */
  file: string;
  /** Its decoded text. */
  text: string;
}

/** A project-file reader: one format, a pure function from text to ProjectRequirements. */
export interface ProjectFileReader {
  /** Registry key, kebab-case. */
  id: ReaderId;
  /** Human name of the format. */
  displayName: string;
  /** The file names this format conventionally has, for detection by name. */
  fileNames: readonly string[];
  /** Parses `text` into the common shape; throws ProjectFileError with file:line:column on bad input. */
  read(text: string, context: ReadContext): ProjectRequirements;
}
