// Stride prescriptions: on a final state matching match.state, discard it (not_acceptable) or stop
// the search after accepting it (eager_stop_pipeline); stack_info and log fire once.
import type { PrescriptionFinalStateMatch, PrescriptionStrideUnit } from '../../../contracts/index.js';
import { EagerStopPipeline, NotAcceptable } from '../../units/index.js';
import type { Stride, UnitDefinition } from '../../units/index.js';
import { compileResolvedDependencies } from '../match.js';
import type { PrescriptionUnitSpec } from '../types.js';
import { describe, includeConfigurations, OncePerRun } from './common.js';
import type { PrescriptionRunContext, UnitBuildOptions } from './common.js';

export function strideDefinition(
  spec: PrescriptionUnitSpec,
  options: UnitBuildOptions,
): UnitDefinition<'stride'> {
  const data = spec.data as PrescriptionStrideUnit;
  return {
    id: spec.id,
    type: 'stride',
    description: describe(spec),
    shouldInclude: includeConfigurations(spec),
    create(configuration): Stride {
      const deps = (configuration.match as PrescriptionFinalStateMatch | undefined)?.state
        .resolved_dependencies;
      let context: PrescriptionRunContext | undefined;
      const matches = compileResolvedDependencies(deps, (n, v) => context?.indexOf?.(n, v) ?? null);
      const once = new OncePerRun(spec.id, data.run, options);
      return {
        name: spec.id,
        packageName: deps?.[0]?.name,
        run(state, unitContext) {
          context = unitContext as PrescriptionRunContext;
          if (!matches(state)) return;
          once.fire(unitContext);
          if (data.run.not_acceptable !== undefined)
            throw new NotAcceptable(data.run.not_acceptable, { unit: spec.id });
          if (data.run.eager_stop_pipeline !== undefined)
            throw new EagerStopPipeline(data.run.eager_stop_pipeline, { unit: spec.id });
        },
      };
    },
  };
}
