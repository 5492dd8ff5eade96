// Pseudonyms as alternative resolutions. The original cloned a state and swapped a package's
// candidates for the alias inside its search; here each (package -> alias) offer becomes a variant of
// the whole problem, resolved and searched like the original one: every dependency edge (and direct
// requirement) on the package is rewritten to the alias, and the alias is limited to the versions
// offered. Products of all variants compete on score.
import { canonicalizeName } from '../../python/index.js';
import type { KnowledgeSource, RootRequirement } from '../types.js';
import type { Pseudonym, UnitContext } from '../units/index.js';

export interface PseudonymVariant {
  /** The package replaced. */
  original: string;
  /** The alias replacing it. */
  alias: string;
  /** Alias versions offered, newest first as the original's candidates were. */
  versions: string[];
  /** Every offer kept the matched version number, so the edges' specifiers still apply to the alias. */
  sameVersions: boolean;
  /** The pseudonym units that made the offers. */
  units: string[];
}

/**
 * Runs the pipeline's pseudonyms on the usable candidates of the packages they are for (`candidates`
 * returns newest first, or undefined when the run never met the package) and groups the offers by
 * (package, alias).
 */
export function pseudonymVariants(
  pseudonyms: readonly Pseudonym[],
  candidates: (name: string) => readonly string[] | undefined,
  context: UnitContext,
): PseudonymVariant[] {
  const variants = new Map<string, PseudonymVariant>();
  for (const pseudonym of pseudonyms) {
    const name = canonicalizeName(pseudonym.packageName);
    for (const version of candidates(name) ?? []) {
      for (const offer of pseudonym.run({ name, version }, context)) {
        const alias = canonicalizeName(offer.name);
        if (alias === name) continue;
        const key = `${name}\u0000${alias}`;
        const variant = variants.get(key) ?? {
          original: name,
          alias,
          versions: [],
          sameVersions: true,
          units: [],
        };
        if (!variant.versions.includes(offer.version)) variant.versions.push(offer.version);
        if (offer.version !== version) variant.sameVersions = false;
        if (!variant.units.includes(pseudonym.name)) variant.units.push(pseudonym.name);
        variants.set(key, variant);
      }
    }
  }
  return [...variants.values()];
}

/** The knowledge of a variant: edges to the original package point at the alias, limited to its offers. */
export function aliasKnowledge(base: KnowledgeSource, variant: PseudonymVariant): KnowledgeSource {
  const offered = new Set(variant.versions);
  const rewrite = (specifier: string): string => (variant.sameVersions ? specifier : '');
  return {
    async releases(name) {
      const releases = await base.releases(name);
      if (canonicalizeName(name) === variant.alias) return releases.filter((r) => offered.has(r.version));
      return releases.map((r) =>
        r.dependencies.some((d) => canonicalizeName(d.name) === variant.original)
          ? {
              ...r,
              dependencies: r.dependencies.map((d) =>
                canonicalizeName(d.name) === variant.original
                  ? { ...d, name: variant.alias, specifier: rewrite(d.specifier) }
                  : d,
              ),
            }
          : r,
      );
    },
    ...(base.prefetch === undefined ? {} : { prefetch: (names) => base.prefetch!(names) }),
  };
}

/** The direct requirements of a variant. */
export function aliasRequirements(
  requirements: readonly RootRequirement[],
  variant: PseudonymVariant,
): RootRequirement[] {
  return requirements.map((r) =>
    r.name === variant.original
      ? { ...r, name: variant.alias, specifier: variant.sameVersions ? r.specifier : '' }
      : r,
  );
}
