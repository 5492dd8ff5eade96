// CutPrereleasesSieve: removes every pre-release of packages the project does not explicitly allow.
// Stricter than the resolver's default policy (which uses a pre-release when nothing else fits), so
// it is opt-in: label `prereleases=disallow`; `allow-prereleases=<name>,<name>` exempts packages
// (the original's [thoth.allow_prereleases]).
import type { Unavailability } from '../../types.js';
import type { Sieve, UnitDefinition } from '../types.js';

export const id = 'CutPrereleasesSieve';
export const description =
  'Removes pre-releases unless the package is explicitly allowed (label prereleases=disallow)';

export const unit = {
  id,
  type: 'sieve',
  description,
  shouldInclude: (builder) => (builder.labels.prereleases === 'disallow' ? [{}] : []),
  create: (): Sieve => ({
    name: id,
    run(candidates, context) {
      const allowed = new Set((context.labels['allow-prereleases'] ?? '').split(',').map((s) => s.trim()));
      const removed = new Map<string, Unavailability>();
      for (const c of candidates) {
        if (c.parsed.isPrerelease && !allowed.has(c.name)) {
          removed.set(c.version, {
            reason: 'removed-by-unit',
            detail: `${id}: pre-releases are not allowed`,
          });
        }
      }
      return removed;
    },
  }),
} satisfies UnitDefinition<'sieve'>;
