// The correctness gate: checks a lock (name → version pins) against the corpus it was resolved from,
// independently of whoever produced it. Every pin must be a release of the corpus whose
// Requires-Python admits the environment's Python; every root and every dependency edge active in
// the environment (markers evaluated, extras followed from what actually requests them) must be
// pinned to a version its specifier admits. Pre-releases are allowed in the check: specifiers
// decide membership, the pre-release policy is each tool's own business.
import type { Corpus, CorpusRelease } from '../../lib/index/index.js';
import { parseCoreMetadata } from '../../lib/index/index.js';
import {
  canonicalizeName,
  compareVersions,
  InvalidSpecifierError,
  isPythonCompatible,
  normalizeExtra,
  tryParseRequirement,
  tryParseVersion,
} from '../../lib/python/index.js';
import type { MarkerEnvironment, Requirement } from '../../lib/python/index.js';

export type Lock = ReadonlyMap<string, string>;

export interface GateVerdict {
  valid: boolean;
  pins: number;
  /** One line per violation. */
  problems: string[];
}

function findRelease(corpus: Corpus, name: string, version: string): CorpusRelease | undefined {
  const project = corpus.projects.get(name);
  if (project === undefined) return undefined;
  const wanted = tryParseVersion(version);
  return project.releases.find((r) => {
    const v = tryParseVersion(r.version);
    return v !== undefined && wanted !== undefined ? compareVersions(v, wanted) === 0 : r.version === version;
  });
}

/**
 * Whether Requires-Python admits `python`. A malformed value (`>=2.7,!=3.0*`, seen in jupyter's
 * closure) is ignored, as pip and the adviser ignore it: it cannot exclude anything.
 */
function admitsPython(requiresPython: string, python: string): boolean {
  try {
    return isPythonCompatible(requiresPython, python);
  } catch (error) {
    if (error instanceof InvalidSpecifierError) return true;
    throw error;
  }
}

function active(requirement: Requirement, env: MarkerEnvironment, extras: ReadonlySet<string>): boolean {
  if (requirement.marker === undefined) return true;
  if (requirement.marker.evaluate(env)) return true;
  for (const extra of extras)
    if (requirement.marker.evaluate({ ...env, extra } as MarkerEnvironment)) return true;
  return false;
}

/** Check `lock` for `roots` in `env` (python_full_version taken from it) against `corpus`. */
export function checkLock(
  corpus: Corpus,
  roots: readonly string[],
  env: MarkerEnvironment,
  lock: Lock,
): GateVerdict {
  const problems: string[] = [];
  const python = (env as unknown as Record<string, string>)['python_full_version']!;
  const pins = new Map<string, string>();
  for (const [name, version] of lock) pins.set(canonicalizeName(name), version);
  const requires = new Map<string, Requirement[]>();
  for (const [name, version] of pins) {
    const release = findRelease(corpus, name, version);
    if (release === undefined) {
      problems.push(`${name}==${version} is not a release in the corpus`);
      continue;
    }
    if (release.metadata === undefined) {
      problems.push(
        `${name}==${version} has no metadata in the corpus (${release.unavailable?.reason ?? '?'})`,
      );
      continue;
    }
    const metadata = parseCoreMetadata(release.metadata, {
      filename: release.metadata_file ?? name,
      source: 'pep658',
    });
    if (metadata.requiresPython !== undefined && !admitsPython(metadata.requiresPython, python))
      problems.push(
        `${name}==${version} requires Python ${metadata.requiresPython}, environment has ${python}`,
      );
    const parsed: Requirement[] = [];
    for (const line of metadata.requiresDist) {
      const requirement = tryParseRequirement(line);
      if (requirement === undefined)
        problems.push(`${name}==${version}: unparsable Requires-Dist ${JSON.stringify(line)}`);
      else parsed.push(requirement);
    }
    requires.set(name, parsed);
  }
  // Extras are activated by edges that are themselves active: iterate to a fixed point.
  const extras = new Map<string, Set<string>>();
  const edges: { from: string; requirement: Requirement }[] = [];
  for (const root of roots) {
    const requirement = tryParseRequirement(root);
    if (requirement === undefined) problems.push(`root ${JSON.stringify(root)} does not parse`);
    else edges.push({ from: '<root>', requirement });
  }
  const seen = new Set<string>();
  for (let i = 0; i < edges.length; i++) {
    const { from, requirement } = edges[i]!;
    const fromExtras = extras.get(from) ?? new Set<string>();
    if (!active(requirement, env, fromExtras)) continue;
    const to = canonicalizeName(requirement.name);
    const key = `${from}\u0000${requirement.toString()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const version = pins.get(to);
    if (version === undefined) {
      problems.push(`${from} requires ${requirement.toString()}, which is not pinned`);
      continue;
    }
    const parsed = tryParseVersion(version);
    if (parsed === undefined || !requirement.specifier.contains(parsed, { prereleases: true }))
      problems.push(`${from} requires ${requirement.toString()}, but ${to}==${version} is pinned`);
    const toExtras = extras.get(to) ?? new Set<string>();
    extras.set(to, toExtras);
    const fresh = requirement.extras.map((e) => normalizeExtra(e)).filter((e) => !toExtras.has(e));
    const firstVisit = !seen.has(`visited\u0000${to}`);
    seen.add(`visited\u0000${to}`);
    for (const extra of fresh) toExtras.add(extra);
    if (firstVisit || fresh.length > 0)
      for (const dependency of requires.get(to) ?? []) edges.push({ from: to, requirement: dependency });
  }
  return { valid: problems.length === 0, pins: pins.size, problems };
}
