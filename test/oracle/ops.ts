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
