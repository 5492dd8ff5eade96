// Finding and downloading the sdist of one release for the security indicators. What the index says
// is a value: an sdist, only other files (no sdist), or no such release; a failing index is an error.
import type { ProjectFile, ProjectLookup } from '../index/index.js';
import { fileKind, fileVersion } from '../index/index.js';
import { canonicalizeName, compareVersions, tryParseVersion } from '../python/index.js';

/** The part of an index client this needs (HttpPackageIndex has both). */
export interface SdistSource {
  getProject(name: string): Promise<ProjectLookup>;
  download(file: ProjectFile): Promise<Buffer>;
}

export type SdistLookup =
  | { kind: 'sdist'; file: ProjectFile; indexUrl: string }
  /** The release exists but publishes no .tar.gz or .zip sdist (wheels only). */
  | { kind: 'no-sdist'; indexUrl: string; files: string[] }
  /** The index does not list the release (or the project) any more. */
  | { kind: 'missing'; project: boolean };

function sameVersion(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const pa = tryParseVersion(a);
  const pb = tryParseVersion(b);
  return pa !== undefined && pb !== undefined ? compareVersions(pa, pb) === 0 : a === b;
}

/** Look the release up on the index; prefers a .tar.gz over a .zip, as pip download would. */
export async function findSdist(index: SdistSource, name: string, version: string): Promise<SdistLookup> {
  const page = await index.getProject(name);
  if (page.kind === 'not-found') return { kind: 'missing', project: true };
  const normalized = canonicalizeName(name);
  const files = page.files.filter((f) => sameVersion(fileVersion(f.filename, normalized), version));
  const sdists = files.filter(
    (f) => fileKind(f.filename) === 'sdist-tar-gz' || fileKind(f.filename) === 'sdist-zip',
  );
  const best = sdists.find((f) => fileKind(f.filename) === 'sdist-tar-gz') ?? sdists[0];
  if (best !== undefined) return { kind: 'sdist', file: best, indexUrl: page.indexUrl };
  // PEP 700 `versions` lists releases even without files; without it, no file means no release.
  const listed = page.versions?.some((v) => sameVersion(v, version)) ?? false;
  if (files.length > 0 || listed)
    return { kind: 'no-sdist', indexUrl: page.indexUrl, files: files.map((f) => f.filename) };
  return { kind: 'missing', project: false };
}
