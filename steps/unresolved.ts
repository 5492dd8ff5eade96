// What the analysing steps (advise, dependency-monkey, provenance-check) leave for their workflow's
// emit step when the knowledge graph lacks releases: <outputs>/unresolved_count and, when there is
// anything to announce, <outputs>/messages.json with one UnresolvedPackage message per release or
// package, in the {type, version, key, payload} shape steps/emit.ts publishes.
import { packageMessageKey, parseUnresolvedPackage, releaseMessageKey } from '../lib/contracts/index.js';
import type { EnvironmentIdentity, Requester, UnresolvedPackage } from '../lib/contracts/index.js';
import type { StepOutputs } from './run-step.js';

/** A requirement the adviser could not resolve (`==V` pins one release; otherwise a specifier). */
export interface UnresolvedRequirement {
  name: string;
  specifier: string;
  index_url: string | null;
}

/** One validated UnresolvedPackage payload per requirement, to be solved in `environment`. */
export function unresolvedPackages(
  unresolved: readonly UnresolvedRequirement[],
  context: { indexUrl: string; environment: EnvironmentIdentity; requestedBy: Requester },
): UnresolvedPackage[] {
  return unresolved.map((u) => {
    const pinned = u.specifier.startsWith('==');
    return parseUnresolvedPackage({
      package_name: u.name,
      package_version: pinned ? u.specifier.slice(2) : null,
      specifier: u.specifier === '' || pinned ? null : u.specifier,
      index_url: (u.index_url ?? context.indexUrl).replace(/\/+$/, ''),
      environment: context.environment,
      requested_by: context.requestedBy,
    });
  });
}

/** Write unresolved_count and, unless `payloads` is empty, messages.json. */
export async function writeUnresolvedPackages(
  out: StepOutputs,
  payloads: readonly UnresolvedPackage[],
): Promise<void> {
  await out.text('unresolved_count', payloads.length);
  if (payloads.length === 0) return;
  await out.json(
    'messages.json',
    payloads.map((payload) => ({
      type: 'UnresolvedPackage',
      version: 1,
      // One package's (or release's) events stay in one partition.
      key:
        payload.package_version === null
          ? packageMessageKey(payload.package_name)
          : releaseMessageKey(payload.package_name, payload.package_version),
      payload,
    })),
  );
}
