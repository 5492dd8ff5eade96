// The knowledge graph as `thoth advise` uses it. Reads (the adviser's closure, the lock's files) go
// through `reader`; on an embedded graph that is the query cache (lib/graph query-cache.ts), so a
// warm run whose every read was answered before never starts PGlite (about a second). The graph
// itself is opened, and migrated, only on the first miss or when learning has to write.
import { join } from 'node:path';
import { CachedGraphReader, migrate, readRevision } from '../graph/index.js';
import type { GraphStore, QueryCacheStats, RevisionedGraph, SqlExecutor } from '../graph/index.js';
import { openGraph } from './config.js';
import type { GraphConfig } from './config.js';

export interface AdviseGraph {
  /** Read-only access for the adviser. */
  readonly reader: SqlExecutor;
  /** The graph, opened and migrated on first call (writes: learning, the pipeline's steps). */
  store(): Promise<GraphStore>;
  /** Cache statistics; undefined when there is no cache (PostgreSQL, an in-memory graph). */
  readonly cache: QueryCacheStats | undefined;
  /** Save the cache and close the graph if it was opened. */
  close(): Promise<void>;
}

/** Where the warm-path query cache of an embedded graph lives: beside it, under THOTH_HOME. */
export function queryCacheFileFor(dataDir: string): string {
  return join(dataDir, '..', 'cache', 'graph-queries.v8');
}

export function openAdviseGraph(config: GraphConfig): AdviseGraph {
  const openAndMigrate = async (): Promise<GraphStore> => {
    const graph = await openGraph(config);
    try {
      await migrate(graph);
    } catch (error) {
      await graph.close();
      throw error;
    }
    return graph;
  };

  if (config.kind !== 'pglite' || config.dataDir === undefined) {
    // PostgreSQL answers in milliseconds and another process may write it at any time: no cache.
    let opened: Promise<GraphStore> | undefined;
    const store = (): Promise<GraphStore> => {
      opened ??= openAndMigrate();
      // A failed open is not kept: the next caller sees the error itself.
      opened.catch(() => {
        opened = undefined;
      });
      return opened;
    };
    const reader: SqlExecutor = {
      query: async (sql, params) => (await store()).query(sql, params),
      exec: async (sql) => (await store()).exec(sql),
    };
    return {
      reader,
      store,
      cache: undefined,
      async close() {
        await (await opened?.catch(() => undefined))?.close();
      },
    };
  }

  // Writers get the graph from the cache's openGraph(), so that reads after a write see it.
  const cached = new CachedGraphReader<GraphStore & RevisionedGraph>({
    file: queryCacheFileFor(config.dataDir),
    revision: readRevision(config.dataDir),
    open: async () => (await openAndMigrate()) as GraphStore & RevisionedGraph,
  });
  return {
    reader: cached,
    store: () => cached.openGraph(),
    cache: cached.stats,
    async close() {
      // Answers read before this run's last write are re-read, so the next run replays them.
      await cached.refresh().catch(() => undefined);
      cached.save();
      await cached.openedGraph?.close();
    },
  };
}
