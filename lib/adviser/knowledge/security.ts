// Joins the graph's bulk security reads (advisories linked to releases, security-indicator aggregates)
// onto the releases a knowledge source returns, so the security units read them from the candidate
// without a query of their own. Releases are matched by (name, version text, index URL), the identity
// the links were materialized for.
import type { ReleaseAdvisoryRecord, ReleaseSecurityIndicatorRecord } from '../../graph/index.js';
import type { OsvRange } from '../../security/osv/types.js';
import type { AdviserRelease, ReleaseAdvisory, ReleaseSecurityIndicators } from '../types.js';

const key = (name: string, version: string, indexUrl: string): string =>
  `${name}\u0000${version}\u0000${indexUrl.replace(/\/+$/, '')}`;

function severityOf(entries: readonly unknown[]): ReleaseAdvisory['severity'] {
  return entries.filter(
    (e): e is { type: string; score: string } =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as { type?: unknown }).type === 'string' &&
      typeof (e as { score?: unknown }).score === 'string',
  );
}

/** Every release of `releases` with `advisories` and `securityIndicators` set from the graph's rows. */
export function withSecurity(
  releases: readonly AdviserRelease[],
  advisories: readonly ReleaseAdvisoryRecord[],
  indicators: readonly ReleaseSecurityIndicatorRecord[],
): AdviserRelease[] {
  const byRelease = new Map<string, ReleaseAdvisory[]>();
  const perPackage = new Map<string, ReleaseAdvisory>();
  for (const record of advisories) {
    for (const ref of record.releases) {
      // One view per advisory and package (the entries of that package), shared by its releases.
      const viewKey = `${record.advisoryId}\u0000${ref.packageName}`;
      let view = perPackage.get(viewKey);
      if (view === undefined) {
        view = {
          id: record.advisoryId,
          aliases: record.aliases,
          summary: record.summary,
          severity: severityOf(record.severity),
          link: record.link,
          affected: record.affected
            .filter((a) => a.packageName === ref.packageName)
            .map((a) => ({ ranges: a.ranges as OsvRange[], versions: a.versions })),
        };
        perPackage.set(viewKey, view);
      }
      const k = key(ref.packageName, ref.version, ref.indexUrl);
      const list = byRelease.get(k) ?? [];
      list.push(view);
      byRelease.set(k, list);
    }
  }
  const byIndicator = new Map<string, ReleaseSecurityIndicators>();
  for (const i of indicators) {
    byIndicator.set(key(i.packageName, i.version, i.indexUrl), {
      documentId: i.documentId,
      bySeverity: i.bySeverity,
      filesAnalyzed: i.filesAnalyzed,
      pythonLinesOfCode: i.pythonLinesOfCode,
    });
  }
  return releases.map((r) => {
    const k = key(r.name, r.version, r.indexUrl);
    const si = byIndicator.get(k);
    return {
      ...r,
      // Known to the graph: [] states "no advisory", not "unknown".
      advisories: byRelease.get(k) ?? [],
      ...(si === undefined ? {} : { securityIndicators: si }),
    };
  });
}
