// PyPIReleaseWrap: links every package installed from PyPI to its release page (reference §3.4), so
// each product explains where each pin comes from.
import type { UnitDefinition, Wrap } from '../types.js';

export const id = 'PyPIReleaseWrap';
export const description = 'Adds a link to the PyPI release page of each package taken from PyPI';

const PYPI = /^https?:\/\/pypi\.org\/simple\/?$/;

export const unit = {
  id,
  type: 'wrap',
  description,
  shouldInclude: () => [{}],
  create: (configuration): Wrap => {
    const indexes = (configuration.index_urls ?? {}) as Record<string, string>;
    return {
      name: id,
      run(state) {
        for (const [name, version] of [...state.resolved].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const index = indexes[name];
          if (index !== undefined && !PYPI.test(index)) continue;
          state.justification.push({
            type: 'info',
            message: `${name} ${version} release notes and files are on PyPI.`,
            link: `https://pypi.org/project/${name}/${version}/`,
            package_name: name,
            unit: id,
          });
        }
      },
    };
  },
} satisfies UnitDefinition<'wrap'>;
