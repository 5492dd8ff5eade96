// AliasPseudonym: offers a configured alternative package for another (e.g. intel-tensorflow for
// tensorflow). Explicit configuration only, as in the original (`_debug` unit).
import type { Pseudonym, UnitDefinition } from '../types.js';

export const id = 'AliasPseudonym';
export const description = 'Offers configured alias packages as alternatives to a package';

export const unit = {
  id,
  type: 'pseudonym',
  description,
  shouldInclude: () => [],
  create: (configuration): Pseudonym => {
    const packageName = String(configuration.package_name);
    const aliases = (configuration.aliases ?? []) as Array<{ name: string; version: string }>;
    return { name: id, packageName, run: () => aliases.map((a) => ({ ...a })) };
  },
} satisfies UnitDefinition<'pseudonym'>;
