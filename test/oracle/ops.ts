// The catalogue of oracle operations: for each op name, the argument tuple sent to
// packaging_oracle.py and the JSON value it answers with. Adding an op is one @op function in the
// worker plus one entry here.

/** Python's view of a version; integers are decimal strings so big ones stay exact. */
export interface OracleVersionInfo {
  normalized: string;
  epoch: string;
  release: string[];
  pre: [string, string] | null;
  post: string | null;
  dev: string | null;
  local: string | null;
  public: string;
  base_version: string;
  is_prerelease: boolean;
  is_postrelease: boolean;
  is_devrelease: boolean;
  major: string;
  minor: string;
  micro: string;
}

/** `null` stands for Python's None: the default pre-release policy. */
export type Prereleases = boolean | null;

export interface OracleOps {
  'version.info': { args: [version: string]; result: OracleVersionInfo };
  /** Normalized string, or null when packaging raises any ValueError. */
  'version.normalize': { args: [version: string]; result: string | null };
  'version.compare': { args: [a: string, b: string]; result: -1 | 0 | 1 };
  'version.sort': { args: [versions: string[]]; result: string[] };
  'specifier.info': {
    args: [specifier: string];
    result: { operator: string; version: string; str: string; prereleases: boolean | null };
  };
  'specifier.contains': {
    args: [specifier: string, item: string, prereleases: Prereleases];
    result: boolean;
  };
  'specifier_set.info': {
    args: [specifiers: string, setPrereleases: Prereleases];
    result: { str: string; prereleases: boolean | null; length: number; is_unsatisfiable: boolean };
  };
  'specifier_set.contains': {
    args: [specifiers: string, item: string, prereleases: Prereleases, setPrereleases: Prereleases];
    result: boolean;
  };
  'specifier_set.filter': {
    args: [specifiers: string, items: string[], prereleases: Prereleases, setPrereleases: Prereleases];
    result: string[];
  };
  'specifier_set.is_unsatisfiable': {
    args: [specifiers: string, setPrereleases: Prereleases];
    result: boolean;
  };
  'specifier_set.and': { args: [a: string, b: string]; result: string };
}

export type OracleOpName = keyof OracleOps;

// ---- names, markers, requirements, tags and file names (lib/python/{name,marker,requirement,tags,filename}).
// Declaration merging adds these ops to the catalogue above.

/** A target for `tags.sys_tags`: the values packaging would probe from the running process. */
export interface OracleTagTarget {
  interpreter: {
    implementation: string;
    python_version: [number, number];
    /** sysconfig config vars: Py_DEBUG, Py_GIL_DISABLED, WITH_PYMALLOC, py_version_nodot, EXT_SUFFIX… */
    config_vars?: Record<string, string | number | null>;
  };
  platform: {
    system: string;
    sysconfig_platform: string;
    glibc?: [number, number];
    musl?: [number, number];
    is_32bit?: boolean;
    mac_ver?: [string, [string, string, string], string];
    ios_ver?: [string, string, string, boolean];
    multiarch?: string;
    api_level?: number;
    config_vars?: Record<string, string | number | null>;
  };
}

export interface OracleOps {
  'name.info': { args: [name: string]; result: { canonical: string; valid: boolean; normalized: boolean } };
  /** str(Marker(s)); raises InvalidMarker, or ValueError when the value cannot be printed. */
  'marker.parse': { args: [marker: string]; result: string };
  /** Marker(s).evaluate(env, context) with no process defaults; lists stand for sets. */
  'marker.evaluate': {
    args: [
      marker: string,
      environment: Record<string, string | string[]>,
      context: 'metadata' | 'lock_file' | 'requirement',
    ];
    result: boolean;
  };
  'requirement.parse': {
    args: [requirement: string];
    result: {
      name: string;
      extras: string[];
      specifier: string;
      url: string | null;
      marker: string | null;
      str: string;
    };
  };
  /** Sorted tag strings of parse_tag. */
  'tags.parse': { args: [tag: string, validateOrder: boolean]; result: string[] };
  'tags.sys_tags': {
    args: [interpreter: OracleTagTarget['interpreter'], platform: OracleTagTarget['platform']];
    result: string[];
  };
  'utils.parse_wheel_filename': {
    args: [filename: string, validateOrder: boolean];
    result: { name: string; version: string; build: [string, string] | null; tags: string[] };
  };
  'utils.parse_sdist_filename': { args: [filename: string]; result: { name: string; version: string } };
}
