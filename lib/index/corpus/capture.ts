// Capturing a corpus from a live index: walk the dependency closure of a requirement set, keeping
// every version of every reachable project whose files were uploaded before the cutoff, and the core
// metadata of each release's best file. Dependencies behind extras are followed only when some
// requirement asks for that extra; markers are evaluated against the given environments (when none
// are given, every non-extra dependency is followed, so the corpus serves any environment).
import pLimit from 'p-limit';
import { InputError, isRetriable, ThothError } from '../../errors/index.js';
import { silentLogger } from '../../log/index.js';
import type { Logger } from '../../log/index.js';
import { canonicalizeName } from '../../python/name/index.js';
import { tryParseRequirement } from '../../python/requirement/index.js';
import type { Requirement } from '../../python/requirement/index.js';
import type { SpecifierSet } from '../../python/specifier/index.js';
import { sortVersions, tryParseVersion } from '../../python/version/index.js';
import { HttpPackageIndex } from '../client.js';
import { fileKind, fileVersion, wheelTags } from '../filenames.js';
import { stripDescription } from '../metadata.js';
import type { PackageIndex, ProjectFile, ProjectPage } from '../types.js';
import { CORPUS_FORMAT, CORPUS_FORMAT_VERSION } from './format.js';
import type { Corpus, CorpusFile, CorpusProject, CorpusRelease } from './format.js';

export interface CaptureOptions {
  /** Root requirements (PEP 508 strings). */
  requirements: readonly string[];
  /** The index to read (`https://pypi.org/simple/`); used to create a client when `index` is absent. */
  indexUrl: string;
  /** Leave out files uploaded after this instant (PEP 700 upload-time). */
  cutoff?: string | Date;
  /** Marker environments to prune dependencies with; absent means "any environment". */
  environments?: readonly Record<string, string>[];
  /**
   * `all` (default): every version of every reachable project. `specifier`: only the versions some
   * reachable requirement admits, which keeps corpora small and is enough for any resolver.
   */
  versionScope?: 'all' | 'specifier';
  /** The index client to use (injected in tests, shared caches); default an HttpPackageIndex. */
  index?: PackageIndex;
  /** Metadata reads in flight at once (default 8). */
  concurrency?: number;
  /** Clock for `captured_at`. */
  now?: () => Date;
  logger?: Logger;
}

interface ProjectState {
  page: ProjectPage;
  /** Files under the cutoff, by normalized version. */
  byVersion: Map<string, ProjectFile[]>;
  releases: Map<string, CorpusRelease>;
  /** Parsed Requires-Dist per loaded release. */
  requires: Map<string, Requirement[]>;
  /** Extras (normalized) already followed. */
  extras: Set<string>;
  /** Serializes visits to one project (a wave may name it several times). */
  lock: Promise<void>;
}

interface Visit {
  name: string;
  extras: string[];
  specifier: SpecifierSet | undefined;
}

/** Walk the closure of `options.requirements` on a live index and return the corpus. */
export async function captureCorpus(options: CaptureOptions): Promise<Corpus> {
  const logger = (options.logger ?? silentLogger).child({ component: 'corpus-capture' });
  const ownsIndex = options.index === undefined;
  const index = options.index ?? new HttpPackageIndex({ indexUrls: [options.indexUrl], logger });
  const cutoff = options.cutoff === undefined ? undefined : new Date(options.cutoff);
  const scope = options.versionScope ?? 'all';
  const limit = pLimit(options.concurrency ?? 8);
  const states = new Map<string, Promise<ProjectState | undefined>>();
  const notFound = new Set<string>();

  const visit = async (item: Visit): Promise<Visit[]> => {
    const key = canonicalizeName(item.name);
    let pending = states.get(key);
    if (pending === undefined) {
      pending = index.getProject(item.name).then((page) => {
        if (page.kind === 'not-found') {
          notFound.add(key);
          logger.warn({ package: key }, 'project not found on the index');
          return undefined;
        }
        return openProject(page, cutoff);
      });
      states.set(key, pending);
    }
    const state = await pending;
    if (state === undefined) return [];
    const run = state.lock.then(() => extend(state, item));
    state.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };

  /** Load newly admitted releases and return the dependencies to visit next. */
  const extend = async (state: ProjectState, item: Visit): Promise<Visit[]> => {
    const admitted = [...state.byVersion.keys()].filter(
      (version) =>
        !state.releases.has(version) &&
        (scope === 'all' ||
          item.specifier === undefined ||
          item.specifier.contains(version, { prereleases: true })),
    );
    const previouslyLoaded = [...state.releases.keys()];
    await Promise.all(admitted.map((version) => limit(() => loadRelease(state, version, index, logger))));
    const newExtras = item.extras.filter((e) => !state.extras.has(e));
    newExtras.forEach((e) => state.extras.add(e));
    const next: Visit[] = [];
    const follow = (version: string, extras: readonly string[]): void => {
      if (extras.length === 0) return;
      for (const requirement of state.requires.get(version) ?? []) {
        if (requirement.url !== undefined) continue;
        if (!isFollowed(requirement, extras, options.environments)) continue;
        next.push({
          name: requirement.name,
          extras: requirement.extras.map((e) => canonicalizeName(e)),
          specifier: requirement.specifier,
        });
      }
    };
    admitted.forEach((version) => follow(version, ['', ...state.extras]));
    previouslyLoaded.forEach((version) => follow(version, newExtras));
    return next;
  };

  try {
    let wave: Visit[] = options.requirements.map((text) => {
      const requirement = tryParseRequirement(text);
      if (requirement === undefined) throw new InputError(`invalid root requirement ${JSON.stringify(text)}`);
      return {
        name: requirement.name,
        extras: requirement.extras.map((e) => canonicalizeName(e)),
        specifier: requirement.specifier,
      };
    });
    while (wave.length > 0) {
      wave = (await Promise.all(wave.map(visit))).flat();
    }
  } finally {
    if (ownsIndex && index instanceof HttpPackageIndex) await index.close();
  }
  const projects = new Map<string, CorpusProject>();
  for (const [key, pending] of states) {
    const state = await pending;
    if (state !== undefined) projects.set(key, toCorpusProject(state));
  }
  return {
    header: {
      format: CORPUS_FORMAT,
      format_version: CORPUS_FORMAT_VERSION,
      captured_at: (options.now?.() ?? new Date()).toISOString(),
      index_url: index.indexUrls[0] ?? options.indexUrl,
      cutoff: cutoff?.toISOString() ?? null,
      requirements: [...options.requirements],
      environments: options.environments === undefined ? null : options.environments.map((e) => ({ ...e })),
      version_scope: scope,
      project_count: projects.size,
      ...(notFound.size > 0 ? { not_found: [...notFound].sort() } : {}),
    },
    projects,
  };
}

/**
 * Whether a dependency is followed for one of `extras` ('' is "no extra"). Without environments only
 * the `extra` clauses matter; with them, the marker must hold in at least one environment.
 */
function isFollowed(
  requirement: Requirement,
  extras: readonly string[],
  environments: readonly Record<string, string>[] | undefined,
): boolean {
  const marker = requirement.marker;
  if (marker === undefined) return extras.includes('');
  if (environments === undefined || environments.length === 0) {
    const mentioned = [
      ...marker.toString().matchAll(/\bextra\s*==\s*["']([^"']*)["']|["']([^"']*)["']\s*==\s*extra\b/g),
    ].map((m) => canonicalizeName(m[1] ?? m[2] ?? ''));
    return mentioned.length === 0 ? extras.includes('') : mentioned.some((e) => extras.includes(e));
  }
  for (const environment of environments) {
    for (const extra of extras) {
      try {
        if (marker.evaluate({ ...environment, extra })) return true;
      } catch (error) {
        // A marker this environment cannot answer (a missing variable) is followed: keeping too much
        // is harmless in a corpus, missing a project is not.
        if (error instanceof ThothError) return true;
        throw error;
      }
    }
  }
  return false;
}

function openProject(page: ProjectPage, cutoff: Date | undefined): ProjectState {
  const byVersion = new Map<string, ProjectFile[]>();
  for (const file of page.files) {
    if (
      cutoff !== undefined &&
      file.uploadTime !== undefined &&
      Date.parse(file.uploadTime) > cutoff.getTime()
    )
      continue;
    const raw = fileVersion(file.filename, page.name);
    if (raw === undefined) continue;
    const version = tryParseVersion(raw)?.toString() ?? raw;
    byVersion.set(version, [...(byVersion.get(version) ?? []), file]);
  }
  return {
    page,
    byVersion,
    releases: new Map(),
    requires: new Map(),
    extras: new Set(),
    lock: Promise.resolve(),
  };
}

async function loadRelease(
  state: ProjectState,
  version: string,
  index: PackageIndex,
  logger: Logger,
): Promise<void> {
  const name = state.page.normalizedName;
  const best = [...state.byVersion.get(version)!].sort((a, b) => rank(a) - rank(b))[0]!;
  try {
    const metadata = await index.getCoreMetadata(best);
    if (metadata.kind === 'needs-build') {
      state.releases.set(version, {
        version,
        metadata_file: best.filename,
        unavailable: { reason: metadata.reason, detail: metadata.detail },
      });
      return;
    }
    const requires: Requirement[] = [];
    for (const line of metadata.requiresDist) {
      const requirement = tryParseRequirement(line);
      if (requirement === undefined)
        logger.info({ package: name, version, line }, 'skipping an unparsable Requires-Dist line');
      else requires.push(requirement);
    }
    state.requires.set(version, requires);
    state.releases.set(version, {
      version,
      metadata_file: best.filename,
      metadata: stripDescription(metadata.text),
    });
  } catch (error) {
    // One bad release is recorded and the capture goes on; a failing host stops it.
    if (isRetriable(error) || !(error instanceof ThothError)) throw error;
    logger.warn({ package: name, version, code: error.code }, 'release metadata unavailable');
    state.releases.set(version, {
      version,
      metadata_file: best.filename,
      unavailable: { reason: error.code, detail: error.message },
    });
  }
}

function toCorpusProject(state: ProjectState): CorpusProject {
  const loaded = new Set(state.releases.keys());
  const order = (state.page.versions ?? orderVersions([...state.byVersion.keys()])).filter((v) =>
    loaded.has(tryParseVersion(v)?.toString() ?? v),
  );
  // Versions the page's PEP 700 list lacks (HTML pages, odd indexes) go last, in PEP 440 order.
  const listed = new Set(order.map((v) => tryParseVersion(v)?.toString() ?? v));
  const versions = [...order, ...orderVersions([...loaded].filter((v) => !listed.has(v)))];
  const position = new Map(versions.map((v, i) => [tryParseVersion(v)?.toString() ?? v, i]));
  const files = [...loaded].flatMap((v) => state.byVersion.get(v) ?? []);
  const fileOrder = new Map(state.page.files.map((f, i) => [f.filename, i]));
  files.sort((a, b) => fileOrder.get(a.filename)! - fileOrder.get(b.filename)!);
  return {
    name: state.page.name,
    normalized_name: state.page.normalizedName,
    versions,
    files: files.map(toCorpusFile),
    releases: [...state.releases.values()].sort(
      (a, b) => position.get(a.version)! - position.get(b.version)!,
    ),
  };
}

function orderVersions(versions: string[]): string[] {
  const valid = versions.filter((v) => tryParseVersion(v) !== undefined);
  return [...sortVersions(valid), ...versions.filter((v) => tryParseVersion(v) === undefined)];
}

/** Lower is better: pure wheels, other wheels, sdists, anything else; unyanked and PEP 658 first. */
function rank(file: ProjectFile): number {
  const kind = fileKind(file.filename);
  const tags = wheelTags(file.filename);
  let score =
    kind === 'wheel'
      ? tags?.platform === 'any'
        ? 0
        : 10
      : kind === 'sdist-tar-gz'
        ? 20
        : kind === 'sdist-zip'
          ? 30
          : 90;
  if (file.yanked) score += 5;
  if (file.coreMetadata === false) score += 1;
  return score;
}

function toCorpusFile(file: ProjectFile): CorpusFile {
  const out: CorpusFile = { filename: file.filename };
  if (file.hashes['sha256'] !== undefined) out.sha256 = file.hashes['sha256'];
  if (file.size !== undefined) out.size = file.size;
  if (file.uploadTime !== undefined) out.upload_time = file.uploadTime;
  if (file.requiresPython !== undefined) out.requires_python = file.requiresPython;
  if (file.yanked) out.yanked = file.yankedReason ?? true;
  if (file.coreMetadata !== false && file.coreMetadata.hashes['sha256'] !== undefined) {
    out.core_metadata_sha256 = file.coreMetadata.hashes['sha256'];
  }
  return out;
}
