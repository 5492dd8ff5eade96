// PEP 503 HTML project pages, read leniently: every `<a>` is a file; `href` carries a `#sha256=`
// fragment; `data-requires-python` is HTML-escaped (PEP 503); `data-yanked` (PEP 592);
// `data-core-metadata` / `data-dist-info-metadata` (PEP 658, renamed by PEP 714; the new name wins);
// `<meta name="pypi:repository-version">` (PEP 629); `<base href>` changes link resolution (pip honours it).
import { canonicalizeName } from '../python/name/index.js';
import { IndexPageError } from './errors.js';
import { lastPathSegment, resolveFileLink } from './simple-common.js';
import type { ReadPageContext } from './simple-json.js';
import type { ProjectFile, ProjectPage } from './types.js';

const ANCHOR = /<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/a\s*>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const MARKUP = /<(?:!doctype|html|head|body|a)\b/i;

/** Decode HTML character references (named ones that matter on index pages, decimal, hex). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const named: Record<string, string> = {
      lt: '<',
      gt: '>',
      amp: '&',
      quot: '"',
      apos: "'",
      nbsp: '\u00a0',
    };
    return named[ref.toLowerCase()] ?? whole;
  });
}

/** The attributes of one tag, names lowercased, values unescaped; a bare attribute has value ''. */
export function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (attributes.has(name)) continue; // HTML: the first occurrence wins
    attributes.set(name, unescapeHtml(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

/** Parse a PEP 503 project page; throws IndexPageError when the body is not HTML at all. */
export function readHtmlProjectPage(body: string, context: ReadPageContext): ProjectPage {
  if (!MARKUP.test(body)) {
    throw new IndexPageError(context.pageUrl, 'the body has no HTML markup (no <html>, <body> or <a> tag)');
  }
  let baseUrl = context.pageUrl;
  const base = /<base\b([^>]*)>/i.exec(body);
  const baseHref = base === null ? undefined : readAttributes(base[1]!).get('href');
  if (baseHref !== undefined && baseHref !== '') {
    try {
      baseUrl = new URL(baseHref, context.pageUrl).toString();
    } catch {
      // An unusable <base> is ignored, as browsers do.
    }
  }
  let apiVersion: string | undefined;
  for (const meta of body.matchAll(/<meta\b([^>]*)>/gi)) {
    const attributes = readAttributes(meta[1]!);
    if (attributes.get('name') === 'pypi:repository-version') apiVersion = attributes.get('content');
  }
  if (apiVersion !== undefined && !/^1(\.|$)/.test(apiVersion)) {
    throw new IndexPageError(
      context.pageUrl,
      `unsupported pypi:repository-version ${apiVersion} (this client reads 1.x)`,
    );
  }
  const files: ProjectFile[] = [];
  const droppedFiles: { entry: string; reason: string }[] = [];
  for (const anchor of body.matchAll(ANCHOR)) {
    const attributes = readAttributes(anchor[1]!);
    const text = unescapeHtml(anchor[2]!.replace(/<[^>]*>/g, '')).trim();
    const href = attributes.get('href');
    if (href === undefined || href === '') {
      droppedFiles.push({ entry: text || anchor[0].slice(0, 80), reason: 'the anchor has no href' });
      continue;
    }
    let link: ReturnType<typeof resolveFileLink>;
    try {
      link = resolveFileLink(href, baseUrl);
    } catch {
      droppedFiles.push({ entry: text || href, reason: `the href ${JSON.stringify(href)} is not a URL` });
      continue;
    }
    // PEP 503: the anchor text must be the file name; fall back to the URL when a page leaves it out.
    const filename = text !== '' ? text : lastPathSegment(link.url);
    if (filename === '' || filename.includes('/')) {
      droppedFiles.push({ entry: href, reason: 'no usable file name' });
      continue;
    }
    const requiresPython = attributes.get('data-requires-python');
    const yanked = attributes.get('data-yanked');
    files.push({
      filename,
      url: link.url,
      indexUrl: context.indexUrl,
      hashes: link.hashes,
      requiresPython:
        requiresPython === undefined || requiresPython.trim() === '' ? undefined : requiresPython,
      yanked: yanked !== undefined,
      yankedReason: yanked === undefined || yanked === '' ? undefined : yanked,
      size: undefined,
      uploadTime: undefined,
      coreMetadata: readCoreMetadataAttribute(
        attributes.get('data-core-metadata') ?? attributes.get('data-dist-info-metadata'),
      ),
    });
  }
  return {
    kind: 'project',
    name: context.requestedName,
    normalizedName: canonicalizeName(context.requestedName),
    indexUrl: context.indexUrl,
    url: context.pageUrl,
    format: 'html',
    apiVersion,
    versions: undefined,
    files,
    droppedFiles,
  };
}

/** PEP 658: `true` or `<hashname>=<hashvalue>`; absent (or `false`, seen on some mirrors) means none. */
function readCoreMetadataAttribute(value: string | undefined): ProjectFile['coreMetadata'] {
  if (value === undefined || value.toLowerCase() === 'false') return false;
  const match = /^([A-Za-z0-9_-]+)=([0-9A-Fa-f]+)$/.exec(value.trim());
  if (match !== null) return { hashes: { [match[1]!.toLowerCase()]: match[2]!.toLowerCase() } };
  return { hashes: {} };
}
