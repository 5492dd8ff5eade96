// ConstraintsSieve: one instance per constraint (pip constraints semantics: restrict a package if
// it is in the stack, never add it); removes candidates outside the constraint's specifier.
import { canonicalizeName, tryParseSpecifierSet } from '../../../python/index.js';
import type { Unavailability } from '../../types.js';
import type { Sieve, UnitDefinition } from '../types.js';

export const id = 'ConstraintsSieve';
export const description = 'Removes candidates outside a constraint (one instance per constraint)';

export const unit = {
  id,
  type: 'sieve',
  description,
  shouldInclude: (builder) =>
    builder.constraints.map((c) => ({ package_name: c.name, specifier: c.specifier })),
  create: (configuration): Sieve => {
    const packageName = canonicalizeName(String(configuration.package_name));
    const specifierText = String(configuration.specifier);
    const specifier = tryParseSpecifierSet(specifierText);
    return {
      name: id,
      packageName,
      run(candidates) {
        const removed = new Map<string, Unavailability>();
        for (const c of candidates) {
          if (specifier === undefined || !specifier.contains(c.parsed, { prereleases: true })) {
            removed.set(c.version, {
              reason: 'removed-by-unit',
              detail: `${id}: constraint ${packageName}${specifierText}`,
            });
          }
        }
        return removed;
      },
    };
  },
} satisfies UnitDefinition<'sieve'>;
