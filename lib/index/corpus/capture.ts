// Capturing a corpus from a live index: walk the dependency closure of a requirement set, keeping
// every version of every reachable project whose files were uploaded before the cutoff, and the core
// metadata of each release's best file. Dependencies behind extras are followed only when some
// requirement asks for that extra; markers are evaluated against the given environments (when none
// are given, every non-extra dependency is followed, so the corpus serves any environment).
import pLimit from 'p-limit';
import { isRetriable, ThothError } from '../../errors/index.js';
import { silentLogger } from '../../log/index.js';
import type { Logger } from '../../log/index.js';
import { canonicalizeName } from '../../python/name/index.js';
import { tryParseRequirement } from '../../python/requirement/index.js';
import type { Requirement } from '../../python/requirement/index.js';
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
  /** The index client to use (injected in tests, shared caches); default an HttpPackageIndex. */
  index?: PackageIndex;
  /** Metadata reads in flight at once (default 8). */
  concurrency?: number;
  /** Clock for `captured_at`. */
  now?: () => Date;
  logger?: Logger;
}

interface ProjectState {
  project: CorpusProject;
  /** Parsed Requires-Dist of every release that has metadata. */
  requires: Requirement[];
  /** Extras (normalized) already followed. */
  extras: Set<string>;
}

/** Walk the closure of `options.requirements` on a live index and return the corpus. */
export async function captureCorpus(options: CaptureOptions): Promise<Corpus> {
  const logger = (options.logger ?? silentLogger).child({ component: 'corpus-capture' });
  const ownsIndex = options.index === undefined;
  const index = options.index ?? new HttpPackageIndex({ indexUrls: [options.indexUrl], logger });
  const cutoff = options.cutoff === undefined ? undefined : new Date(options.cutoff);
  const limit = pLimit(options.concurrency ?? 8);
  const states = new Map<string, ProjectState>();
  const notFound = new Set<string>();
  try {
    let wave: { name: string; extras: string[] }[] = options.requirements.map((text) => {
      const requirement = tryParseRequirement(text);
      if (requirement === undefined)
        throw new ThothError('bad-input', `invalid root requirement ${JSON.stringify(text)}`);
      return { name: requirement.name, extras: requirement.extras.map((e) => canonicalizeName(e)) };
    });
    while (wave.length > 0) {
      // Merge requests for the same project within a wave so each is loaded once.
      const wanted = new Map<string, { name: string; extras: Set<string> }>();
      for (const item of wave) {
        const key = canonicalizeName(item.name);
        const entry = wanted.get(key) ?? { name: item.name, extras: new Set<string>() };
        item.extras.forEach((e) => entry.extras.add(e));
        wanted.set(key, entry);
      }
      const next: { name: string; extras: string[] }[] = [];
      await Promise.all(
        [...wanted].map(async ([key, { name, extras }]) => {
          if (notFound.has(key)) return;
          let state = states.get(key);
          const isNew = state === undefined;
          if (state === undefined) {
            const page = await index.getProject(name);
            if (page.kind === 'not-found') {
              notFound.add(key);
              logger.warn({ package: key }, 'project not found on the index');
              return;
            }
            state = await loadProject(page, index, cutoff, limit, logger);
            states.set(key, state);
          }
          const newExtras = [...extras].filter((e) => !state.extras.has(e));
          newExtras.forEach((e) => state.extras.add(e));
          for (const requirement of state.requires) {
            if (requirement.url !== undefined) continue;
            if (!isFollowed(requirement, isNew ? ['', ...state.extras] : newExtras, options.environments))
              continue;
            const dependency = canonicalizeName(requirement.name);
            const known = states.get(dependency);
            const depExtras = requirement.extras.map((e) => canonicalizeName(e));
            if (known === undefined || depExtras.some((e) => !known.extras.has(e))) {
              next.push({ name: requirement.name, extras: depExtras });
            }
          }
        }),
      );
      wave = next;
    }
  } finally {
    if (ownsIndex && index instanceof HttpPackageIndex) await index.close();
  }
  const projects = new Map([...states].map(([key, state]) => [key, state.project]));
  return {
    header: {
      format: CORPUS_FORMAT,
      format_version: CORPUS_FORMAT_VERSION,
      captured_at: (options.now?.() ?? new Date()).toISOString(),
      index_url: index.indexUrls[0] ?? options.indexUrl,
      cutoff: cutoff?.toISOString() ?? null,
      requirements: [...options.requirements],
      environments: options.environments === undefined ? null : options.environments.map((e) => ({ ...e })),
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

async function loadProject(
  page: ProjectPage,
  index: PackageIndex,
  cutoff: Date | undefined,
  limit: ReturnType<typeof pLimit>,
  logger: Logger,
): Promise<ProjectState> {
  const files = page.files.filter(
    (f) => cutoff === undefined || f.uploadTime === undefined || Date.parse(f.uploadTime) <= cutoff.getTime(),
  );
  const byVersion = new Map<string, ProjectFile[]>();
  for (const file of files) {
    const version = fileVersion(file.filename, page.name);
    if (version === undefined) continue;
    const key = tryParseVersion(version)?.toString() ?? version;
    byVersion.set(key, [...(byVersion.get(key) ?? []), file]);
  }
  const requires: Requirement[] = [];
  const releases = await Promise.all(
    [...byVersion].map(([version, candidates]) =>
      limit(async (): Promise<CorpusRelease> => {
        const best = [...candidates].sort((a, b) => rank(a) - rank(b))[0]!;
        try {
          const metadata = await index.getCoreMetadata(best);
          if (metadata.kind === 'needs-build') {
            return {
              version,
              metadata_file: best.filename,
              unavailable: { reason: metadata.reason, detail: metadata.detail },
            };
          }
          for (const line of metadata.requiresDist) {
            const requirement = tryParseRequirement(line);
            if (requirement === undefined)
              logger.info(
                { package: page.normalizedName, version, line },
                'skipping an unparsable Requires-Dist line',
              );
            else requires.push(requirement);
          }
          return { version, metadata_file: best.filename, metadata: stripDescription(metadata.text) };
        } catch (error) {
          // One bad release is recorded and the capture goes on; a failing host stops it.
          if (isRetriable(error) || !(error instanceof ThothError)) throw error;
          logger.warn(
            { package: page.normalizedName, version, code: error.code },
            'release metadata unavailable',
          );
          return {
            version,
            metadata_file: best.filename,
            unavailable: { reason: error.code, detail: error.message },
          };
        }
      }),
    ),
  );
  const versionsWithFiles = new Set(byVersion.keys());
  const orderedVersions = (page.versions ?? orderVersions([...byVersion.keys()])).filter((v) =>
    versionsWithFiles.has(tryParseVersion(v)?.toString() ?? v),
  );
  return {
    project: {
      name: page.name,
      normalized_name: page.normalizedName,
      versions: orderedVersions,
      files: files.map(toCorpusFile),
      releases: releases.sort(
        (a, b) => orderIndex(orderedVersions, a.version) - orderIndex(orderedVersions, b.version),
      ),
    },
    requires,
    extras: new Set(),
  };
}

function orderVersions(versions: string[]): string[] {
  const valid = versions.filter((v) => tryParseVersion(v) !== undefined);
  return [...sortVersions(valid), ...versions.filter((v) => tryParseVersion(v) === undefined)];
}

function orderIndex(order: readonly string[], version: string): number {
  const at = order.findIndex((v) => (tryParseVersion(v)?.toString() ?? v) === version);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
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
