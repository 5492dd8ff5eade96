// requirements.txt with hashes (pip-compile --generate-hashes, `thoth advise`) as a provenance lock.
// pip gathers candidates from the primary index and every extra index alike and takes whichever file
// matches, so no package is pinned to an index: that mixing is what dependency confusion exploits.
import { readRequirementsTxt } from '../../../python/readers/index.js';
import type { ProvenanceLock } from '../types.js';
import { lockError, normalizeIndexUrl, sha256Digests } from './common.js';

const EXACT = /^===?\s*([^,;\s*]+)$/;

export function readRequirementsTxtForProvenance(
  text: string,
  file: string,
  options: { defaultIndexUrl: string },
): ProvenanceLock {
  const project = readRequirementsTxt(text, { file });
  const trusted = new Set(project.trustedHosts.map((h) => h.toLowerCase()));
  const declared = project.noIndex
    ? []
    : project.indexes.length > 0
      ? project.indexes
      : [
          {
            url: options.defaultIndexUrl,
            verifySsl: true,
            isPrimary: true,
            origin: { file, line: 1, column: 1 },
          },
        ];
  const sources = declared.map((s) => {
    const host = URL.canParse(s.url) ? new URL(s.url) : undefined;
    // pip's --trusted-host turns TLS verification off for that host (with or without the port).
    const isTrusted = host !== undefined && (trusted.has(host.host) || trusted.has(host.hostname));
    return {
      url: normalizeIndexUrl(s.url),
      verifySsl: s.verifySsl && !isTrusted,
      origin: s.origin,
    };
  });
  const out: ProvenanceLock = {
    format: 'requirements-txt',
    file,
    sources,
    packages: [],
    directReferences: [],
  };
  for (const requirement of project.requirements) {
    if (requirement.kind !== 'named' || requirement.canonicalName === undefined) {
      out.directReferences.push({
        name: requirement.canonicalName ?? null,
        origin: requirement.origin,
        ...(requirement.marker === undefined || requirement.marker === ''
          ? {}
          : { marker: requirement.marker }),
      });
      continue;
    }
    const pin = EXACT.exec(requirement.specifier.trim());
    if (pin === null)
      throw lockError(
        requirement.origin,
        `"${requirement.text}" is not pinned with ==; a provenance check needs a lock (pip-compile --generate-hashes output)`,
      );
    out.packages.push({
      name: requirement.canonicalName,
      version: pin[1]!,
      indexUrl: null,
      hashes: sha256Digests(requirement.hashes),
      files: [],
      origin: requirement.origin,
      ...(requirement.marker === undefined || requirement.marker === ''
        ? {}
        : { marker: requirement.marker }),
    });
  }
  return out;
}
