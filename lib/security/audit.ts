// Audit a locked stack (`name==version` pins) against the advisories in the knowledge graph: one query
// for all packages, ranges evaluated with PEP 440, findings that carry the advisory ids, the affected
// ranges and versions that matched, the fix versions and links. `thoth audit` renders them.
import { InputError } from '../errors/index.js';
import { loadAdvisoriesForPackages } from '../graph/index.js';
import type { SqlExecutor, StoredAdvisory } from '../graph/index.js';
import { canonicalizeName, compareVersions, tryParseVersion } from '../python/index.js';
import { compileAffected, describeRange, fixedVersions, matchAffected } from './osv/index.js';
import type { OsvRange } from './osv/index.js';

/** One pinned package of the stack. */
export interface LockedPackage {
  name: string;
  version: string;
}

/** One advisory affecting one pinned package. */
export interface AuditFinding {
  /** PEP 503 normalized name. */
  packageName: string;
  version: string;
  advisoryId: string;
  aliases: string[];
  summary: string | null;
  /** The ECOSYSTEM ranges of the matching entry, as OSV events and as text (`>=0, <2.11.3`). */
  ranges: OsvRange[];
  rangesText: string[];
  /** Whether the pin is in the explicit version list or only inside a range. */
  matchedBy: 'versions' | 'range';
  /** Versions that fix it (the `fixed` events), lowest first; empty when no fix is known. */
  fixedIn: string[];
  /** The primary link first, then every other reference, without duplicates. */
  links: string[];
  /** OSV severity entries (CVSS vectors), often empty for PyPI advisories. */
  severity: { type: string; score: string }[];
}

/** The result of an audit: findings sorted by package then advisory id, and the pins audited. */
export interface AuditReport {
  audited: number;
  findings: AuditFinding[];
}

/** Parse `name==version` lines (requirements-style pins; comments, blanks and hashes ignored). */
export function parseLockedPins(text: string): LockedPackage[] {
  const out: LockedPackage[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw
      .replace(/\s+#.*$/, '')
      .replace(/\\$/, '')
      .trim();
    if (line === '' || line.startsWith('#') || line.startsWith('--')) return;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;]+)/.exec(line);
    if (match === null) {
      throw new InputError(`line ${index + 1}: "${raw.trim()}" is not a name==version pin`, {
        context: { line: index + 1 },
      });
    }
    out.push({ name: match[1]!, version: match[2]! });
  });
  return out;
}

function linksOf(advisory: StoredAdvisory): string[] {
  const links: string[] = [];
  const add = (url: unknown): void => {
    if (typeof url === 'string' && !links.includes(url)) links.push(url);
  };
  add(advisory.link);
  for (const reference of advisory.references) add((reference as { url?: unknown }).url);
  return links;
}

/** Findings of `advisories` for `stack`, without touching the graph (the adviser can reuse it). */
export function auditAgainst(
  stack: readonly LockedPackage[],
  advisories: readonly StoredAdvisory[],
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const pin of stack) {
    const name = canonicalizeName(pin.name);
    for (const advisory of advisories) {
      for (const entry of advisory.affected) {
        if (entry.packageName !== name) continue;
        const ranges = entry.ranges as OsvRange[];
        const matchedBy = matchAffected(compileAffected({ ranges, versions: entry.versions }), pin.version);
        if (matchedBy === undefined) continue;
        const fixedIn = fixedVersions(ranges)
          .filter((v) => tryParseVersion(v) !== undefined)
          .sort((a, b) => compareVersions(a, b));
        findings.push({
          packageName: name,
          version: pin.version,
          advisoryId: advisory.advisoryId,
          aliases: advisory.aliases,
          summary: advisory.summary,
          ranges,
          rangesText: ranges.map(describeRange),
          matchedBy,
          fixedIn,
          links: linksOf(advisory),
          severity: advisory.severity as { type: string; score: string }[],
        });
        break; // one finding per advisory and pin, even when two entries match
      }
    }
  }
  return findings.sort(
    (a, b) => a.packageName.localeCompare(b.packageName) || a.advisoryId.localeCompare(b.advisoryId),
  );
}

/** Audit a locked stack against the graph's advisories (one query). */
export async function auditStack(db: SqlExecutor, stack: readonly LockedPackage[]): Promise<AuditReport> {
  const names = [...new Set(stack.map((p) => canonicalizeName(p.name)))];
  const advisories = await loadAdvisoriesForPackages(db, names);
  return { audited: stack.length, findings: auditAgainst(stack, advisories) };
}
