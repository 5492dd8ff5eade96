// Distribution-file names as the index client and the corpus need them: the kind of a file, its
// (normalized) version and its raw wheel tags. Valid names go through lib/python/filename; legacy names
// that packaging rejects (old sdists with odd versions, .egg, .exe) get a lenient reading that never
// throws, since an index page may list anything.
import { parseSdistFilename, parseWheelFilename } from '../python/filename/index.js';
import { canonicalizeName } from '../python/name/index.js';

export type FileKind = 'wheel' | 'sdist-tar-gz' | 'sdist-zip' | 'other';

/** What kind of distribution a file name denotes, from its extension. */
export function fileKind(filename: string): FileKind {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl')) return 'wheel';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'sdist-tar-gz';
  if (lower.endsWith('.zip')) return 'sdist-zip';
  return 'other';
}

const SDIST_EXTENSIONS = ['.tar.gz', '.tgz', '.zip', '.tar.bz2', '.tar.xz', '.tar'];

/**
 * The version part of a distribution file name, or undefined when it cannot be found. For sdists the
 * split point is where the prefix normalizes to the project name, since both may contain hyphens.
 */
export function fileVersion(filename: string, project: string): string | undefined {
  const lower = filename.toLowerCase();
  try {
    if (lower.endsWith('.whl')) return parseWheelFilename(filename).version.toString();
    if (lower.endsWith('.tar.gz') || lower.endsWith('.zip')) {
      const parsed = parseSdistFilename(filename);
      if (parsed.name === canonicalizeName(project)) return parsed.version.toString();
    }
  } catch {
    // Not a valid modern name: fall through to the lenient reading below.
  }
  if (lower.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    return parts.length >= 5 ? parts[1] : undefined;
  }
  const ext = SDIST_EXTENSIONS.find((e) => lower.endsWith(e));
  if (ext === undefined) {
    // .egg and .exe keep name-version-… too; take the second dash-separated part.
    const parts = filename.split('-');
    return parts.length >= 2 ? parts[1] : undefined;
  }
  const stem = filename.slice(0, -ext.length);
  const parts = stem.split('-');
  const normalized = canonicalizeName(project);
  for (let i = 1; i < parts.length; i++) {
    if (canonicalizeName(parts.slice(0, i).join('-')) === normalized) return parts.slice(i).join('-');
  }
  return parts.length >= 2 ? parts[parts.length - 1] : undefined;
}

/** The compressed tag triple of a wheel file name (`py2.py3`, `none`, `any`), or undefined. */
export function wheelTags(filename: string): { python: string; abi: string; platform: string } | undefined {
  if (!filename.toLowerCase().endsWith('.whl')) return undefined;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [python, abi, platform] = parts.slice(-3) as [string, string, string];
  return { python, abi, platform };
}

/** The distribution-name part of a wheel file name (`typing_extensions`), or undefined. */
export function wheelDistribution(filename: string): string | undefined {
  if (!filename.toLowerCase().endsWith('.whl')) return undefined;
  const parts = filename.split('-');
  return parts.length >= 5 ? parts[0] : undefined;
}
