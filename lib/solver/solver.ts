// The solver: for one package, read its project page once, select releases, and for each release
// read dependency metadata (PEP 658 file, wheel METADATA by range reads, sdist PKG-INFO under PEP 643),
// list its files, parse its Requires-Dist and decide installability per environment; then check that
// every dependency has a satisfying release on the dependency indexes. It never installs, builds or
// runs package code. Item failures become `errors`/`unresolved`/`unparsed` entries; a host outage of
// the main index is thrown (IndexHostError, retriable) so it never looks like "no versions".
import pLimit from 'p-limit';
import type {
  SolvedDependency,
  SolvedRelease,
  SolverEnvironment,
  SolverError,
  SolverResult,
  UnparsedRequirement,
} from '../contracts/index.js';
import { InputError, ThothError } from '../errors/index.js';
import { IndexHostError } from '../index/index.js';
import { archiveFormat } from '../security/index.js';
import type { CoreMetadata, MetadataSource, PackageIndex, ProjectLookup } from '../index/index.js';
import { silentLogger } from '../log/index.js';
import type { Logger } from '../log/index.js';
import { canonicalizeName, TagPriorities } from '../python/index.js';
import type { MetadataBuilder } from './build/index.js';
import { readDependencies } from './dependencies.js';
import { bestWheel, classifyFiles, metadataCandidates, toReleaseFile } from './files.js';
import type { DistributionFile } from './files.js';
import { installabilityVerdict } from './installability.js';
import { checkAvailability, PageMemo, stripSlash } from './lookups.js';
import type { DependencyQuery } from './lookups.js';
import { checkSelection, groupReleases, selectionSpecifier, selectReleases, versionKey } from './releases.js';
import type { PageRelease } from './releases.js';
import type { SolveOutcome, SolveRequest, SolverPorts, SolveStats, TargetEnvironment } from './types.js';

/** Default releases solved at once and dependency pages read at once. */
export const DEFAULT_CONCURRENCY = 8;
/** Default metadata files tried per release before it is reported as unreadable. */
export const DEFAULT_METADATA_ATTEMPTS = 3;

const PACKAGE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PACKAGE_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;
const ENVIRONMENT_ID = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/;

/** Where the schema says dependencies came from, by how lib/index obtained the metadata. */
const METADATA_SOURCES: Record<MetadataSource, SolvedRelease['metadata_source']> = {
  pep658: 'pep658',
  'wheel-range': 'wheel',
  'wheel-download': 'wheel',
  'sdist-pkg-info': 'sdist',
  // A corpus holds what the index's core-metadata file would serve.
  corpus: 'pep658',
  // The schema's 'sdist' covers "PKG-INFO or a build of the sdist".
  'sdist-build': 'sdist',
};

interface Context {
  name: string;
  indexUrl: string;
  index: PackageIndex;
  targets: readonly TargetEnvironment[];
  environments: readonly SolverEnvironment[];
  priorities: readonly TagPriorities[];
  maxAttempts: number;
  builder: MetadataBuilder | undefined;
  stats: SolveStats;
  logger: Logger;
}

interface ReleaseOutcome {
  release: SolvedRelease | undefined;
  errors: SolverError[];
  unparsed: UnparsedRequirement[];
}

/**
 * Solve the selected releases of one package for every target environment. Throws InputError for a
 * bad request and IndexHostError when the main index fails after its retries; everything else
 * about the package or a release is recorded in the result.
 */
export async function solvePackage(request: SolveRequest, ports: SolverPorts): Promise<SolveOutcome> {
  const name = checkRequest(request);
  const logger = (ports.logger ?? silentLogger).child({ component: 'solver', package: name });
  const concurrency = ports.concurrency ?? DEFAULT_CONCURRENCY;
  const stats: SolveStats = { selected: 0, solved: 0, metadataReads: 0, dependencyLookups: 0 };
  const environments = request.environments.map((t) => t.environment);
  const result: SolverResult = { environments, releases: [], errors: [], unresolved: [], unparsed: [] };
  const memo = new PageMemo(ports.index);
  const dependencyMemo = ports.dependencyIndex === ports.index ? memo : new PageMemo(ports.dependencyIndex);
  const indexUrl = stripSlash(ports.index.indexUrls[0] ?? '');

  let page: ProjectLookup;
  try {
    page = await memo.get(name);
  } catch (error) {
    // A dead index must never look like "no versions": the step exits 75 and is retried.
    if (error instanceof IndexHostError || !(error instanceof ThothError)) throw error;
    // A malformed page or a refused request concerns this package on this index: recorded.
    result.errors.push(packageError(name, indexUrl, error.code, error.message));
    return { result, stats };
  }
  if (page.kind === 'not-found') {
    // One entry per requested version ('==1.0,==2.0' as one specifier would ask for both at once).
    const specifiers =
      request.selection.kind === 'versions'
        ? request.selection.versions.map((v) => `==${v}`)
        : [selectionSpecifier(request.selection)];
    for (const specifier of specifiers) {
      result.unresolved.push({
        name,
        specifier,
        index_url: indexUrl,
        reason: 'package-not-found',
        message: `no project ${name} on ${page.indexUrls.map(stripSlash).join(', ')}`,
      });
    }
    return { result, stats };
  }

  const pageIndexUrl = stripSlash(page.indexUrl);
  const selection = selectReleases(groupReleases(page), request.selection);
  for (const version of selection.missing) {
    result.errors.push({
      name,
      version: PACKAGE_VERSION.test(version) && version.length <= 128 ? version : null,
      index_url: pageIndexUrl,
      environment_id: null,
      code: 'version-not-found',
      message: `${name} has no release ${version} on ${pageIndexUrl}`,
    });
  }
  if (selection.releases.length === 0 && request.selection.kind !== 'versions') {
    const specifier = selectionSpecifier(request.selection);
    result.unresolved.push({
      name,
      specifier,
      index_url: pageIndexUrl,
      reason: 'no-matching-version',
      message:
        specifier === ''
          ? `${name} on ${pageIndexUrl} has no release`
          : `no release of ${name} on ${pageIndexUrl} matches ${specifier}`,
    });
  }
  stats.selected = selection.releases.length;

  const context: Context = {
    name,
    indexUrl: pageIndexUrl,
    index: ports.index,
    targets: request.environments,
    environments,
    priorities: request.environments.map((t) => new TagPriorities(t.supportedTags)),
    maxAttempts: ports.maxMetadataAttempts ?? DEFAULT_METADATA_ATTEMPTS,
    builder: ports.metadataBuilder,
    stats,
    logger,
  };
  const limit = pLimit(concurrency);
  // Promise.all keeps selection order, so the document does not depend on timing.
  const outcomes = await Promise.all(selection.releases.map((r) => limit(() => solveRelease(r, context))));
  for (const outcome of outcomes) {
    if (outcome.release !== undefined) result.releases.push(outcome.release);
    result.errors.push(...outcome.errors);
    result.unparsed.push(...outcome.unparsed);
  }
  stats.solved = result.releases.length;

  const queries: DependencyQuery[] = result.releases.flatMap((r) =>
    r.dependencies.map((d: SolvedDependency) => ({ name: d.name, specifier: d.specifier })),
  );
  const availability = await checkAvailability(queries, dependencyMemo, concurrency);
  stats.dependencyLookups = new Set(queries.map((q) => q.name)).size;
  result.unresolved.push(...availability.unresolved);
  result.errors.push(...availability.errors);
  logger.debug(
    { ...stats, errors: result.errors.length, unresolved: result.unresolved.length },
    'package solved',
  );
  return { result, stats };
}

/** Validate the request; returns the normalized package name. */
function checkRequest(request: SolveRequest): string {
  const name = canonicalizeName(request.packageName);
  if (!PACKAGE_NAME.test(name) || name.length > 255) {
    throw new InputError(`package name "${request.packageName}" is not a valid Python project name`);
  }
  checkSelection(request.selection);
  if (request.environments.length === 0) throw new InputError('at least one environment is needed');
  const ids = new Set<string>();
  for (const { environment } of request.environments) {
    const id = environment.identity.id;
    if (!ENVIRONMENT_ID.test(id) || id.length > 63)
      throw new InputError(`environment id "${id}" is not valid`);
    if (ids.has(id)) throw new InputError(`environment id "${id}" is given twice`);
    ids.add(id);
  }
  return name;
}

async function solveRelease(pageRelease: PageRelease, context: Context): Promise<ReleaseOutcome> {
  const { name, indexUrl } = context;
  const errors: SolverError[] = [];
  const validVersion = PACKAGE_VERSION.test(pageRelease.version) && pageRelease.version.length <= 128;
  const error = (code: string, message: string, environmentId: string | null = null): SolverError => ({
    name,
    version: validVersion ? pageRelease.version : null,
    index_url: indexUrl,
    environment_id: environmentId,
    code,
    message,
  });
  if (!validVersion) {
    return {
      release: undefined,
      errors: [
        error(
          'invalid-version',
          `${name} release "${pageRelease.version}" has a version the schema cannot carry`,
        ),
      ],
      unparsed: [],
    };
  }
  const label = `${name} ${pageRelease.version}`;
  const { distributions, issues } = classifyFiles(pageRelease.files);
  for (const issue of issues) errors.push(error(issue.code, issue.message));
  if (distributions.length === 0) {
    errors.push(
      error(
        'no-distribution-files',
        `${label} has no wheel or sdist (${pageRelease.files.map((f) => f.filename).join(', ')})`,
      ),
    );
    return { release: undefined, errors, unparsed: [] };
  }

  const chosen = context.priorities.map((p) => bestWheel(distributions, p));
  const candidates = metadataCandidates(distributions, chosen);
  const primary = await readPrimaryMetadata(candidates, distributions, context, label);
  errors.push(
    ...primary.failures.map((f) =>
      error(
        f.code,
        primary.metadata === undefined
          ? f.message
          : `${f.message}; used ${primary.file!.file.filename} instead`,
      ),
    ),
  );
  if (primary.metadata === undefined || primary.file === undefined) {
    if (primary.failures.length === 0)
      errors.push(error('metadata-unreadable', `${label}: no file to read metadata from`));
    return { release: undefined, errors, unparsed: [] };
  }
  errors.push(...(await compareWheelMetadata(primary.file, primary.metadata, chosen, context, label, error)));

  const metadata = primary.metadata;
  const requiresPython =
    metadata.requiresPython ??
    distributions.find((d) => d.file.requiresPython !== undefined)?.file.requiresPython ??
    null;
  const files = [];
  for (const distribution of distributions) {
    const file = toReleaseFile(distribution);
    if ('code' in file) errors.push(error(file.code, file.message));
    else files.push(file);
  }
  const yanked = distributions.every((d) => d.file.yanked);
  const { dependencies, unparsed } = readDependencies(metadata.requiresDist, context.environments, label);
  const installability: SolvedRelease['installability'] = {};
  context.targets.forEach((target, i) => {
    installability[target.environment.identity.id] = installabilityVerdict(
      distributions,
      requiresPython,
      target.environment,
      context.priorities[i]!,
    );
  });
  const release: SolvedRelease = {
    name,
    version: pageRelease.version,
    index_url: indexUrl,
    requires_python: requiresPython,
    yanked,
    yanked_reason: yanked
      ? (distributions.find((d) => d.file.yankedReason !== undefined)?.file.yankedReason ?? null)
      : null,
    // The version inside the metadata when it differs from the index's (storages#1415: xonsh 0.9.13
    // listed, 0.9.13.dev1 inside): recorded, not used as the release's identity.
    metadata_version:
      versionKey(metadata.version) === versionKey(pageRelease.version) ? null : metadata.version,
    metadata_source: METADATA_SOURCES[metadata.source],
    files,
    dependencies,
    installability,
  };
  context.logger.debug({ version: release.version, dependencies: dependencies.length }, 'release solved');
  return { release, errors, unparsed };
}

interface MetadataFailure {
  code: string;
  message: string;
}

/**
 * Try candidates in order until one yields metadata; host errors are thrown, the rest collected. When
 * none does, some said "needs a build" and a builder is configured, the release's sdist is built.
 */
async function readPrimaryMetadata(
  candidates: readonly DistributionFile[],
  distributions: readonly DistributionFile[],
  context: Context,
  label: string,
): Promise<{
  metadata: CoreMetadata | undefined;
  file: DistributionFile | undefined;
  failures: MetadataFailure[];
}> {
  const failures: MetadataFailure[] = [];
  let needsBuild = 0;
  for (const candidate of candidates.slice(0, context.maxAttempts)) {
    const outcome = await readMetadata(candidate, context);
    if (outcome.kind === 'metadata') return { metadata: outcome, file: candidate, failures };
    if (outcome.kind === 'needs-build') needsBuild++;
    failures.push({ code: outcome.code, message: `${label}: ${outcome.message}` });
  }
  if (needsBuild > 0 && context.builder !== undefined) {
    return buildMetadata(distributions, context.builder, failures, context, label);
  }
  // Several failures of one release are reported as one entry, with the most telling code.
  if (failures.length > 1) {
    const code = needsBuild === failures.length ? 'metadata-needs-build' : 'metadata-unreadable';
    return {
      metadata: undefined,
      file: undefined,
      failures: [{ code, message: failures.map((f) => f.message).join('; ') }],
    };
  }
  return { metadata: undefined, file: undefined, failures };
}

/** Pick the sdist pip would build (.tar.gz first, PEP 625) and build it; one entry on failure. */
async function buildMetadata(
  distributions: readonly DistributionFile[],
  builder: MetadataBuilder,
  failures: MetadataFailure[],
  context: Context,
  label: string,
): Promise<{
  metadata: CoreMetadata | undefined;
  file: DistributionFile | undefined;
  failures: MetadataFailure[];
}> {
  const sdists = distributions.filter(
    (d) => d.kind === 'sdist' && archiveFormat(d.file.filename) !== undefined,
  );
  const sdist = sdists.find((d) => archiveFormat(d.file.filename) === 'tar.gz') ?? sdists[0];
  const why = failures.map((f) => f.message).join('; ');
  if (sdist === undefined) {
    return {
      metadata: undefined,
      file: undefined,
      failures: [{ code: 'metadata-needs-build', message: `${why}; no .tar.gz or .zip sdist to build` }],
    };
  }
  context.stats.metadataBuilds = (context.stats.metadataBuilds ?? 0) + 1;
  const outcome = await builder.build(sdist.file);
  if (outcome.kind === 'metadata') {
    context.logger.debug({ file: sdist.file.filename }, 'sdist metadata built');
    // The needs-build answers were the reason for the build, not defects: only real failures stay.
    const kept = failures.filter((f) => f.code !== 'metadata-needs-build');
    return { metadata: outcome, file: sdist, failures: kept };
  }
  context.logger.info({ file: sdist.file.filename, code: outcome.code }, 'sdist metadata build failed');
  return {
    metadata: undefined,
    file: undefined,
    failures: [{ code: outcome.code, message: `${label}: ${outcome.message} (built because ${why})` }],
  };
}

type MetadataRead =
  | CoreMetadata
  | { kind: 'needs-build' | 'failed'; code: 'metadata-needs-build' | 'metadata-unreadable'; message: string };

async function readMetadata(candidate: DistributionFile, context: Context): Promise<MetadataRead> {
  context.stats.metadataReads++;
  try {
    const lookup = await context.index.getCoreMetadata(candidate.file);
    if (lookup.kind === 'metadata') return lookup;
    return {
      kind: 'needs-build',
      code: 'metadata-needs-build',
      message: `${lookup.filename} needs a build to know its dependencies (${lookup.reason}: ${lookup.detail})`,
    };
  } catch (error) {
    if (error instanceof IndexHostError || !(error instanceof ThothError)) throw error;
    return {
      kind: 'failed',
      code: 'metadata-unreadable',
      message: `${candidate.file.filename}: ${error.message} [${error.code}]`,
    };
  }
}

/**
 * A release's wheels may list different Requires-Dist (generated per platform at build time). The
 * document holds one dependency list, from the primary file; each other wheel an environment would
 * install is read too, and a difference is recorded as a 'requires-dist-differs' entry for the
 * environments concerned, naming the lines added and missing.
 */
async function compareWheelMetadata(
  primaryFile: DistributionFile,
  primary: CoreMetadata,
  chosen: readonly (DistributionFile | undefined)[],
  context: Context,
  label: string,
  error: (code: string, message: string, environmentId?: string | null) => SolverError,
): Promise<SolverError[]> {
  const errors: SolverError[] = [];
  const others = [...new Set(chosen)].filter(
    (d): d is DistributionFile => d !== undefined && d !== primaryFile,
  );
  const reference = new Set(primary.requiresDist.map((line) => line.trim()));
  for (const other of others) {
    const environmentIds = context.targets
      .filter((_, i) => chosen[i] === other)
      .map((t) => t.environment.identity.id);
    const outcome = await readMetadata(other, context);
    if (outcome.kind !== 'metadata') {
      for (const id of environmentIds) errors.push(error(outcome.code, `${label}: ${outcome.message}`, id));
      continue;
    }
    const lines = new Set(outcome.requiresDist.map((line) => line.trim()));
    const added = [...lines].filter((l) => !reference.has(l));
    const missing = [...reference].filter((l) => !lines.has(l));
    if (added.length === 0 && missing.length === 0) continue;
    const message =
      `${label}: ${other.file.filename} lists other Requires-Dist than ${primaryFile.file.filename}` +
      `${added.length > 0 ? `; adds ${added.join(' | ')}` : ''}${missing.length > 0 ? `; lacks ${missing.join(' | ')}` : ''}`;
    for (const id of environmentIds) errors.push(error('requires-dist-differs', message, id));
  }
  return errors;
}

function packageError(name: string, indexUrl: string, code: string, message: string): SolverError {
  return { name, version: null, index_url: indexUrl, environment_id: null, code, message };
}
