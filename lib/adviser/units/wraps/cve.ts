// CveWrap: explains, for each package of a product, the newer releases it does not use because
// advisories affect them ("web 1.3 avoids GHSA-…/CVE-…, which affects web 1.4 (>=1.4, <1.5)"), from
// what CveSieve and CvePenalizationStep recorded during the run. Product-level, so it names only what
// this stack avoided (the original put such text in stack_info, wrong when another stack is chosen).
import { compareVersions } from '../../../python/index.js';
import type { ReleaseAdvisory } from '../../types.js';
import { advisoryLabel, advisoryLink, affectedRanges, ledgerOf, listVersions } from '../security/index.js';
import type { UnitDefinition, Wrap } from '../types.js';

export const id = 'CveWrap';
export const description = 'Names the advisories each package of a stack avoids by not using newer releases';

export const unit = {
  id,
  type: 'wrap',
  description,
  shouldInclude: () => [{}],
  create: (): Wrap => ({
    name: id,
    run(state, context) {
      const ledger = ledgerOf(context);
      for (const [name, version] of [...state.resolved].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const seen = ledger.get(name);
        if (seen === undefined) continue;
        const own = new Set((seen.get(version) ?? []).map((a) => a.id));
        const avoided = new Map<string, { advisory: ReleaseAdvisory; versions: string[] }>();
        const newer = [...seen.keys()]
          .filter((v) => compareVersions(v, version) > 0)
          .sort((a, b) => compareVersions(b, a));
        for (const v of newer) {
          for (const advisory of seen.get(v)!) {
            if (own.has(advisory.id)) continue;
            const entry = avoided.get(advisory.id) ?? { advisory, versions: [] };
            entry.versions.push(v);
            avoided.set(advisory.id, entry);
          }
        }
        for (const { advisory, versions } of [...avoided.values()].sort((a, b) =>
          a.advisory.id.localeCompare(b.advisory.id),
        )) {
          const range = affectedRanges(advisory, versions);
          state.justification.push({
            type: 'info',
            message: `${name} ${version} avoids ${advisoryLabel(advisory)}, which affects the newer ${name} ${listVersions(versions)} (${range}).`,
            link: advisoryLink(advisory),
            package_name: name,
            advisory_id: advisory.id,
            version_range: range,
            unit: id,
          });
        }
      }
    },
  }),
} satisfies UnitDefinition<'wrap'>;
