// graph-refresh: the work the graph still lacks, up to a cap, as UnresolvedPackage (one per release and
// environment) and SIUnanalyzedPackage messages. The queries exclude work in flight and work out of
// attempts, so an hourly run does not re-announce what is already being done (§8 of the reference).
import { unanalysedReleases, unsolvedPairs } from '../graph/index.js';
import type { SqlExecutor } from '../graph/index.js';
import { siUnanalyzedPackageMessage, unresolvedPackageMessage } from './messages.js';
import type { EnvironmentIdentity, FreshnessMessage } from './messages.js';

export interface RefreshOptions {
  /** At most this many unsolved (release, environment) pairs, and as many unanalysed releases. */
  count: number;
  /** Environment keys to solve for; default every environment the graph knows. */
  environmentKeys?: readonly string[];
  securityIndicators: boolean;
}

export interface RefreshResult {
  unsolved: number;
  unanalysed: number;
  messages: FreshnessMessage[];
}

const IDENTITY_FIELD = /^[a-z0-9][a-z0-9._-]*$/;

/** Environments as UnresolvedPackage names them; an environment lacking a field is left out (null). */
async function environmentIdentities(db: SqlExecutor): Promise<Map<string, EnvironmentIdentity | null>> {
  const rows = await db.query<{
    key: string;
    os_name: string | null;
    os_version: string | null;
    python_version: string;
    platform: string | null;
  }>('SELECT key, os_name, os_version, python_version, platform FROM runtime_environment ORDER BY key');
  const out = new Map<string, EnvironmentIdentity | null>();
  for (const r of rows) {
    const complete =
      r.os_name !== null &&
      IDENTITY_FIELD.test(r.os_name) &&
      r.os_version !== null &&
      r.os_version !== '' &&
      r.platform !== null &&
      IDENTITY_FIELD.test(r.platform) &&
      /^[0-9]+\.[0-9]+$/.test(r.python_version);
    out.set(
      r.key,
      complete
        ? {
            id: r.key,
            os_name: r.os_name!,
            os_version: r.os_version!,
            python_version: r.python_version,
            platform: r.platform!,
          }
        : null,
    );
  }
  return out;
}

export async function refreshCandidates(db: SqlExecutor, options: RefreshOptions): Promise<RefreshResult> {
  const identities = await environmentIdentities(db);
  const keys = options.environmentKeys ?? [...identities.keys()];
  const pairs = await unsolvedPairs(db, keys, options.count);
  const messages: FreshnessMessage[] = [];
  // An environment without a full identity is asked as null ("every configured environment lacking
  // it"): the investigator then solves only where no verdict exists, so one message per release will do.
  const askedForAll = new Set<string>();
  for (const pair of pairs) {
    const identity = identities.get(pair.environmentKey) ?? null;
    const release = { name: pair.name, version: pair.version, indexUrl: pair.indexUrl };
    if (identity === null) {
      const id = `${pair.name}\n${pair.version}\n${pair.indexUrl}`;
      if (askedForAll.has(id)) continue;
      askedForAll.add(id);
    }
    messages.push(unresolvedPackageMessage(release, identity));
  }
  const unanalysed = options.securityIndicators ? await unanalysedReleases(db, options.count) : [];
  messages.push(...unanalysed.map(siUnanalyzedPackageMessage));
  return { unsolved: pairs.length, unanalysed: unanalysed.length, messages };
}
