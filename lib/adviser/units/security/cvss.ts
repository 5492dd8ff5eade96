// CVSS v3.x base scores from vector strings (FIRST, CVSS v3.1 specification §7.1 and Appendix A), so
// the adviser can weigh an advisory by severity: OSV records carry only the vector, not the number.
// CVSS v4 vectors need the specification's lookup tables and are not scored here (severity unknown).

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
// Privileges Required weighs more when the scope changes (§7.4).
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/**
 * Round up to one decimal the way v3.1 Appendix A does: through integers, so 4.000000001 stays 4.0
 * instead of becoming 4.1 through floating-point error.
 */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

/** The base score (0.0–10.0) of a `CVSS:3.0/…` or `CVSS:3.1/…` vector; undefined when it is not one. */
export function cvssV3BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return undefined;
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [name, value] = part.split(':');
    if (name === undefined || value === undefined) return undefined;
    metrics.set(name, value);
  }
  const scope = metrics.get('S');
  const av = AV[metrics.get('AV') ?? ''];
  const ac = AC[metrics.get('AC') ?? ''];
  const pr = (scope === 'C' ? PR_CHANGED : PR_UNCHANGED)[metrics.get('PR') ?? ''];
  const ui = UI[metrics.get('UI') ?? ''];
  const c = CIA[metrics.get('C') ?? ''];
  const i = CIA[metrics.get('I') ?? ''];
  const a = CIA[metrics.get('A') ?? ''];
  if (scope !== 'U' && scope !== 'C') return undefined;
  if ([av, ac, pr, ui, c, i, a].some((m) => m === undefined)) return undefined;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

/** CVSS qualitative severity rating (v3.1 §5). */
export type SeverityLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';

export function severityLevel(score: number): SeverityLevel {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
