// The PackageIndex port and the values it returns: project pages (PEP 503/691/700/714/592) and core
// metadata (PEP 566/643/658). Every implementation (HTTP client, several indexes in priority order, a
// corpus read in memory) answers with these shapes, so the solver and the adviser never see HTML or JSON.

/** Hash digests keyed by lowercase algorithm name (`sha256`, …), hex values lowercased. */
export type Hashes = Readonly<Record<string, string>>;

/** One distribution file listed on a project page. */
export interface ProjectFile {
  /** The file name (`requests-2.32.3-py3-none-any.whl`), taken from the page, never from the URL path. */
  readonly filename: string;
  /** Absolute URL of the file, with any credentials removed (they are re-applied per request). */
  readonly url: string;
  /** The base URL of the index this file was listed by (credentials removed). */
  readonly indexUrl: string;
  /** Digests the index published (PEP 503 `#sha256=` fragment, PEP 691 `hashes`). May be empty. */
  readonly hashes: Hashes;
  /** PEP 503 `data-requires-python` (HTML-unescaped) / PEP 691 `requires-python`; undefined when absent. */
  readonly requiresPython: string | undefined;
  /** PEP 592: true when the file is yanked. */
  readonly yanked: boolean;
  /** PEP 592 yank reason when the index gave one (a non-empty string); undefined otherwise. */
  readonly yankedReason: string | undefined;
  /** PEP 700 file size in bytes; undefined on PEP 503 HTML pages, which do not carry it. */
  readonly size: number | undefined;
  /** PEP 700 upload time (ISO 8601, as published); undefined when the index does not say. */
  readonly uploadTime: string | undefined;
  /**
   * PEP 658/714: whether `<url>.metadata` is published. `false` when not advertised; otherwise the
   * hashes of the metadata file (possibly empty when the index advertised it as plain `true`).
   */
  readonly coreMetadata: false | { readonly hashes: Hashes };
}

/** A project page: the answer to `getProject` when the index knows the project. */
export interface ProjectPage {
  readonly kind: 'project';
  /** The project name as the index spells it (PEP 691 `name`; the requested name for HTML pages). */
  readonly name: string;
  /** The PEP 503 normalized name. */
  readonly normalizedName: string;
  /** The index base URL (credentials removed) that answered. */
  readonly indexUrl: string;
  /** The page URL that was read. */
  readonly url: string;
  /** Which representation was read: PEP 691 JSON or PEP 503 HTML. */
  readonly format: 'json' | 'html';
  /** PEP 629/691 `api-version` (`meta.api-version` or `<meta name="pypi:repository-version">`). */
  readonly apiVersion: string | undefined;
  /** PEP 700 `versions`: every version the project has, even those without files; undefined if absent. */
  readonly versions: readonly string[] | undefined;
  /** The files, in page order. Entries that could not be read are left out and counted in `droppedFiles`. */
  readonly files: readonly ProjectFile[];
  /** Malformed file entries dropped while reading the page leniently (STYLE.md §6), with their reason. */
  readonly droppedFiles: readonly { readonly entry: string; readonly reason: string }[];
}

/** The answer to `getProject` when no index knows the project (HTTP 404): a value, not an error. */
export interface ProjectNotFound {
  readonly kind: 'not-found';
  /** The name that was asked for. */
  readonly name: string;
  /** The PEP 503 normalized name. */
  readonly normalizedName: string;
  /** Every index that was asked (credentials removed), in priority order. */
  readonly indexUrls: readonly string[];
}

export type ProjectLookup = ProjectPage | ProjectNotFound;

/** How a file's core metadata was obtained. */
export type MetadataSource =
  /** PEP 658 `<url>.metadata` file. */
  | 'pep658'
  /** `*.dist-info/METADATA` read from the wheel through HTTP range requests. */
  | 'wheel-range'
  /** `*.dist-info/METADATA` read from a fully downloaded wheel (the server ignored Range). */
  | 'wheel-download'
  /** `PKG-INFO` of a downloaded sdist (Metadata-Version >= 2.2, PEP 643). */
  | 'sdist-pkg-info'
  /** Text held in a corpus. */
  | 'corpus'
  /**
   * METADATA produced by running the sdist's PEP 517 build (lib/solver's opt-in builder). lib/index
   * itself never builds: it answers `needs-build`.
   */
  | 'sdist-build';

/** Parsed core metadata (METADATA / PKG-INFO), read leniently as RFC 822-style headers. */
export interface CoreMetadata {
  readonly kind: 'metadata';
  /** `Metadata-Version` (e.g. `2.1`); `1.0` assumed when absent. */
  readonly metadataVersion: string;
  /** `Name`, as written. */
  readonly name: string;
  /** `Version`, as written. */
  readonly version: string;
  /** `Requires-Python`, undefined when absent or empty. */
  readonly requiresPython: string | undefined;
  /** Every `Requires-Dist` line (PEP 508 strings, unparsed), in order. */
  readonly requiresDist: readonly string[];
  /** Every `Provides-Extra` line, in order. */
  readonly providesExtra: readonly string[];
  /** PEP 643 `Dynamic` field names, lowercased. */
  readonly dynamic: readonly string[];
  /** `Summary`, undefined when absent. */
  readonly summary: string | undefined;
  /** Every header by lowercased field name, values in order (multiple-use fields keep all values). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** The metadata text as read (decoded); the message body (long description) included. */
  readonly text: string;
  /** Where the text came from. */
  readonly source: MetadataSource;
  /** The distribution file the metadata belongs to. */
  readonly filename: string;
}

/** Why a file's metadata cannot be known without building it (a value, not an error). */
export type NeedsBuildReason =
  /** An sdist whose PKG-INFO predates PEP 643 (Metadata-Version < 2.2): its fields may be wrong. */
  | 'sdist-metadata-too-old'
  /** An sdist whose PKG-INFO marks Requires-Dist or Requires-Python as Dynamic (PEP 643). */
  | 'sdist-dynamic-dependencies'
  /** An sdist without a top-level PKG-INFO. */
  | 'sdist-without-pkg-info'
  /** A file that is neither a wheel nor a readable sdist (.egg, .exe, .rpm, .tar.bz2 …). */
  | 'unsupported-file-type';

/** The answer to `getCoreMetadata` when the metadata needs a build (PEP 517) to be known. */
export interface MetadataNeedsBuild {
  readonly kind: 'needs-build';
  readonly filename: string;
  readonly reason: NeedsBuildReason;
  /** One sentence for people (e.g. "PKG-INFO has Metadata-Version 1.1"). */
  readonly detail: string;
}

export type MetadataLookup = CoreMetadata | MetadataNeedsBuild;

/** Read access to Python package indexes (the port of DESIGN.md's "package index" row). */
export interface PackageIndex {
  /** The index base URLs this implementation reads, in priority order, credentials removed. */
  readonly indexUrls: readonly string[];
  /**
   * The project page of `name` (normalized before the request, PEP 503). With several indexes, the
   * first index (in priority order) that knows the project answers ("first index" strategy, which keeps a
   * private name from being shadowed by a public one). An unknown project is a `not-found` value.
   * Throws IndexHostError when an index is unavailable after retries (never "no versions"),
   * IndexPageError when a page is malformed, IndexRequestRejectedError on 401/403.
   */
  getProject(name: string): Promise<ProjectLookup>;
  /**
   * The core metadata of one file of a project page: PEP 658 `.metadata` when advertised (hash
   * verified), else the wheel's METADATA by range reads (full download when ranges are refused), else
   * an sdist's PKG-INFO when PEP 643 makes it reliable; otherwise a `needs-build` value.
   * Throws MetadataParseError, HashMismatchError, ArchiveFormatError for bad data, IndexHostError when
   * the host fails.
   */
  getCoreMetadata(file: ProjectFile): Promise<MetadataLookup>;
}
