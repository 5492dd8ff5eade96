// What the loopback index publishes for one corpus project: each wheel of a release with metadata as a
// stub wheel; a release with metadata but no wheel (sdist-only) as one synthesized pure wheel, since a
// resolver would otherwise have to build the sdist to learn the same metadata; releases without
// metadata are left out (nothing could resolve them without a build) unless a real sdist is given
// for them as an artifact, which is then published alone. The original hashes stay in the
// corpus; the hashes published here are those of the bytes served.
import { createHash } from 'node:crypto';
import { tryParseVersion } from '../../python/version/index.js';
import type { CorpusFile, CorpusProject } from '../corpus/index.js';
import { fileKind, fileVersion } from '../filenames.js';
import { escapeWheelName, stubMetadataBytes, synthesizeWheel } from './stub-wheel.js';

export interface PublishedFile {
  readonly filename: string;
  readonly version: string;
  readonly requiresPython: string | undefined;
  readonly yanked: true | string | undefined;
  readonly uploadTime: string | undefined;
  /** The bytes served for the file (a stub wheel, or a real artifact given to the server). */
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The bytes served at `<file>.metadata` (PEP 658). */
  readonly metadata: Buffer;
  /** False for real sdists given as artifacts: like PyPI, no PEP 658 file is advertised for them. */
  readonly hasMetadataFile: boolean;
  readonly metadataSha256: string;
}

export interface PublishedProject {
  readonly name: string;
  readonly normalizedName: string;
  readonly versions: readonly string[];
  readonly files: readonly PublishedFile[];
  readonly byFilename: ReadonlyMap<string, PublishedFile>;
  /** Releases left out because the corpus has no metadata for them (and no real sdist was given). */
  readonly omittedReleases: readonly string[];
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Build the published view of a project; `artifacts` replaces stub bytes by real files (tests, mirrors). */
export function publishProject(
  project: CorpusProject,
  artifacts: ReadonlyMap<string, Buffer> = new Map(),
): PublishedProject {
  const metadataByVersion = new Map<string, string>();
  const omittedReleases: string[] = [];
  for (const release of project.releases) {
    if (release.metadata === undefined) omittedReleases.push(release.version);
    else metadataByVersion.set(release.version, release.metadata);
  }
  const files: PublishedFile[] = [];
  const versionsWithWheels = new Set<string>();
  const sdistByVersion = new Map<string, CorpusFile>();
  const builtOnly = new Set<string>();
  for (const file of project.files) {
    const raw = fileVersion(file.filename, project.name);
    if (raw === undefined) continue;
    const version = tryParseVersion(raw)?.toString() ?? raw;
    const text = metadataByVersion.get(version);
    const kind = fileKind(file.filename);
    if (text === undefined) {
      // A release without metadata is published only through a real sdist handed to the server: what
      // a builder (pip, the solver's opt-in sdist build) must build to learn its metadata.
      const artifact = artifacts.get(file.filename);
      if (artifact !== undefined && (kind === 'sdist-tar-gz' || kind === 'sdist-zip')) {
        files.push({ ...publishFile(file.filename, version, '', file, artifacts), hasMetadataFile: false });
        builtOnly.add(version);
      }
      continue;
    }
    if (kind !== 'wheel') {
      if (kind === 'sdist-tar-gz' || kind === 'sdist-zip') sdistByVersion.set(version, file);
      // A real sdist handed to the server is published as it is (tests of PKG-INFO reading).
      const artifact = artifacts.get(file.filename);
      if (artifact !== undefined) {
        files.push({ ...publishFile(file.filename, version, text, file, artifacts), hasMetadataFile: false });
      }
      continue;
    }
    versionsWithWheels.add(version);
    files.push(publishFile(file.filename, version, text, file, artifacts));
  }
  for (const [version, text] of metadataByVersion) {
    if (versionsWithWheels.has(version)) continue;
    const filename = `${escapeWheelName(project.normalized_name)}-${version}-py3-none-any.whl`;
    const origin = sdistByVersion.get(version) ?? { filename };
    files.push(publishFile(filename, version, text, origin, artifacts));
  }
  const versions = project.versions.filter((v) => {
    const key = tryParseVersion(v)?.toString() ?? v;
    return metadataByVersion.has(key) || builtOnly.has(key);
  });
  return {
    name: project.name,
    normalizedName: project.normalized_name,
    versions,
    files,
    byFilename: new Map(files.map((f) => [f.filename, f])),
    omittedReleases: omittedReleases.filter((v) => !builtOnly.has(tryParseVersion(v)?.toString() ?? v)),
  };
}

function publishFile(
  filename: string,
  version: string,
  text: string,
  origin: CorpusFile,
  artifacts: ReadonlyMap<string, Buffer>,
): PublishedFile {
  const metadata = stubMetadataBytes(text);
  const bytes = artifacts.get(filename) ?? synthesizeWheel(filename, metadata);
  return {
    filename,
    version,
    requiresPython: origin.requires_python,
    yanked: origin.yanked,
    uploadTime: origin.upload_time,
    bytes,
    sha256: sha256(bytes),
    metadata,
    hasMetadataFile: true,
    metadataSha256: sha256(metadata),
  };
}
