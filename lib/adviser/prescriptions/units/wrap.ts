// Wrap prescriptions: on a product whose state matches match.state, add justifications; the
// wrap.GHReleaseNotes variant links the GitHub release of the matched package's resolved version.
import type { PrescriptionFinalStateMatch, PrescriptionWrapUnit } from '../../../contracts/index.js';
import type { UnitDefinition, Wrap } from '../../units/index.js';
import { compileResolvedDependencies } from '../match.js';
import type { PrescriptionUnitSpec } from '../types.js';
import { describe, includeConfigurations, OncePerRun, toJustification } from './common.js';
import type { PrescriptionRunContext, UnitBuildOptions } from './common.js';

export function wrapDefinition(
  spec: PrescriptionUnitSpec,
  options: UnitBuildOptions,
): UnitDefinition<'wrap'> {
  const data = spec.data as PrescriptionWrapUnit;
  return {
    id: spec.id,
    type: 'wrap',
    description: describe(spec),
    shouldInclude: includeConfigurations(spec),
    create(configuration): Wrap {
      const deps = (configuration.match as PrescriptionFinalStateMatch | undefined)?.state
        .resolved_dependencies;
      let context: PrescriptionRunContext | undefined;
      const matches = compileResolvedDependencies(deps, (n, v) => context?.indexOf?.(n, v) ?? null);
      const once = new OncePerRun(spec.id, data.run, options);
      const packageName = deps?.[0]?.name;
      return {
        name: spec.id,
        packageName,
        run(state, unitContext) {
          context = unitContext as PrescriptionRunContext;
          if (!matches(state)) return;
          once.fire(unitContext, packageName);
          for (const m of data.run.justification ?? [])
            state.justification.push(toJustification(m, spec.id, packageName));
          const notes = data.run.release_notes;
          if (notes !== undefined && packageName !== undefined) {
            const version = state.resolved.get(packageName)!;
            state.justification.push({
              type: 'info',
              message: `Release notes of ${packageName} ${version}.`,
              link: `https://github.com/${notes.organization}/${notes.repository}/releases/tag/${notes.tag_version_prefix ?? ''}${version}`,
              package_name: packageName,
              unit: spec.id,
            });
          }
        },
      };
    },
  };
}
