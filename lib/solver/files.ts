// A release's distribution files as the solver sees them: wheels with their expanded PEP 425 tags and
// source archives, read leniently (a file the schema cannot carry is left out of `files` and noted,
// never a crash: the original aborted a whole run on one file without a hash, §4.3.5).
import type { ReleaseFile } from '../contracts/index.js';
import type { ProjectFile } from '../index/index.js';
import { parseWheelFilename, tagToString } from '../python/index.js';
import type { Tag, TagPriorities } from '../python/index.js';

/** Source-archive extensions pip builds from (PEP 625 names only .tar.gz; older sdists use the rest). */
const SDIST_EXTENSIONS = ['.tar.gz', '.tgz', '.zip', '.tar.bz2', '.tar.xz', '.tar'];
const SHA256 = /^[0-9a-f]{64}$/;
const HASH_NAME = /^[a-z0-9_]+$/;
const HEX = /^[0-9a-f]+$/;
// RFC 3339 date-time as ajv-formats checks it; PyPI's PEP 700 values already are.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A wheel or sdist of a release, classified once. */
export interface DistributionFile {
  readonly file: ProjectFile;
  readonly kind: 'wheel' | 'sdist';
  /** The wheel's expanded tags; empty for an sdist. */
  readonly tags: readonly Tag[];
}

/** Why a listed file is not in a release's `files` (it still counts for installability when usable). */
export interface FileIssue {
  readonly filename: string;
  readonly code: 'invalid-wheel-filename' | 'missing-sha256';
  readonly message: string;
}

/**
 * Classify a release's files: wheels (with tags) and sdists. Other files (.egg, .exe, .msi, .rpm)
 * are neither installable by pip nor carried by the schema, so they are dropped; wheels whose names
 * do not parse are dropped too (pip refuses them) and reported.
 */
export function classifyFiles(files: readonly ProjectFile[]): {
  distributions: DistributionFile[];
  issues: FileIssue[];
} {
  const distributions: DistributionFile[] = [];
  const issues: FileIssue[] = [];
  for (const file of files) {
    const lower = file.filename.toLowerCase();
    if (lower.endsWith('.whl')) {
      try {
        distributions.push({ file, kind: 'wheel', tags: parseWheelFilename(file.filename).tags });
      } catch (error) {
        issues.push({
          filename: file.filename,
          code: 'invalid-wheel-filename',
          message: `${file.filename}: ${(error as Error).message.split('\n')[0]}`,
        });
      }
    } else if (SDIST_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
      distributions.push({ file, kind: 'sdist', tags: [] });
    }
  }
  return { distributions, issues };
}

/** The schema's view of a file, or an issue when it lacks what the schema requires (a sha256). */
export function toReleaseFile(distribution: DistributionFile): ReleaseFile | FileIssue {
  const { file } = distribution;
  const hashes: Record<string, string> = {};
  for (const [name, value] of Object.entries(file.hashes)) {
    const algorithm = name.toLowerCase();
    const digest = value.toLowerCase();
    if (HASH_NAME.test(algorithm) && HEX.test(digest)) hashes[algorithm] = digest;
  }
  const sha256 = hashes.sha256;
  if (sha256 === undefined || !SHA256.test(sha256)) {
    // Lock files need sha256; computing it means downloading the file, which a solver that only
    // reads metadata does not do. The file is listed in `errors` instead.
    return {
      filename: file.filename,
      code: 'missing-sha256',
      message: `${file.filename}: the index publishes no sha256 for it (${Object.keys(file.hashes).join(', ') || 'no hashes'}), so it is left out of files`,
    };
  }
  return {
    filename: file.filename,
    kind: distribution.kind,
    tags: distribution.tags.map(tagToString),
    hashes: { ...hashes, sha256 },
    size: file.size !== undefined && Number.isSafeInteger(file.size) && file.size >= 0 ? file.size : null,
    upload_time: file.uploadTime !== undefined && DATE_TIME.test(file.uploadTime) ? file.uploadTime : null,
    url: file.url,
  };
}

/**
 * The best wheel for each environment (lowest tag rank, earlier file on ties), or undefined when none
 * of its wheels is compatible.
 */
export function bestWheel(
  distributions: readonly DistributionFile[],
  priorities: TagPriorities,
): DistributionFile | undefined {
  let best: { distribution: DistributionFile; rank: number } | undefined;
  for (const distribution of distributions) {
    if (distribution.kind !== 'wheel') continue;
    const rank = priorities.priority(distribution.tags);
    if (rank !== undefined && (best === undefined || rank < best.rank)) best = { distribution, rank };
  }
  return best?.distribution;
}

/**
 * The order in which files are asked for metadata: the wheels the environments would install (in
 * environment order), then pure-Python wheels, then other wheels, then sdists (PKG-INFO is trusted
 * only under PEP 643, so it comes last).
 */
export function metadataCandidates(
  distributions: readonly DistributionFile[],
  chosen: readonly (DistributionFile | undefined)[],
): DistributionFile[] {
  const order: DistributionFile[] = [];
  const add = (d: DistributionFile | undefined): void => {
    if (d !== undefined && !order.includes(d)) order.push(d);
  };
  chosen.forEach(add);
  const isPure = (d: DistributionFile): boolean =>
    d.tags.some((t) => t.abi === 'none' && t.platform === 'any');
  distributions.filter((d) => d.kind === 'wheel' && isPure(d)).forEach(add);
  distributions.filter((d) => d.kind === 'wheel').forEach(add);
  distributions.filter((d) => d.kind === 'sdist').forEach(add);
  return order;
}
