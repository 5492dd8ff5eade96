// SecurityIndicatorStep: the weighted bandit density and its score, a no-op without data, and through
// advise() the security type stepping back from a release whose sources have high-severity findings.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, inMemoryKnowledge, req } from '../../__fixtures__/security/scenario.js';
import { advise } from '../../advise.js';
import type { ReleaseSecurityIndicators } from '../../types.js';
import { SATURATION, summarize } from './security-indicators.js';

const LEVELS = ['undefined', 'low', 'medium', 'high'] as const;

function indicators(
  counts: Partial<Record<(typeof LEVELS)[number], Partial<Record<(typeof LEVELS)[number], number>>>>,
  pythonLinesOfCode: number | null,
): ReleaseSecurityIndicators {
  const bySeverity = Object.fromEntries(
    LEVELS.map((s) => [s, Object.fromEntries(LEVELS.map((c) => [c, counts[s]?.[c] ?? 0]))]),
  );
  return { documentId: 'security-indicator-test', bySeverity, filesAnalyzed: 3, pythonLinesOfCode };
}

describe('SecurityIndicatorStep', () => {
  it.each([
    // severity × confidence weights (1/10/100 × 0.1/0.5/1) per 1,000 lines, at least one
    { counts: { high: { high: 1 } }, loc: 1000, density: 100 },
    { counts: { high: { high: 1 } }, loc: 10_000, density: 10 },
    { counts: { low: { high: 7 }, medium: { medium: 2 } }, loc: 500, density: 17 },
    { counts: { undefined: { high: 5 }, low: { undefined: 5 } }, loc: 2000, density: 0 },
    { counts: { medium: { low: 4 } }, loc: null, density: 4 },
  ])('weighs $counts in $loc lines as $density per kLOC', ({ counts, loc, density }) => {
    expect(summarize(indicators(counts, loc)).density).toBeCloseTo(density, 10);
  });

  it('lets the security type prefer older sources without high-severity findings', async () => {
    const flagged = indicators({ high: { high: 2 }, low: { high: 3 } }, 1500);
    // web 1.2 would cost the full weight: 2 high/high findings in 1,500 lines exceed the saturation.
    expect(summarize(flagged).density).toBeGreaterThan(SATURATION);
    const knowledge = await inMemoryKnowledge({
      'web==1.2': { securityIndicators: flagged },
      'web==1.1': { securityIndicators: indicators({ low: { medium: 1 } }, 1400) },
    });
    const outcome = await advise({
      knowledge,
      environment: ENVIRONMENT,
      requirements: [req('web')],
      recommendationType: 'security',
    });
    const product = outcome.products[0]!;
    expect(product.lock.packages.map((p) => `${p.name}==${p.version}`)).toEqual(['helper==1.0', 'web==1.1']);
    expect(product.justification).toContainEqual({
      type: 'info',
      message:
        'bandit reports 0 high-severity (0 with high confidence), 0 medium and 1 low-severity findings in web 1.1 in 1,400 lines of Python; score -0.002.',
      link: 'si_bandit',
      package_name: 'web',
      unit: 'SecurityIndicatorStep',
    });
  });

  it('does nothing without data and is not part of latest, testing or performance', async () => {
    const knowledge = await inMemoryKnowledge({
      'web==1.4': { securityIndicators: indicators({ high: { high: 9 } }, 100) },
    });
    for (const recommendationType of ['latest', 'testing', 'performance'] as const) {
      const outcome = await advise({
        knowledge,
        environment: ENVIRONMENT,
        requirements: [req('web')],
        recommendationType,
        limits: { limit: 1 },
      });
      expect(outcome.products[0]!.justification.filter((j) => j.unit === 'SecurityIndicatorStep')).toEqual(
        [],
      );
    }
    const plain = await advise({
      knowledge: await inMemoryKnowledge(),
      environment: ENVIRONMENT,
      requirements: [req('web')],
      recommendationType: 'security',
    });
    expect(plain.products[0]!.justification.filter((j) => j.unit === 'SecurityIndicatorStep')).toEqual([]);
    expect(plain.products[0]!.score).toBe(0);
  });
});
