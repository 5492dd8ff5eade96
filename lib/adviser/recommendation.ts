// What each recommendation type changes (reference §5): the predictor, the search bounds, and how
// security knowledge is used. `security` removes every release an advisory affects (CveSieve, minus
// the `allow-cve` label) and scores bandit findings; `stable` and `performance` keep such releases
// but penalize them per advisory (CvePenalizationStep), so a safer stack wins when one exists;
// `latest` and `testing` only report advisories. The VersionDistanceStep weight differs as well.
import type { RecommendationType } from '../contracts/index.js';

/** How a recommendation type treats advisories and security indicators. */
export interface SecurityPolicy {
  /**
   * 'remove': CveSieve drops affected releases before resolution (the derivation names the
   * advisories when nothing else is left); 'penalize': CvePenalizationStep gives `−penalty × severity
   * weight` per advisory; 'report': the same step at 0, justification only.
   */
  advisories: 'remove' | 'penalize' | 'report';
  /** Reward per advisory of medium or unknown severity (the original's −0.2 per CVE). */
  penalty: number;
  /** Whether SecurityIndicatorStep scores bandit findings of the release's sources. */
  securityIndicators: boolean;
}

export interface RecommendationProfile {
  predictor: string;
  /** Default for `limit`: final states to collect (1 = the complete resolver's stack only). */
  limit: number;
  count: number;
  security: SecurityPolicy;
}

export const PROFILES: Readonly<Record<RecommendationType, RecommendationProfile>> = {
  latest: {
    predictor: 'approximating-latest',
    limit: 1,
    count: 1,
    security: { advisories: 'report', penalty: 0, securityIndicators: false },
  },
  stable: {
    predictor: 'temporal-difference',
    limit: 100,
    count: 3,
    security: { advisories: 'penalize', penalty: 0.2, securityIndicators: true },
  },
  testing: {
    predictor: 'temporal-difference',
    limit: 100,
    count: 3,
    security: { advisories: 'report', penalty: 0, securityIndicators: false },
  },
  performance: {
    predictor: 'temporal-difference',
    limit: 100,
    count: 3,
    security: { advisories: 'penalize', penalty: 0.2, securityIndicators: false },
  },
  // The original stopped at the first stack (limit 1); exploring lets bandit findings steer the
  // choice among the releases CveSieve left.
  security: {
    predictor: 'temporal-difference',
    limit: 100,
    count: 1,
    security: { advisories: 'remove', penalty: 0, securityIndicators: true },
  },
};
