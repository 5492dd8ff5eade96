// Boot prescriptions: run once before resolution (for a package-specific boot, only when the package
// is a direct dependency); add stack_info, log, abort (not_acceptable) or stop (eager_stop_pipeline).
import type { PrescriptionBootMatch, PrescriptionBootUnit } from '../../../contracts/index.js';
import { EagerStopPipeline, NotAcceptable } from '../../units/index.js';
import type { Boot, UnitDefinition } from '../../units/index.js';
import type { PrescriptionUnitSpec } from '../types.js';
import { describe, includeConfigurations, OncePerRun } from './common.js';
import type { UnitBuildOptions } from './common.js';

export function bootDefinition(
  spec: PrescriptionUnitSpec,
  options: UnitBuildOptions,
): UnitDefinition<'boot'> {
  const data = spec.data as PrescriptionBootUnit;
  return {
    id: spec.id,
    type: 'boot',
    description: describe(spec),
    shouldInclude: includeConfigurations(spec),
    create(configuration): Boot {
      const packageName = (configuration.match as PrescriptionBootMatch | undefined)?.package_name;
      const once = new OncePerRun(spec.id, data.run, options);
      return {
        name: spec.id,
        packageName,
        run(context) {
          once.fire(context, packageName);
          if (data.run.not_acceptable !== undefined)
            throw new NotAcceptable(data.run.not_acceptable, { unit: spec.id });
          if (data.run.eager_stop_pipeline !== undefined)
            throw new EagerStopPipeline(data.run.eager_stop_pipeline, { unit: spec.id });
        },
      };
    },
  };
}
