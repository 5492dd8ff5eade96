// Helpers shared by the lock readers of the provenance check: digests in one spelling, index URLs in
// one spelling, and the error a reader raises for a lock it cannot check.
import { InputError } from '../../../errors/index.js';
import type { SourcePosition } from '../../../python/readers/index.js';

/** `https://pypi.org/simple/` and `https://pypi.org/simple` are one index (PEP 503 base URLs). */
export function normalizeIndexUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The sha256 digests among `algorithm:hex` hash strings (pip's `--hash`, Pipfile.lock `hashes`),
 * lowercased and deduplicated in order. Other algorithms are dropped: PEP 503 indexes publish sha256,
 * so only those can be compared with what an index serves.
 */
export function sha256Digests(hashes: readonly string[]): string[] {
  const out: string[] = [];
  for (const hash of hashes) {
    const [algorithm, digest] = hash.split(':', 2);
    if (algorithm?.toLowerCase() !== 'sha256' || digest === undefined) continue;
    const hex = digest.toLowerCase();
    if (/^[0-9a-f]{64}$/.test(hex) && !out.includes(hex)) out.push(hex);
  }
  return out;
}

/** A lock the check cannot read or check, naming the file and position. */
export function lockError(origin: SourcePosition, reason: string): InputError {
  return new InputError(`${origin.file}:${origin.line}:${origin.column}: ${reason}`, {
    context: { file: origin.file, line: origin.line, column: origin.column },
  });
}
