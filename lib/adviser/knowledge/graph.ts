// A KnowledgeSource over the knowledge graph: one bulk read per batch of packages (lib/graph's
// loadPackages / loadClosure), cached for the run. The original issued several queries per expansion.
// Each batch also reads, in one query each, the advisories linked to its releases and their newest
// security-indicator aggregates, which the security units read from the candidates.
import {
  loadClosure,
  loadPackages,
  loadReleaseAdvisories,
  loadSecurityIndicators,
} from '../../graph/index.js';
import type { KnownRelease, SqlExecutor } from '../../graph/index.js';
import { canonicalizeName } from '../../python/index.js';
import type { AdviserRelease, KnowledgeSource } from '../types.js';
import { withSecurity } from './security.js';

export interface GraphKnowledgeOptions {
  /** Read advisories and security indicators with the releases (default true). */
  security?: boolean;
}

export class GraphKnowledgeSource implements KnowledgeSource {
  private readonly db: SqlExecutor;
  private readonly environmentKey: string;
  private readonly security: boolean;
  private readonly cache = new Map<string, readonly AdviserRelease[]>();
  /** Bulk queries issued so far. */
  queries = 0;

  constructor(db: SqlExecutor, environmentKey: string, options: GraphKnowledgeOptions = {}) {
    this.db = db;
    this.environmentKey = environmentKey;
    this.security = options.security ?? true;
  }

  /** Caches `packages`, with their security knowledge joined on (two queries for the whole batch). */
  private async store(packages: ReadonlyMap<string, readonly KnownRelease[]>): Promise<void> {
    const names = [...packages.keys()].filter((n) => !this.cache.has(n));
    if (names.length === 0) return;
    if (!this.security) {
      for (const name of names) this.cache.set(name, packages.get(name) ?? []);
      return;
    }
    const advisories = await loadReleaseAdvisories(this.db, names);
    const indicators = await loadSecurityIndicators(this.db, names);
    this.queries += 2;
    const joined = withSecurity(
      names.flatMap((name) => packages.get(name) ?? []),
      advisories,
      indicators,
    );
    const grouped = new Map(names.map((name) => [name, [] as AdviserRelease[]]));
    for (const release of joined) grouped.get(release.name)?.push(release);
    for (const [name, releases] of grouped) this.cache.set(name, releases);
  }

  /** Loads the whole dependency closure of `roots` up front (one query per breadth-first level). */
  async warm(roots: readonly string[], maxPackages?: number): Promise<void> {
    const names = roots.map((n) => canonicalizeName(n)).filter((n) => !this.cache.has(n));
    if (names.length === 0) return;
    const { packages, queries } = await loadClosure(this.db, names, this.environmentKey, { maxPackages });
    this.queries += queries;
    await this.store(packages);
  }

  async prefetch(names: readonly string[]): Promise<void> {
    const missing = [...new Set(names.map((n) => canonicalizeName(n)))].filter((n) => !this.cache.has(n));
    if (missing.length === 0) return;
    const loaded = await loadPackages(this.db, missing, this.environmentKey);
    this.queries++;
    await this.store(new Map(missing.map((name) => [name, loaded.get(name) ?? []])));
  }

  async releases(name: string): Promise<readonly AdviserRelease[]> {
    const key = canonicalizeName(name);
    if (!this.cache.has(key)) await this.prefetch([key]);
    return this.cache.get(key) ?? [];
  }
}
