// Pseudonym prescriptions: for a candidate matching match.package_version, offer an alias package —
// in the matched version (yield_matched_version), in a locked version, or in every version the
// knowledge graph has for the alias. advise() turns the offers into alternative resolutions.
import type { PrescriptionPseudonymMatch, PrescriptionPseudonymUnit } from '../../../contracts/index.js';
import type { Pseudonym, UnitDefinition } from '../../units/index.js';
import { compilePackageVersion } from '../match.js';
import type { PrescriptionUnitSpec } from '../types.js';
import { describe, includeConfigurations, OncePerRun } from './common.js';
import type { PrescriptionRunContext, UnitBuildOptions } from './common.js';

export function pseudonymDefinition(
  spec: PrescriptionUnitSpec,
  options: UnitBuildOptions,
): UnitDefinition<'pseudonym'> {
  const data = spec.data as PrescriptionPseudonymUnit;
  const y = data.run.yield;
  const alias = y.package_version.name;
  const locked = y.package_version.locked_version?.replace(/^==\s*/, '');
  return {
    id: spec.id,
    type: 'pseudonym',
    description: describe(spec),
    shouldInclude: includeConfigurations(spec),
    create(configuration): Pseudonym {
      const pv = (configuration.match as PrescriptionPseudonymMatch).package_version;
      const matches = compilePackageVersion(pv);
      const once = new OncePerRun(spec.id, data.run, options);
      return {
        name: spec.id,
        packageName: pv.name!,
        run(candidate, context) {
          const indexUrl =
            (context as PrescriptionRunContext).indexOf?.(candidate.name, candidate.version) ?? null;
          if (!matches({ ...candidate, indexUrl })) return [];
          once.fire(context, candidate.name);
          if (y.yield_matched_version === true) return [{ name: alias, version: candidate.version }];
          if (locked !== undefined) return [{ name: alias, version: locked }];
          return context.latestVersions(alias).map((version) => ({ name: alias, version }));
        },
      };
    },
  };
}
