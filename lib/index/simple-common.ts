// Pieces shared by the PEP 503 (HTML) and PEP 691 (JSON) page readers: URL resolution without
// credentials and hash fragments.
import type { Hashes } from './types.js';

/** `url` without `user:password@` (credentials are applied per request, never stored in values). */
export function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Resolve a file link against the page URL and split off its hash fragment (PEP 503:
 * `#<hashname>=<hashvalue>`). Throws TypeError for an unusable link.
 */
export function resolveFileLink(href: string, baseUrl: string): { url: string; hashes: Hashes } {
  const resolved = new URL(href, baseUrl);
  const hashes: Record<string, string> = {};
  const fragment = resolved.hash.slice(1);
  if (fragment !== '') {
    const match = /^([A-Za-z0-9_-]+)=([0-9A-Fa-f]+)$/.exec(fragment);
    if (match !== null) hashes[match[1]!.toLowerCase()] = match[2]!.toLowerCase();
  }
  resolved.hash = '';
  return { url: stripCredentials(resolved.toString()), hashes };
}

/** Lowercase algorithm names and hex digests; drop entries that are not strings. */
export function normalizeHashes(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [algorithm, digest] of Object.entries(value as Record<string, unknown>)) {
    if (typeof digest === 'string' && digest !== '') out[algorithm.toLowerCase()] = digest.toLowerCase();
  }
  return out;
}

/** The last path segment of a URL, percent-decoded (a file name when an anchor has no text). */
export function lastPathSegment(url: string): string {
  const path = new URL(url).pathname;
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
