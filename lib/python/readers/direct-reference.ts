// Classifies what a URL or path in a project file points at (archive URL, VCS checkout, local path), the
// way pip's Link and vcs modules do: `<vcs>+<scheme>://…@rev#egg=name&subdirectory=dir`, `file:` URLs
// as local paths, and names taken from `#egg=` fragments or wheel file names.
import type { RequirementKind, VcsReference } from './types.js';

/** URL schemes pip recognizes for VCS checkouts (pip/_internal/vcs: vcs.all_schemes). */
export const VCS_SCHEMES: readonly string[] = [
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
];

// pip's is_url: a URL scheme pip can fetch from directly, or a VCS scheme.
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
// urllib.parse.urlsplit's scheme rule: a letter, then letters, digits, `+`, `-`, `.`, then `:`.
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
// pip's ARCHIVE_EXTENSIONS (pip/_internal/utils/filetypes.py).
const ARCHIVE_EXTENSIONS = [
  '.zip',
  '.whl',
  '.tar.bz2',
  '.tbz',
  '.tar.gz',
  '.tgz',
  '.tar',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma',
];
// Link._egg_fragment_re and _subdirectory_fragment_re.
const EGG_FRAGMENT = /[#&]egg=([^&]*)/;
const SUBDIRECTORY_FRAGMENT = /[#&]subdirectory=([^&]*)/;

/** The scheme of `text` in lowercase, as urllib.parse.urlsplit finds it, or undefined. */
export function urlScheme(text: string): string | undefined {
  const match = SCHEME.exec(text);
  return match?.[1]?.toLowerCase();
}

/** pip's is_url: true when `text` starts with a scheme pip installs from (http, https, file, ftp, `<vcs>+…`). */
export function isInstallableUrl(text: string): boolean {
  const scheme = urlScheme(text);
  return scheme !== undefined && URL_SCHEMES.has(scheme);
}

/** True when the scheme names a VCS (`git+https`), or is one of the bare VCS names pip prefixes itself. */
export function isVcsUrl(text: string): boolean {
  const scheme = urlScheme(text);
  return scheme !== undefined && VCS_SCHEMES.includes(scheme);
}

/** pip's _looks_like_path (POSIX): contains a `/` or starts with `.`. */
export function looksLikePath(text: string): boolean {
  return text.includes('/') || text.startsWith('.');
}

/** pip's is_archive_file, by name only. */
export function isArchiveName(text: string): boolean {
  const lower = text.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The `#egg=` project name, if any. */
export function eggFragment(url: string): string | undefined {
  const value = EGG_FRAGMENT.exec(url)?.[1];
  return value === undefined || value === '' ? undefined : value;
}

/** The last path segment of a URL or path, without query or fragment. */
export function fileNameOf(urlOrPath: string): string {
  const bare = urlOrPath.replace(/[?#].*$/, '');
  const segments = bare.split('/');
  return decodeURIComponentSafe(segments[segments.length - 1] ?? '');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The project name encoded in a wheel file name (`name-version(-build)?-py-abi-plat.whl`), if it is one. */
export function wheelProjectName(fileName: string): string | undefined {
  if (!fileName.toLowerCase().endsWith('.whl')) return undefined;
  const parts = fileName.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  return parts[0];
}

/** Splits `vcs+scheme://host/path@rev#frag` into a VcsReference (pip's get_url_rev_and_auth over the path only). */
export function parseVcsUrl(url: string): VcsReference {
  const plus = url.indexOf('+');
  const type = url.slice(0, plus).toLowerCase() as VcsReference['type'];
  const hash = url.indexOf('#');
  const withoutFragment = hash < 0 ? url.slice(plus + 1) : url.slice(plus + 1, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  // Only an `@` in the path names a revision; one in the authority is user info (git+ssh://git@host/…).
  const authorityStart = withoutFragment.indexOf('://');
  const pathStart = authorityStart < 0 ? 0 : withoutFragment.indexOf('/', authorityStart + 3);
  const at = pathStart < 0 ? -1 : withoutFragment.lastIndexOf('@');
  const reference: VcsReference = { type, url: withoutFragment };
  if (at > pathStart && pathStart >= 0) {
    reference.url = withoutFragment.slice(0, at);
    reference.revision = withoutFragment.slice(at + 1);
  }
  const subdirectory = SUBDIRECTORY_FRAGMENT.exec(fragment)?.[1];
  if (subdirectory !== undefined && subdirectory !== '') reference.subdirectory = subdirectory;
  return reference;
}

/** Decodes a `file:` URL to a local path (`file:///tmp/a%20b` → `/tmp/a b`, `file:./x` → `./x`). */
export function fileUrlToPath(url: string): string {
  const rest = url.replace(/^file:/i, '').replace(/[?#].*$/, '');
  const path = rest.startsWith('//')
    ? rest.slice(rest.indexOf('/', 2) < 0 ? rest.length : rest.indexOf('/', 2))
    : rest;
  return decodeURIComponentSafe(path);
}

/** What a URL found in a requirement refers to. */
export interface DirectReference {
  kind: Exclude<RequirementKind, 'named'>;
  url: string;
  vcs?: VcsReference;
  path?: string;
  /** The name the URL gives itself (`#egg=`, wheel file name), if any. */
  impliedName?: string;
}

/** Classifies a URL as `vcs`, `path` (file:) or `url`. */
export function classifyUrl(url: string): DirectReference {
  const impliedName = eggFragment(url) ?? wheelProjectName(fileNameOf(url));
  const base: DirectReference = { kind: 'url', url };
  if (impliedName !== undefined) base.impliedName = impliedName;
  if (isVcsUrl(url)) return { ...base, kind: 'vcs', vcs: parseVcsUrl(url) };
  if (urlScheme(url) === 'file') return { ...base, kind: 'path', path: fileUrlToPath(url) };
  return base;
}
