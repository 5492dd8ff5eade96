// SecurityIndicatorStep (stable and security): scores the bandit findings of a release's sources, from
// its security-indicator aggregate. Findings weigh by severity (low 1, medium 10, high 100) times
// confidence (low 0.1, medium 0.5, high 1), the original's weights; the sum per 1,000 lines of Python
// (at least one) saturates at SATURATION, so the reward is −weight × min(1, density / SATURATION): one
// high-severity, high-confidence finding per 1,000 lines costs the whole weight. No data (never
// analysed, or the analysis failed) is a no-op: the original refused such packages for the security
// type, which turned missing knowledge into "no stack".
import type { ReleaseSecurityIndicators } from '../../types.js';
import type { Step, UnitDefinition } from '../types.js';
import { PROFILES } from '../../recommendation.js';

export const id = 'SecurityIndicatorStep';
export const description =
  'Penalizes releases whose sources have bandit findings, weighted by severity × confidence per kLOC';

const SEVERITY: Readonly<Record<string, number>> = { low: 1, medium: 10, high: 100 };
const CONFIDENCE: Readonly<Record<string, number>> = { low: 0.1, medium: 0.5, high: 1 };
/** Weighted findings per 1,000 lines of Python at which the penalty is full. */
export const SATURATION = 100;

export interface BanditSummary {
  /** Severity × confidence weighted findings per 1,000 lines of Python. */
  density: number;
  high: number;
  highConfident: number;
  medium: number;
  low: number;
}

/** Weighted density and counts by severity (UNDEFINED levels carry no information and weigh 0). */
export function summarize(indicators: ReleaseSecurityIndicators): BanditSummary {
  let weighted = 0;
  const bySeverity = (level: string): number =>
    Object.values(indicators.bySeverity[level] ?? {}).reduce((sum, n) => sum + n, 0);
  for (const [severity, confidences] of Object.entries(indicators.bySeverity)) {
    for (const [confidence, count] of Object.entries(confidences)) {
      weighted += (SEVERITY[severity] ?? 0) * (CONFIDENCE[confidence] ?? 0) * count;
    }
  }
  const kloc = Math.max(1, (indicators.pythonLinesOfCode ?? 0) / 1000);
  return {
    density: weighted / kloc,
    high: bySeverity('high'),
    highConfident: indicators.bySeverity['high']?.['high'] ?? 0,
    medium: bySeverity('medium'),
    low: bySeverity('low'),
  };
}

export const unit = {
  id,
  type: 'step',
  description,
  shouldInclude: (builder) =>
    PROFILES[builder.recommendationType].security.securityIndicators ? [{ weight: 0.5 }] : [],
  create: (configuration): Step => {
    const weight = Number(configuration.weight ?? 0.5);
    return {
      name: id,
      run(_state, candidate) {
        const indicators = candidate.release.securityIndicators;
        if (indicators === undefined) return null;
        const s = summarize(indicators);
        if (s.density === 0) return null;
        const score = -weight * Math.min(1, s.density / SATURATION);
        const lines =
          indicators.pythonLinesOfCode === null
            ? ''
            : ` in ${indicators.pythonLinesOfCode.toLocaleString('en-US')} lines of Python`;
        return {
          score,
          justification: [
            {
              type: s.high > 0 ? 'warning' : 'info',
              message: `bandit reports ${s.high} high-severity (${s.highConfident} with high confidence), ${s.medium} medium and ${s.low} low-severity findings in ${candidate.name} ${candidate.version}${lines}; score ${score.toFixed(3)}.`,
              link: 'si_bandit',
              package_name: candidate.name,
              unit: id,
            },
          ],
        };
      },
    };
  },
} satisfies UnitDefinition<'step'>;
