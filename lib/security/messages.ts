// Messages the security steps hand to the emit step: a JSON array of {type, version, key, payload} in
// `messages.json`, each payload validated against its schema here, where it is produced.
import {
  parseCVEProvided,
  parseMissingVersion,
  parseUpdateProvidesSourceDistro,
  releaseMessageKey,
} from '../contracts/index.js';
import type { CVEProvided, MissingVersion, UpdateProvidesSourceDistro } from '../contracts/index.js';
import type { NewlyAffectedRelease } from './osv/index.js';

/** One message for the emit step to wrap in an envelope and send. */
export type OutgoingMessage =
  | { type: 'CVEProvided'; version: 1; key: string; payload: CVEProvided }
  | { type: 'MissingVersion'; version: 1; key: string; payload: MissingVersion }
  | { type: 'UpdateProvidesSourceDistro'; version: 1; key: string; payload: UpdateProvidesSourceDistro };

/** CVEProvided for one newly affected release; the key adds the advisory so each pair is sent once. */
export function cveProvidedMessage(affected: NewlyAffectedRelease): OutgoingMessage {
  const payload = parseCVEProvided({
    package_name: affected.packageName,
    package_version: affected.version,
    index_url: affected.indexUrl,
    advisory_id: affected.advisoryId,
    aliases: affected.aliases,
  });
  return {
    type: 'CVEProvided',
    version: 1,
    key: `${releaseMessageKey(affected.packageName, affected.version)}:${affected.advisoryId}`,
    payload,
  };
}

export interface ReleaseIdentity {
  name: string;
  version: string;
  indexUrl: string;
}

export function missingVersionMessage(release: ReleaseIdentity, detectedBy: string): OutgoingMessage {
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

export function providesSourceDistroMessage(release: ReleaseIdentity, provides: boolean): OutgoingMessage {
  const payload = parseUpdateProvidesSourceDistro({
    package_name: release.name,
    package_version: release.version,
    index_url: release.indexUrl,
    provides_source_distro: provides,
  });
  return {
    type: 'UpdateProvidesSourceDistro',
    version: 1,
    key: releaseMessageKey(release.name, release.version),
    payload,
  };
}
