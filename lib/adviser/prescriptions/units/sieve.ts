// Sieve prescriptions. `sieve` removes every candidate matching match.package_version (typed as
// 'removed-by-unit' with the unit's name, so explanations say who removed it); `sieve.SkipPackage`
// drops the package and what only it pulls in (e.g. stdlib backports). stack_info and log fire once,
// and only when the sieve actually acted.
import type { PrescriptionSieveMatch, PrescriptionSieveUnit } from '../../../contracts/index.js';
import type { Unavailability } from '../../types.js';
import { SkipPackage } from '../../units/index.js';
import type { Sieve, UnitDefinition } from '../../units/index.js';
import { compilePackageVersion } from '../match.js';
import type { PrescriptionUnitSpec } from '../types.js';
import { describe, includeConfigurations, OncePerRun } from './common.js';
import type { UnitBuildOptions } from './common.js';

export function sieveDefinition(
  spec: PrescriptionUnitSpec,
  options: UnitBuildOptions,
): UnitDefinition<'sieve'> {
  const data = spec.data as PrescriptionSieveUnit;
  const reason = data.run.stack_info?.[0]?.message ?? data.run.log?.message;
  return {
    id: spec.id,
    type: 'sieve',
    description: describe(spec),
    shouldInclude: includeConfigurations(spec),
    create(configuration): Sieve {
      const match = (configuration.match ?? {}) as PrescriptionSieveMatch;
      const once = new OncePerRun(spec.id, data.run, options);
      if (data.type === 'sieve.SkipPackage') {
        const packageName = match.package_name!;
        return {
          name: spec.id,
          packageName,
          run(candidates, context) {
            if (candidates.length === 0) return new Map();
            once.fire(context, packageName);
            throw new SkipPackage(reason ?? `${packageName} is not needed here`, { unit: spec.id });
          },
        };
      }
      const pv = match.package_version ?? {};
      const matches = compilePackageVersion(pv);
      const detail = `${spec.id}: ${reason ?? `prescription removes ${pv.name ?? 'packages'}${pv.version ?? ''}`}`;
      return {
        name: spec.id,
        packageName: pv.name,
        run(candidates, context) {
          const removed = new Map<string, Unavailability>();
          for (const c of candidates) {
            if (matches({ name: c.name, version: c.version, parsed: c.parsed, indexUrl: c.release.indexUrl }))
              removed.set(c.version, { reason: 'removed-by-unit', detail });
          }
          if (removed.size > 0) once.fire(context, pv.name);
          return removed;
        },
      };
    },
  };
}
