// Checks and helpers every lock writer shares: package order, file names, SHA-256 digests, markers.
import { InvalidMarkerError, parseMarker } from '../marker/index.js';
import { canonicalizeName } from '../name/index.js';
import { LockWriteError } from './errors.js';
import type { LockedFile, LockedPackage, LockedStack } from './types.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Packages sorted by normalized name, then version text, so every writer's output is stable. */
export function sortedPackages(stack: LockedStack): LockedPackage[] {
  return [...stack.packages].sort((a, b) => {
    const x = canonicalizeName(a.name);
    const y = canonicalizeName(b.name);
    if (x !== y) return x < y ? -1 : 1;
    return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
  });
}

/** A file's name: given, else the last segment of its URL or path (URL-decoded). */
export function fileNameOf(file: LockedFile): string | undefined {
  if (file.filename !== undefined) return file.filename;
  const location = file.url ?? file.path;
  if (location === undefined) return undefined;
  const segment =
    location
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Checks that `digest` is lowercase hex SHA-256 and returns it. */
export function checkSha256(digest: string, pkg: LockedPackage, format: string): string {
  if (!SHA256_HEX.test(digest))
    throw new LockWriteError(
      'invalid-locked-stack',
      `${pkg.name} ${pkg.version}: ${JSON.stringify(digest)} is not a lowercase hex SHA-256 digest`,
      {
        package: pkg.name,
        version: pkg.version,
        format,
      },
    );
  return digest;
}

/** The package's file hashes as `sha256:<hex>`, sorted and without duplicates (as pip-compile and pipenv write them). */
export function packageHashes(pkg: LockedPackage, format: string): string[] {
  const digests = new Set(pkg.files.map((file) => checkSha256(file.sha256, pkg, format)));
  return [...digests].sort().map((digest) => `sha256:${digest}`);
}

/** The package's marker in packaging's normal form, or undefined; a marker that does not parse is refused. */
export function normalizedMarker(pkg: LockedPackage, format: string): string | undefined {
  if (pkg.markers === undefined || pkg.markers.trim() === '') return undefined;
  try {
    return parseMarker(pkg.markers).toString();
  } catch (error) {
    if (error instanceof InvalidMarkerError)
      throw new LockWriteError(
        'invalid-locked-stack',
        `${pkg.name} ${pkg.version}: invalid marker ${JSON.stringify(pkg.markers)}`,
        {
          package: pkg.name,
          version: pkg.version,
          format,
        },
      );
    throw error;
  }
}

/** Extras normalized (PEP 685), sorted, without duplicates. */
export function normalizedExtras(pkg: LockedPackage): string[] {
  return [...new Set(pkg.extras.map((extra) => canonicalizeName(extra)))].sort();
}
