// An in-memory KnowledgeSource for tests, packse scenarios and offline runs: releases given as data.
// Advisories can be given once, in OSV form, and are linked to the releases their ranges or lists
// match (lib/security's evaluation, as the OSV import links them in the graph).
import { canonicalizeName } from '../../python/index.js';
import { compileAffected, matchAffected } from '../../security/osv/ranges.js';
import type { OsvRange } from '../../security/osv/types.js';
import type {
  AdviserRelease,
  KnowledgeSource,
  KnownDependency,
  ReleaseAdvisory,
  ReleaseSecurityIndicators,
} from '../types.js';

/** An advisory in OSV form: entries name their package; linked to every release they match. */
export interface FixtureAdvisory extends Omit<
  ReleaseAdvisory,
  'affected' | 'summary' | 'severity' | 'link' | 'aliases'
> {
  aliases?: readonly string[];
  summary?: string | null;
  severity?: ReleaseAdvisory['severity'];
  link?: string | null;
  affected: readonly { packageName: string; ranges?: readonly OsvRange[]; versions?: readonly string[] }[];
}

export interface InMemoryKnowledgeOptions {
  /** Advisories linked to the releases they affect (on top of any a release already carries). */
  advisories?: readonly FixtureAdvisory[];
}

function linkAdvisories(release: AdviserRelease, advisories: readonly FixtureAdvisory[]): ReleaseAdvisory[] {
  const out: ReleaseAdvisory[] = [];
  for (const a of advisories) {
    const entries = a.affected
      .filter((e) => canonicalizeName(e.packageName) === release.name)
      .map((e) => ({ ranges: [...(e.ranges ?? [])], versions: [...(e.versions ?? [])] }));
    if (!entries.some((e) => matchAffected(compileAffected(e), release.version) !== undefined)) continue;
    out.push({
      id: a.id,
      aliases: a.aliases ?? [],
      summary: a.summary ?? null,
      severity: a.severity ?? [],
      link: a.link ?? `https://osv.dev/vulnerability/${a.id}`,
      affected: entries,
    });
  }
  return out;
}

export class InMemoryKnowledgeSource implements KnowledgeSource {
  private readonly byName = new Map<string, AdviserRelease[]>();
  /** Names asked for, in order (lets tests check what a run needed). */
  readonly requested: string[] = [];

  constructor(releases: Iterable<AdviserRelease>, options: InMemoryKnowledgeOptions = {}) {
    const advisories = options.advisories ?? [];
    for (const r of releases) {
      const name = canonicalizeName(r.name);
      const list = this.byName.get(name) ?? [];
      const release = { ...r, name };
      if (advisories.length > 0) {
        const linked = linkAdvisories(release, advisories);
        if (linked.length > 0 || release.advisories === undefined)
          release.advisories = [...(release.advisories ?? []), ...linked];
      }
      list.push(release);
      this.byName.set(name, list);
    }
  }

  releases(name: string): Promise<readonly AdviserRelease[]> {
    this.requested.push(name);
    return Promise.resolve(this.byName.get(canonicalizeName(name)) ?? []);
  }
}

/** Shorthand for a fixture release: a solved, installable release on PyPI unless overridden. */
export interface ReleaseSpec {
  requires?: readonly string[];
  /** Extra name -> requirements it adds. */
  extras?: Readonly<Record<string, readonly string[]>>;
  requiresPython?: string | null;
  yanked?: boolean;
  installable?: boolean | null;
  reason?: string | null;
  isMissing?: boolean;
  indexUrl?: string;
  hashes?: readonly string[];
  /** Advisories affecting this release (see also InMemoryKnowledgeOptions.advisories). */
  advisories?: readonly ReleaseAdvisory[];
  securityIndicators?: ReleaseSecurityIndicators;
}

const REQUIREMENT = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*([^;]*?)\s*(?:;\s*(.*))?$/;

/** Splits `name[extras] specifier; marker` into a KnownDependency (no validation: fixtures only). */
export function dependencyFromText(text: string, activatingExtra: string | null = null): KnownDependency {
  const m = REQUIREMENT.exec(text);
  if (m === null) throw new Error(`fixture requirement ${JSON.stringify(text)} is not understood`);
  return {
    name: canonicalizeName(m[1]!),
    specifier: (m[3] ?? '').replace(/\s+/g, ''),
    extras: (m[2] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== ''),
    marker: m[4] === undefined || m[4] === '' ? null : m[4],
    activatingExtra,
    markerResult: null,
  };
}

/** Builds a fixture release. */
export function fixtureRelease(name: string, version: string, spec: ReleaseSpec = {}): AdviserRelease {
  const dependencies = (spec.requires ?? []).map((t) => dependencyFromText(t));
  for (const [extra, reqs] of Object.entries(spec.extras ?? {})) {
    for (const t of reqs) dependencies.push(dependencyFromText(t, canonicalizeName(extra)));
  }
  return {
    name: canonicalizeName(name),
    version,
    indexUrl: spec.indexUrl ?? 'https://pypi.org/simple',
    requiresPython: spec.requiresPython ?? null,
    yanked: spec.yanked ?? false,
    isMissing: spec.isMissing ?? false,
    providesSourceDistro: true,
    uploadTime: null,
    installable: spec.installable === undefined ? true : spec.installable,
    reason: spec.reason ?? null,
    hashes: [...(spec.hashes ?? [])],
    dependencies,
    ...(spec.advisories === undefined ? {} : { advisories: spec.advisories }),
    ...(spec.securityIndicators === undefined ? {} : { securityIndicators: spec.securityIndicators }),
  };
}
