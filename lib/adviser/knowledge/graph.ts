// A KnowledgeSource over the knowledge graph: one bulk read per batch of packages (lib/graph's
// loadPackages / loadClosure), cached for the run. The original issued several queries per expansion.
import { loadClosure, loadPackages } from '../../graph/index.js';
import type { SqlExecutor } from '../../graph/index.js';
import { canonicalizeName } from '../../python/index.js';
import type { AdviserRelease, KnowledgeSource } from '../types.js';

export class GraphKnowledgeSource implements KnowledgeSource {
  private readonly db: SqlExecutor;
  private readonly environmentKey: string;
  private readonly cache = new Map<string, readonly AdviserRelease[]>();
  /** Bulk queries issued so far. */
  queries = 0;

  constructor(db: SqlExecutor, environmentKey: string) {
    this.db = db;
    this.environmentKey = environmentKey;
  }

  /** Loads the whole dependency closure of `roots` up front (one query per breadth-first level). */
  async warm(roots: readonly string[], maxPackages?: number): Promise<void> {
    const names = roots.map((n) => canonicalizeName(n)).filter((n) => !this.cache.has(n));
    if (names.length === 0) return;
    const { packages, queries } = await loadClosure(this.db, names, this.environmentKey, { maxPackages });
    this.queries += queries;
    for (const [name, releases] of packages) if (!this.cache.has(name)) this.cache.set(name, releases);
  }

  async prefetch(names: readonly string[]): Promise<void> {
    const missing = [...new Set(names.map((n) => canonicalizeName(n)))].filter((n) => !this.cache.has(n));
    if (missing.length === 0) return;
    const loaded = await loadPackages(this.db, missing, this.environmentKey);
    this.queries++;
    for (const name of missing) this.cache.set(name, loaded.get(name) ?? []);
  }

  async releases(name: string): Promise<readonly AdviserRelease[]> {
    const key = canonicalizeName(name);
    if (!this.cache.has(key)) await this.prefetch([key]);
    return this.cache.get(key) ?? [];
  }
}
