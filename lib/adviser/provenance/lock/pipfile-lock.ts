// Pipfile.lock (pipfile-spec 6) as a provenance lock: every category's entries with a pinned version,
// each pinned to the `_meta.sources` entry its `index` names. pipenv installs an entry without `index`
// from any declared source, so such an entry is unpinned here too.
import { canonicalizeName } from '../../../python/index.js';
import { parsePipfileLock } from '../../../python/readers/index.js';
import type { ProvenanceLock } from '../types.js';
import { normalizeIndexUrl, sha256Digests } from './common.js';

export function readPipfileLockForProvenance(text: string, file: string): ProvenanceLock {
  const lock = parsePipfileLock(text, file);
  const sources = lock.sources.map((s) => ({
    name: s.name,
    url: normalizeIndexUrl(s.url),
    verifySsl: s.verifySsl,
    origin: s.origin,
  }));
  const out: ProvenanceLock = { format: 'pipfile-lock', file, sources, packages: [], directReferences: [] };
  if (lock.pipfileHash !== undefined) out.pipfileHash = lock.pipfileHash;
  for (const [category, entries] of Object.entries(lock.categories)) {
    for (const entry of Object.values(entries)) {
      if (entry.version === undefined) {
        out.directReferences.push({
          name: canonicalizeName(entry.name),
          origin: entry.origin,
          ...(entry.markers === undefined ? {} : { marker: entry.markers }),
          ...(category === 'default' ? {} : { category }),
        });
        continue;
      }
      const source = entry.index === undefined ? undefined : sources.find((s) => s.name === entry.index);
      out.packages.push({
        name: canonicalizeName(entry.name),
        version: entry.version,
        indexUrl: source?.url ?? null,
        ...(entry.index !== undefined && source === undefined ? { undeclaredIndex: entry.index } : {}),
        hashes: sha256Digests(entry.hashes),
        files: [],
        origin: entry.origin,
        ...(entry.markers === undefined ? {} : { marker: entry.markers }),
        ...(category === 'default' ? {} : { category }),
      });
    }
  }
  return out;
}
