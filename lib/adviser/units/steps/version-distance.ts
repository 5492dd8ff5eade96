// VersionDistanceStep: scores how far a candidate is from the newest usable release of its package
// (0 for the newest, down to -weight for the oldest), so stable and latest prefer recent releases.
// The weight depends on the recommendation type (recommendation.ts sets how the types use security
// knowledge; there is no performance unit yet, so performance differs from stable only by weight and
// by not scoring security indicators).
import type { RecommendationType } from '../../../contracts/index.js';
import type { Step, UnitDefinition } from '../types.js';

export const id = 'VersionDistanceStep';
export const description = 'Penalizes candidates by their distance from the newest usable release';

export const WEIGHTS: Readonly<Record<RecommendationType, number>> = {
  latest: 1,
  stable: 0.5,
  testing: 0.25,
  performance: 0.4,
  security: 0.3,
};

export const unit = {
  id,
  type: 'step',
  description,
  shouldInclude: (builder) => [{ weight: WEIGHTS[builder.recommendationType] }],
  create: (configuration): Step => {
    const weight = Number(configuration.weight ?? 0.5);
    return {
      name: id,
      run(_state, candidate, context) {
        const versions = context.latestVersions(candidate.name);
        const rank = versions.indexOf(candidate.version);
        if (rank <= 0 || versions.length < 2) return null;
        return {
          score: -weight * (rank / (versions.length - 1)),
          justification: [
            {
              type: 'info',
              message: `${candidate.name} ${candidate.version} is ${rank} release(s) behind the newest usable ${candidate.name} ${versions[0]}.`,
              link: null,
              package_name: candidate.name,
              unit: id,
            },
          ],
        };
      },
    };
  },
} satisfies UnitDefinition<'step'>;
