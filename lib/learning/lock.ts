// From an adviser product to the LockedStack the lock writers take, with the real file names, URLs,
// sizes and upload times from the graph (the adviser's KnownRelease carries digests only; without a
// graph, as for a result read from a cluster, the product's own files are used), and the
// lock files written atomically: every file goes to a temporary name first and is renamed only when
// all of them were written, so a failed run leaves no half-written lock.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdviserProduct } from '../contracts/index.js';
import type { SqlExecutor } from '../graph/index.js';
import { getWriter } from '../python/writers/index.js';
import type { LockedFile, LockedStack, WriterId } from '../python/writers/index.js';

interface FileRow {
  name: string;
  version: string;
  index_url: string;
  filename: string;
  url: string | null;
  sha256: string;
  size: string | number | null;
  upload_time: Date | string | null;
}

const FILES_SQL = `
SELECT r.package_name AS name, r.version, i.url AS index_url, f.filename, f.url, f.sha256, f.size, f.upload_time
FROM python_file f
JOIN python_release r ON r.id = f.release_id
JOIN python_index i ON i.id = r.index_id
WHERE f.present AND f.sha256 IS NOT NULL AND r.package_name = ANY($1::text[])
ORDER BY f.filename`;

function isoTime(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The product's pins with their files; `pythonFullVersion` is the environment the lock was made for.
 * `db` undefined: the files the product names (digests, and names and URLs when the run had them).
 */
export async function lockedStack(
  db: SqlExecutor | undefined,
  product: AdviserProduct,
  options: { pythonVersion: string; pythonFullVersion: string; environmentMarker?: string },
): Promise<LockedStack> {
  const pins = product.lock.packages;
  const rows = db === undefined ? [] : await db.query<FileRow>(FILES_SQL, [pins.map((p) => p.name)]);
  const files = new Map<string, LockedFile[]>();
  for (const row of rows) {
    const key = `${row.name}\u0000${row.version}\u0000${row.index_url}`;
    const list = files.get(key) ?? [];
    const uploadTime = isoTime(row.upload_time);
    list.push({
      filename: row.filename,
      ...(row.url === null ? {} : { url: row.url }),
      sha256: row.sha256,
      ...(row.size === null ? {} : { size: Number(row.size) }),
      ...(uploadTime === undefined ? {} : { uploadTime }),
    });
    files.set(key, list);
  }
  const indexes = [...new Set(pins.map((p) => p.index_url).filter((u): u is string => u !== null))];
  return {
    packages: pins.map((pin) => ({
      name: pin.name,
      version: pin.version,
      ...(pin.index_url === null ? {} : { indexUrl: pin.index_url }),
      files:
        files.get(`${pin.name}\u0000${pin.version}\u0000${pin.index_url ?? ''}`) ??
        pin.files.map((f) => ({
          filename: f.filename,
          ...(f.url === null ? {} : { url: f.url }),
          sha256: f.hashes.sha256,
        })),
      extras: [...pin.extras],
      dev: pin.develop,
    })),
    sources: indexes.map((url, i) => ({
      name: i === 0 ? 'pypi' : `index-${i}`,
      url,
      verifySsl: !url.startsWith('http://'),
    })),
    pythonVersion: options.pythonVersion,
    pythonFullVersion: options.pythonFullVersion,
    environments: options.environmentMarker === undefined ? [] : [options.environmentMarker],
  };
}

export interface LockTarget {
  format: WriterId;
  path: string;
}

/** Render every lock first, then write them to temporary names and rename them into place. */
export async function writeLocks(stack: LockedStack, targets: readonly LockTarget[]): Promise<string[]> {
  const rendered = targets.map((t) => ({ ...t, text: getWriter(t.format).write(stack) }));
  const suffix = `.thoth-${randomBytes(4).toString('hex')}.tmp`;
  const written: string[] = [];
  try {
    for (const lock of rendered) {
      await writeFile(`${lock.path}${suffix}`, lock.text);
      written.push(`${lock.path}${suffix}`);
    }
    for (const lock of rendered) await rename(`${lock.path}${suffix}`, lock.path);
  } catch (error) {
    await Promise.all(written.map((p) => rm(p, { force: true })));
    throw error;
  }
  return rendered.map((l) => l.path);
}

export function lockPath(dir: string, format: WriterId): string {
  return join(dir, getWriter(format).fileName);
}
