// The investigator's shared decisions, one function per kind of learning (the original's common.py,
// reference/thoth-pipeline.md §3.2, without its defects): solve a release in the environments that
// lack it, analyse a release's sources once, and find adviser runs that can now be re-run.
import { createHash } from 'node:crypto';
import type { EnvironmentIdentity } from '../contracts/index.js';
import { hasSecurityIndicators, releaseFlags, solvedEnvironments, solvedVersions } from '../graph/index.js';
import type { PendingReRun } from '../graph/index.js';
import { tryParseSpecifierSet, tryParseVersion } from '../python/index.js';
import { platformFromTag } from '../solver/index.js';
import { workflowName } from '../workflows/index.js';
import { schedule } from './schedule.js';
import type { ScheduleOutcome } from './schedule.js';
import type { HandlerContext } from './types.js';

/** A release on an index. */
export interface ReleaseRef {
  name: string;
  version: string;
  indexUrl: string;
}

/** Job key of solving one release in one environment; `variant` separates forced re-solves. */
export function solveKey(release: ReleaseRef, environmentId: string, variant?: string): string {
  const base = `${release.name}:${release.version}:${environmentId}:${release.indexUrl}`;
  return variant === undefined ? base : `${base}:${variant}`;
}

/** Job key of the security indicators of one release (once per release, whichever solver finished). */
export function securityIndicatorKey(release: ReleaseRef): string {
  return `${release.name}:${release.version}:${release.indexUrl}`;
}

/** Document id of the re-run of an adviser run: deterministic, so the re-run happens once. */
export function reRunDocumentId(originalDocumentId: string): string {
  return workflowName('advise', `re-run:${originalDocumentId}`);
}

/** A short stable digest of strings (order-insensitive), for job-key variants. */
export function digest(values: readonly string[]): string {
  return createHash('sha256')
    .update([...values].sort().join('\n'), 'utf8')
    .digest('hex')
    .slice(0, 16);
}

/** sysconfig.get_platform() of Windows → its platform tag. */
const WINDOWS_TAGS: Readonly<Record<string, string>> = {
  win32: 'win32',
  'win-amd64': 'win_amd64',
  'win-arm64': 'win_arm64',
};

/**
 * The platform tag the solver needs for an identity's platform. The identity holds
 * sysconfig.get_platform() ('linux-x86_64', 'macosx-14.0-arm64', 'win-amd64'), which names no libc:
 * Linux is taken as manylinux_2_34, the glibc of RHEL 9 the solver images are built on (what
 * `--python-version` alone stands for in the solve step). A platform written as a tag
 * ('manylinux_2_28_aarch64', 'musllinux_1_2_x86_64') is used as is, so a deployment can be exact.
 * Anything else is returned unchanged for the solver to refuse by name.
 */
export function solverPlatformTag(platform: string): string {
  try {
    platformFromTag(platform);
    return platform;
  } catch {
    // Not a tag: read it as sysconfig's spelling below.
  }
  const linux = /^linux-([a-z0-9_]+)$/.exec(platform);
  if (linux !== null) return `manylinux_2_34_${linux[1]}`;
  const macos = /^macosx-(\d+)\.(\d+)-([a-z0-9_]+)$/.exec(platform);
  if (macos !== null) return `macosx_${macos[1]}_${macos[2]}_${macos[3]}`;
  return WINDOWS_TAGS[platform] ?? platform;
}

/**
 * thoth-solve's `environment` parameter for a configured environment: the solve step's
 * `--environment` spec with the configured id, so the verdicts land under the id the "already
 * solved?" check reads, whatever the id is. `python_version` stays a parameter of its own: it
 * selects the solver image. Identity fields cannot hold "," or "=" (environment-identity.v1).
 */
export function solverEnvironment(identity: EnvironmentIdentity): string {
  return [
    `id=${identity.id}`,
    `python=${identity.python_version}`,
    `platform=${solverPlatformTag(identity.platform)}`,
    `os=${identity.os_name}`,
    `os_version=${identity.os_version}`,
  ].join(',');
}

/**
 * Schedule solver workflows for `release` in every environment of `environments` that has no verdict
 * for it yet (`force`: in all of them, under a job-key variant). One job and one transaction per
 * (release, environment). Returns the outcomes by environment id.
 */
export async function learnUsingSolver(
  context: HandlerContext,
  release: ReleaseRef,
  environments: readonly EnvironmentIdentity[],
  options: { force?: { variant: string } } = {},
): Promise<Map<string, ScheduleOutcome>> {
  const outcomes = new Map<string, ScheduleOutcome>();
  for (const environment of environments) {
    const force = options.force;
    const outcome = await schedule(context, {
      kind: 'solve',
      key: solveKey(release, environment.id, force?.variant),
      template: 'thoth-solve',
      parameters: {
        package_name: release.name,
        package_version: release.version,
        index_url: release.indexUrl,
        python_version: environment.python_version,
        environment: solverEnvironment(environment),
        no_transitive: 'true',
        force_sync: force === undefined ? 'false' : 'true',
        artifact_prefix: context.policy.artifactPrefix,
      },
      labels: { 'thoth-station.ninja/environment': environment.id },
      ...(force === undefined
        ? { isKnown: async (tx) => (await solvedEnvironments(tx, release)).has(environment.id) }
        : {}),
    });
    outcomes.set(environment.id, outcome);
  }
  return outcomes;
}

/**
 * Schedule the security indicators of a release unless they exist, or the release is gone from its
 * index or has no source distribution to analyse (the original checked neither, §3.2).
 */
export async function learnAboutSecurity(
  context: HandlerContext,
  release: ReleaseRef,
): Promise<ScheduleOutcome> {
  return schedule(context, {
    kind: 'security-indicator',
    key: securityIndicatorKey(release),
    template: 'thoth-security-indicators',
    parameters: {
      package_name: release.name,
      package_version: release.version,
      index_url: release.indexUrl,
      artifact_prefix: context.policy.artifactPrefix,
    },
    isKnown: async (tx) => {
      if (await hasSecurityIndicators(tx, release)) return true;
      const flags = await releaseFlags(tx, release);
      return flags !== undefined && (flags.isMissing || !flags.providesSourceDistro);
    },
  });
}

/**
 * The versions of `name` to solve for an UnresolvedPackage without a version: the newest matching
 * ones, at most `max`, leaving out those in `known` (solved already, in either spelling), so a
 * request for a range the graph has partly learned reaches further back instead of asking again for
 * what it has. Without a specifier pre-releases are left out.
 */
export function pickVersions(
  versions: readonly string[],
  specifier: string | null,
  max: number,
  known: ReadonlySet<string> = new Set(),
): string[] {
  const set = specifier === null || specifier.trim() === '' ? undefined : tryParseSpecifierSet(specifier);
  const parsed = versions
    .filter((v) => !known.has(v))
    .map((v) => ({ raw: v, version: tryParseVersion(v) }))
    .filter((v): v is { raw: string; version: NonNullable<typeof v.version> } => v.version !== undefined)
    .filter((v) => !known.has(v.version.toString()));
  const matching = set === undefined ? parsed.filter((v) => !v.version.isPrerelease) : parsed;
  const chosen = set === undefined ? matching : matching.filter((v) => set.contains(v.version));
  chosen.sort((a, b) => b.version.compare(a.version));
  return chosen.slice(0, max).map((v) => v.raw);
}

/**
 * For each pending adviser run: the solved releases that satisfy everything it lacked, or undefined
 * while something is still unknown. An unresolved entry is satisfied by a release of that name (on
 * that index when given) with a verdict in the run's environment (any environment when the run has
 * none) whose version matches the entry's specifier ('' = any version).
 */
export async function readyReRuns(
  context: HandlerContext,
  runs: readonly PendingReRun[],
): Promise<{ run: PendingReRun; solved: ReleaseRef[] }[]> {
  const ready: { run: PendingReRun; solved: ReleaseRef[] }[] = [];
  for (const run of runs) {
    const names = [...new Set(run.unresolved.map((u) => u.name))];
    const solved = await solvedVersions(context.graph, names, run.environmentKey);
    const used = new Map<string, ReleaseRef>();
    let complete = true;
    for (const entry of run.unresolved) {
      const set = entry.specifier === '' ? undefined : tryParseSpecifierSet(entry.specifier);
      const matches = solved.filter((s) => {
        if (s.name !== entry.name) return false;
        if (entry.indexUrl !== '' && s.indexUrl !== entry.indexUrl) return false;
        if (entry.specifier === '') return true;
        // A specifier the parser refuses is compared as a plain version.
        return set === undefined
          ? s.version === entry.specifier
          : set.contains(s.version, { prereleases: true });
      });
      if (matches.length === 0) {
        complete = false;
        break;
      }
      for (const m of matches) used.set(`${m.name}\u0000${m.version}\u0000${m.indexUrl}`, m);
    }
    if (complete) ready.push({ run, solved: [...used.values()] });
  }
  return ready;
}
