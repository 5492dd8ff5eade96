// An in-memory KnowledgeSource for tests, packse scenarios and offline runs: releases given as data.
import { canonicalizeName } from '../../python/index.js';
import type { AdviserRelease, KnowledgeSource, KnownDependency } from '../types.js';

export class InMemoryKnowledgeSource implements KnowledgeSource {
  private readonly byName = new Map<string, AdviserRelease[]>();
  /** Names asked for, in order (lets tests check what a run needed). */
  readonly requested: string[] = [];

  constructor(releases: Iterable<AdviserRelease>) {
    for (const r of releases) {
      const name = canonicalizeName(r.name);
      const list = this.byName.get(name) ?? [];
      list.push({ ...r, name });
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
  };
}
