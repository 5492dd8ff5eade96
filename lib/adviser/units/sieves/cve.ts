// CveSieve (security recommendation type): removes every release a known advisory affects, before
// resolution, with the typed reason 'security' whose detail names the advisories and the affected
// range ("CveSieve: GHSA-…/CVE-… affects web>=1.2, <1.4"), so a derivation says why when nothing safe
// is left. Advisories the `allow-cve` label names are kept (reported as a warning). stack_info lists
// what was avoided: it is request-level, whichever stack is chosen.
import { PROFILES } from '../../recommendation.js';
import type { ReleaseAdvisory, Unavailability } from '../../types.js';
import {
  advisoriesOf,
  advisoryIds,
  advisoryLabel,
  advisoryLink,
  affectedRange,
  affectedRanges,
  allowedBy,
  allowedIds,
  listVersions,
  recordAffected,
} from '../security/index.js';
import type { Sieve, UnitDefinition } from '../types.js';

export const id = 'CveSieve';
export const description =
  'Removes releases affected by a known advisory (security type); the allow-cve label exempts ids';

/** The removal detail: every advisory with the range that makes this version affected. */
export function removalDetail(name: string, version: string, advisories: readonly ReleaseAdvisory[]): string {
  return `${id}: ${advisories
    .map((a) => `${advisoryIds(a)} affects ${name}${affectedRange(a, version)}`)
    .join('; ')}`;
}

export const unit = {
  id,
  type: 'sieve',
  description,
  shouldInclude: (builder) =>
    PROFILES[builder.recommendationType].security.advisories === 'remove' ? [{}] : [],
  create: (): Sieve => ({
    name: id,
    run(candidates, context) {
      const allowed = allowedIds(context.labels);
      const removed = new Map<string, Unavailability>();
      // Per advisory: the versions it removed (newest first) and the one it was allowed on.
      const avoided = new Map<string, { advisory: ReleaseAdvisory; versions: string[] }>();
      const exempted = new Map<string, { advisory: ReleaseAdvisory; by: string; versions: string[] }>();
      for (const c of candidates) {
        const blocking: ReleaseAdvisory[] = [];
        for (const advisory of advisoriesOf(c)) {
          const by = allowedBy(advisory, allowed);
          if (by === undefined) {
            blocking.push(advisory);
            const entry = avoided.get(advisory.id) ?? { advisory, versions: [] };
            entry.versions.push(c.version);
            avoided.set(advisory.id, entry);
          } else {
            const entry = exempted.get(advisory.id) ?? { advisory, by, versions: [] };
            entry.versions.push(c.version);
            exempted.set(advisory.id, entry);
          }
        }
        if (blocking.length === 0) continue;
        removed.set(c.version, { reason: 'security', detail: removalDetail(c.name, c.version, blocking) });
        recordAffected(context, c.name, c.version, blocking);
      }
      const name = candidates[0]?.name;
      if (name === undefined) return removed;
      for (const { advisory, versions } of [...avoided.values()].sort((a, b) =>
        a.advisory.id.localeCompare(b.advisory.id),
      )) {
        context.stackInfo.push({
          type: 'info',
          message: `${id} removed ${name} ${listVersions(versions)}: ${advisoryLabel(advisory)} affects ${name}${affectedRanges(advisory, versions)}${advisory.summary === null ? '' : ` (${advisory.summary})`}.`,
          link: advisoryLink(advisory),
          package_name: name,
          advisory_id: advisory.id,
          version_range: affectedRanges(advisory, versions),
          unit: id,
        });
      }
      for (const { advisory, by, versions } of [...exempted.values()].sort((a, b) =>
        a.advisory.id.localeCompare(b.advisory.id),
      )) {
        context.stackInfo.push({
          type: 'warning',
          message: `${advisoryLabel(advisory)} affects ${name} ${listVersions(versions)} but is allowed by the label allow-cve=${by}; these releases stay candidates.`,
          link: advisoryLink(advisory),
          package_name: name,
          advisory_id: advisory.id,
          version_range: affectedRanges(advisory, versions),
          unit: id,
        });
      }
      return removed;
    },
  }),
} satisfies UnitDefinition<'sieve'>;
