// A read-through cache of graph queries for the warm `thoth advise` path: answers recorded at a graph
// revision (revision.ts) are replayed while the revision is unchanged, so a run whose every query was
// seen before never opens the embedded graph (about a second of PGlite start-up). A miss opens the
// graph on demand, answers from it and records the answer. The cache is one file written atomically;
// it is dropped as a whole when the revision moves on, and bounded in size.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SqlExecutor } from './types.js';

/** A graph that can say which revision its data is at (PgliteGraphStore on a directory). */
export interface RevisionedGraph extends SqlExecutor {
  readonly revision: string;
}

interface CacheFile {
  format: 1;
  revision: string;
  entries: Map<string, unknown[]>;
}

export interface QueryCacheOptions<G extends RevisionedGraph = RevisionedGraph> {
  /** Where the cache lives. */
  file: string;
  /** The graph's revision as stored beside it (readRevision), or undefined when unknown. */
  revision: string | undefined;
  /** Opens the graph on the first miss or openGraph() (called once unless it fails). */
  open: () => Promise<G>;
  /** Entries kept at most (the oldest go first); default 20,000. */
  maxEntries?: number;
}

/** Statistics of one run, for logs and tests. */
export interface QueryCacheStats {
  hits: number;
  misses: number;
  /** True when the graph had to be opened. */
  opened: boolean;
}

function keyOf(sql: string, params: readonly unknown[]): string {
  return createHash('sha256').update(sql).update('\0').update(serialize(params)).digest('base64url');
}

function readCacheFile(file: string): CacheFile | undefined {
  try {
    const value = deserialize(readFileSync(file)) as Partial<CacheFile>;
    if (value.format !== 1 || typeof value.revision !== 'string' || !(value.entries instanceof Map)) {
      return undefined;
    }
    return value as CacheFile;
  } catch {
    // Missing, torn or from another Node version: start empty, the graph has the truth.
    return undefined;
  }
}

/**
 * A read-only SqlExecutor over a recorded cache, falling back to the graph on a miss. Whoever writes
 * must get the graph from openGraph(): once it is open, every read checks its live revision, so a
 * write in this process is never answered from the cache.
 */
export class CachedGraphReader<G extends RevisionedGraph = RevisionedGraph> implements SqlExecutor {
  private readonly entries: Map<string, unknown[]>;
  private revision: string | undefined;
  private graph: Promise<G> | undefined;
  private opened: G | undefined;
  private dirty = false;
  /** Every query this run asked, in order of last use (what refresh() re-reads). */
  private readonly used = new Map<string, { sql: string; params: readonly unknown[] }>();
  readonly stats: QueryCacheStats = { hits: 0, misses: 0, opened: false };

  constructor(private readonly options: QueryCacheOptions<G>) {
    const loaded = options.revision === undefined ? undefined : readCacheFile(options.file);
    this.revision = options.revision;
    this.entries = loaded !== undefined && loaded.revision === options.revision ? loaded.entries : new Map();
  }

  /** The graph if it was opened successfully, else undefined (it is never opened by asking). */
  get openedGraph(): G | undefined {
    return this.opened;
  }

  /** The graph, opened on first need (also by callers that must write). */
  openGraph(): Promise<G> {
    if (this.graph === undefined) {
      this.stats.opened = true;
      this.graph = this.options.open().then((graph) => (this.opened = graph));
      // A failed open is not cached: the next caller tries again and sees the error itself.
      this.graph.catch(() => {
        this.graph = undefined;
      });
    }
    return this.graph;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const key = keyOf(sql, params);
    this.used.delete(key);
    this.used.set(key, { sql, params });
    if (this.used.size > (this.options.maxEntries ?? 20_000))
      this.used.delete(this.used.keys().next().value as string);
    const graph = this.graph === undefined ? undefined : await this.graph;
    // Once the graph is open, its live revision decides (it moves when this process writes).
    if (graph !== undefined && graph.revision !== this.revision) this.reset(graph.revision);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.stats.hits++;
      return hit as Row[];
    }
    this.stats.misses++;
    const opened = graph ?? (await this.openGraph());
    const before = opened.revision;
    if (before !== this.revision) this.reset(before);
    const rows = await opened.query<Row>(sql, params);
    // Recorded only when no write overlapped the read.
    if (opened.revision === before) {
      this.entries.delete(key);
      this.entries.set(key, rows as unknown[]);
      this.dirty = true;
    }
    return rows;
  }

  exec(): Promise<void> {
    return Promise.reject(new Error('CachedGraphReader is read-only: open the graph to write'));
  }

  private reset(revision: string): void {
    this.revision = revision;
    this.entries.clear();
    this.dirty = true;
  }

  /**
   * When this process wrote to the graph after reading it (a learning run records its jobs, syncs
   * the adviser document and reconciles after its last advise), the answers it read before the write
   * were dropped with their revision, though the next run will ask the same questions: re-read every
   * question this run asked that has no answer at the final revision, so that run is answered from
   * the cache. Without this the first warm run after learning reopened PGlite (1.4–2.2 s against
   * 0.6 s). Does nothing when the graph was not opened.
   */
  async refresh(): Promise<void> {
    const graph = this.opened;
    if (graph === undefined) return;
    if (graph.revision !== this.revision) this.reset(graph.revision);
    for (const [key, { sql, params }] of this.used) {
      if (this.entries.has(key)) continue;
      const rows = await graph.query(sql, params);
      // A write overlapped (another task of this process): what was read may mix revisions.
      if (graph.revision !== this.revision) return this.reset(graph.revision);
      this.entries.set(key, rows as unknown[]);
      this.dirty = true;
    }
  }

  /** Write the cache when it changed (atomically); a failure to write only loses the cache. */
  save(): void {
    if (!this.dirty || this.revision === undefined) return;
    // Written to since the last read: these answers are already stale.
    if (this.opened !== undefined && this.opened.revision !== this.revision) return;
    const max = this.options.maxEntries ?? 20_000;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value as string);
    const content: CacheFile = { format: 1, revision: this.revision, entries: this.entries };
    try {
      mkdirSync(dirname(this.options.file), { recursive: true });
      const temporary = `${this.options.file}.${process.pid}.tmp`;
      writeFileSync(temporary, serialize(content));
      renameSync(temporary, this.options.file);
      this.dirty = false;
    } catch {
      // The cache is an optimisation; the next run reads the graph.
    }
  }
}
