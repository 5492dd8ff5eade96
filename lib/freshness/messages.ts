// Messages the freshness steps hand to the emit step (`messages.json`: an array of {type, version, key,
// payload}). Each payload is validated against its schema here, where it is produced, so a step never
// writes a message the emit step would refuse.
import {
  parseHashMismatch,
  parseMissingPackage,
  parseMissingVersion,
  parsePackageReleased,
  parseSIUnanalyzedPackage,
  parseUnresolvedPackage,
  packageMessageKey,
  releaseMessageKey,
} from '../contracts/index.js';
import type {
  HashMismatch,
  MissingPackage,
  MissingVersion,
  PackageReleased,
  SIUnanalyzedPackage,
  UnresolvedPackage,
} from '../contracts/index.js';

export type FreshnessMessage =
  | { type: 'PackageReleased'; version: 1; key: string; payload: PackageReleased }
  | { type: 'MissingPackage'; version: 1; key: string; payload: MissingPackage }
  | { type: 'MissingVersion'; version: 1; key: string; payload: MissingVersion }
  | { type: 'HashMismatch'; version: 1; key: string; payload: HashMismatch }
  | { type: 'UnresolvedPackage'; version: 1; key: string; payload: UnresolvedPackage }
  | { type: 'SIUnanalyzedPackage'; version: 1; key: string; payload: SIUnanalyzedPackage };

export interface ReleaseId {
  name: string;
  version: string;
  indexUrl: string;
}

export function packageReleasedMessage(release: ReleaseId & { uploadTime: string | null }): FreshnessMessage {
  const payload = parsePackageReleased({
    package_name: release.name,
    package_version: release.version,
    index_url: release.indexUrl,
    upload_time: release.uploadTime,
  });
  return {
    type: 'PackageReleased',
    version: 1,
    key: releaseMessageKey(release.name, release.version),
    payload,
  };
}

export function missingPackageMessage(name: string, indexUrl: string, detectedBy: string): FreshnessMessage {
  const payload = parseMissingPackage({ package_name: name, index_url: indexUrl, detected_by: detectedBy });
  return { type: 'MissingPackage', version: 1, key: packageMessageKey(name), payload };
}

export function missingVersionMessage(release: ReleaseId, detectedBy: string): FreshnessMessage {
  const payload = parseMissingVersion({
    package_name: release.name,
    package_version: release.version,
    index_url: release.indexUrl,
    detected_by: detectedBy,
  });
  return {
    type: 'MissingVersion',
    version: 1,
    key: releaseMessageKey(release.name, release.version),
    payload,
  };
}

export interface ArtifactHash {
  filename: string | null;
  sha256: string;
}

export function hashMismatchMessage(
  release: ReleaseId,
  missingFromSource: readonly ArtifactHash[],
  missingFromDatabase: readonly ArtifactHash[],
): FreshnessMessage {
  const payload = parseHashMismatch({
    package_name: release.name,
    package_version: release.version,
    index_url: release.indexUrl,
    missing_from_source: missingFromSource,
    missing_from_database: missingFromDatabase,
  });
  return { type: 'HashMismatch', version: 1, key: releaseMessageKey(release.name, release.version), payload };
}

/** The environment as UnresolvedPackage names it; null asks the investigator for every environment lacking it. */
export interface EnvironmentIdentity {
  id: string;
  os_name: string;
  os_version: string;
  python_version: string;
  platform: string;
}

export function unresolvedPackageMessage(
  release: ReleaseId,
  environment: EnvironmentIdentity | null,
): FreshnessMessage {
  const payload = parseUnresolvedPackage({
    package_name: release.name,
    package_version: release.version,
    specifier: null,
    index_url: release.indexUrl,
    environment,
    // Periodic back-fill: no analysis waits for it.
    requested_by: null,
  });
  return {
    type: 'UnresolvedPackage',
    version: 1,
    key: releaseMessageKey(release.name, release.version),
    payload,
  };
}

export function siUnanalyzedPackageMessage(release: ReleaseId): FreshnessMessage {
  const payload = parseSIUnanalyzedPackage({
    package_name: release.name,
    package_version: release.version,
    index_url: release.indexUrl,
  });
  return {
    type: 'SIUnanalyzedPackage',
    version: 1,
    key: releaseMessageKey(release.name, release.version),
    payload,
  };
}
