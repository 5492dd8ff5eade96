// Step prescriptions: act when the candidate being added matches match.package_version and the state
// matches match.state (resolved_dependencies). `step` adds a score in [-1, 1] and justifications, or
// rejects the action (not_acceptable) or stops (eager_stop_pipeline); `step.SkipPackage` drops the
// candidate's package. Unlike the original, a step's justification is attached every time it fires,
// not only on its first firing of a run (which left later products unexplained).
import type { PrescriptionStepMatch, PrescriptionStepUnit } from '../../../contracts/index.js';
import { EagerStopPipeline, NotAcceptable, SkipPackage } from '../../units/index.js';
import type { Step, UnitDefinition } from '../../units/index.js';
import { compilePackageVersion, compileResolvedDependencies } from '../match.js';
import type { PrescriptionUnitSpec } from '../types.js';
import { describe, includeConfigurations, OncePerRun, toJustification } from './common.js';
import type { PrescriptionRunContext, UnitBuildOptions } from './common.js';

export function stepDefinition(
  spec: PrescriptionUnitSpec,
  options: UnitBuildOptions,
): UnitDefinition<'step'> {
  const data = spec.data as PrescriptionStepUnit;
  const run = data.run;
  return {
    id: spec.id,
    type: 'step',
    description: describe(spec),
    shouldInclude: includeConfigurations(spec),
    create(configuration): Step {
      const match = configuration.match as PrescriptionStepMatch;
      const candidateMatches = compilePackageVersion(match.package_version);
      let context: PrescriptionRunContext | undefined;
      const stateMatches = compileResolvedDependencies(
        match.state?.resolved_dependencies,
        (name, version) => context?.indexOf?.(name, version) ?? null,
      );
      const once = new OncePerRun(spec.id, run, options);
      return {
        name: spec.id,
        packageName: match.package_version.name,
        multiPackageResolution: run.multi_package_resolution === true,
        run(state, candidate, unitContext) {
          context = unitContext as PrescriptionRunContext;
          const c = {
            name: candidate.name,
            version: candidate.version,
            parsed: candidate.parsed,
            indexUrl: candidate.release.indexUrl,
          };
          if (!candidateMatches(c) || !stateMatches(state)) return null;
          once.fire(unitContext, candidate.name);
          if (run.not_acceptable !== undefined)
            throw new NotAcceptable(run.not_acceptable, { unit: spec.id });
          if (run.eager_stop_pipeline !== undefined)
            throw new EagerStopPipeline(run.eager_stop_pipeline, { unit: spec.id });
          if (data.type === 'step.SkipPackage')
            throw new SkipPackage(run.justification?.[0]?.message ?? `${candidate.name} is not needed here`, {
              unit: spec.id,
            });
          return {
            score: run.score ?? 0,
            justification: (run.justification ?? []).map((m) => toJustification(m, spec.id, candidate.name)),
          };
        },
      };
    },
  };
}
