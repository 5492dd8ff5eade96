// What each recommendation type changes (reference §5). For now only the predictor, the search
// bounds and the VersionDistanceStep weight differ: there are no CVE, security-indicator or
// performance units yet, so 'security' and 'performance' are 'stable' with other weights.
import type { RecommendationType } from '../contracts/index.js';

export interface RecommendationProfile {
  predictor: string;
  /** Default for `limit`: final states to collect (1 = the complete resolver's stack only). */
  limit: number;
  count: number;
}

export const PROFILES: Readonly<Record<RecommendationType, RecommendationProfile>> = {
  latest: { predictor: 'approximating-latest', limit: 1, count: 1 },
  stable: { predictor: 'temporal-difference', limit: 100, count: 3 },
  testing: { predictor: 'temporal-difference', limit: 100, count: 3 },
  performance: { predictor: 'temporal-difference', limit: 100, count: 3 },
  security: { predictor: 'temporal-difference', limit: 1, count: 1 },
};
