// Answers to project-page lookups kept in memory for a short time and shared between clients in one
// process. `thoth advise` runs every thoth-solve workflow of a learning run in its own process (the
// local engine runs steps in process), and each solve reads the pages of the release's dependencies:
// without sharing, jupyter's cold run read 6,749 pages for 96 packages. In the cluster each step is its own process, so the memo only ever
// holds that step's pages. Entries are the client's parsed lookups, shared, never mutated.
import type { ProjectLookup } from './types.js';

export interface PageMemoOptions {
  /** How long an answer is reused (default 60 s: a learning round, not a day). */
  ttlMs?: number;
  /** Most answers kept; the oldest go first (default 10,000). */
  maxEntries?: number;
  /** Clock (ms). */
  now?: () => number;
}

export class PageMemo {
  private readonly entries = new Map<string, { at: number; lookup: Promise<ProjectLookup> }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Lookups answered from the memo (a pending lookup counts: it is not fetched twice). */
  hits = 0;

  constructor(options: PageMemoOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The memoized answer for `key`, else `load()`'s, kept unless it fails. */
  lookup(key: string, load: () => Promise<ProjectLookup>): Promise<ProjectLookup> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry !== undefined && now - entry.at < this.ttlMs) {
      this.hits++;
      return entry.lookup;
    }
    const lookup = load();
    this.entries.delete(key);
    this.entries.set(key, { at: now, lookup });
    // A failed lookup (index unreachable, rejected) is not an answer: the next caller asks again.
    lookup.catch(() => {
      if (this.entries.get(key)?.lookup === lookup) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return lookup;
  }
}
