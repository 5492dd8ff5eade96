// The solver's inputs and outputs: which releases of one package to solve, for which environments,
// against which indexes; and what comes back (the schema's SolverResult plus counters). The result
// types are generated from schemas/documents/solver.v1.json, never written by hand here.
import type { SolverEnvironment, SolverResult } from '../contracts/index.js';
import type { PackageIndex } from '../index/index.js';
import type { MetadataBuilder } from './build/index.js';
import type { Logger } from '../log/index.js';
import type { PlatformSpec, Tag } from '../python/index.js';

/** Which releases of the package to solve. */
export type VersionSelection =
  /** Exactly these versions (compared in PEP 440 normal form; legacy versions as written). */
  | { readonly kind: 'versions'; readonly versions: readonly string[] }
  /** Every release a PEP 440 specifier set admits (packaging's pre-release policy, e.g. '>=2.30,<2.33'). */
  | { readonly kind: 'specifier'; readonly specifier: string }
  /** The newest `count` final releases (pre-releases only when asked, or when there are no finals). */
  | { readonly kind: 'newest'; readonly count: number; readonly includePrereleases?: boolean };

/**
 * One environment as a person or a workflow describes it (an environment file entry or an
 * `--environment key=value,…` flag). `resolveEnvironment` turns it into a TargetEnvironment.
 */
export interface EnvironmentSpec {
  /** The environment id, e.g. 'ubi-9-py311' (schemas/common/environment-id.v1.json). */
  readonly id: string;
  /** The interpreter's full version, e.g. '3.11.7'; 'X.Y' means 'X.Y.0'. */
  readonly python: string;
  /** sys.implementation.name; default 'cpython'. */
  readonly implementation?: string;
  /**
   * The most specific platform tag the environment accepts, from which every other tag follows:
   * 'manylinux_2_34_x86_64' (glibc 2.34), 'musllinux_1_2_aarch64', 'linux_x86_64' (no manylinux),
   * 'macosx_14_0_arm64', 'win_amd64', 'win32', 'win_arm64'; anything else is taken as one platform tag.
   */
  readonly platform: string;
  /** os-release ID of the environment's OS, e.g. 'rhel'; default 'linux', 'macos' or 'windows'. */
  readonly osName?: string;
  /** os-release VERSION_ID, e.g. '9'; default the glibc/musl/macOS version, else 'unknown'. */
  readonly osVersion?: string;
  /** ABI tags of a non-CPython interpreter, e.g. ['pypy310_pp73']. */
  readonly abis?: readonly string[];
  /** Marker variables that differ from the derived ones (platform_release, platform_version, …). */
  readonly markerEnvironment?: Readonly<Record<string, string>>;
}

/** An environment ready for solving: its document form and the PEP 425 tags it supports. */
export interface TargetEnvironment {
  /** What the document records: identity, implementation and the full marker environment. */
  readonly environment: SolverEnvironment;
  /** The platform the tags were computed for. */
  readonly platform: PlatformSpec;
  /** Supported tags, best first (packaging's sys_tags order). */
  readonly supportedTags: readonly Tag[];
}

/** What to solve. */
export interface SolveRequest {
  /** The package, any spelling; the document carries its PEP 503 normalized form. */
  readonly packageName: string;
  readonly selection: VersionSelection;
  /** At least one; ids must be unique. */
  readonly environments: readonly TargetEnvironment[];
}

/** The ports and settings the solver runs with (injected: the solver opens nothing itself). */
export interface SolverPorts {
  /** The index the package's releases are read from (its first answering index wins). */
  readonly index: PackageIndex;
  /**
   * The indexes dependencies are looked up on; may be the same object as `index`, in which case
   * project pages read once are reused.
   */
  readonly dependencyIndex: PackageIndex;
  /** Releases solved at once and dependency pages read at once (default 8). */
  readonly concurrency?: number;
  /** Metadata files tried per release before giving up (default 3). */
  readonly maxMetadataAttempts?: number;
  /**
   * Opt-in (the sandboxed solver pod only): builds an sdist whose metadata needs a build
   * (lib/solver/build). Without it such a release is a `metadata-needs-build` error entry.
   */
  readonly metadataBuilder?: MetadataBuilder;
  readonly logger?: Logger;
}

/** Counters of one solve, for step outputs, logs and the benchmark. */
export interface SolveStats {
  /** Releases selected for solving. */
  selected: number;
  /** Releases that made it into `result.releases`. */
  solved: number;
  /** Metadata files read (including fall-backs and per-environment comparisons). */
  metadataReads: number;
  /** Distinct dependency projects looked up. */
  dependencyLookups: number;
  /** Sdists built for their metadata (only with a metadataBuilder). */
  metadataBuilds?: number;
}

/** The answer of `solvePackage`. */
export interface SolveOutcome {
  readonly result: SolverResult;
  readonly stats: SolveStats;
}
