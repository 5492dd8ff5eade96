// One open embedded graph per data directory in a process. PGlite allows a single opener per
// directory, and the embedded pipeline runs its steps (graph-sync, advise, the freshness jobs) in the
// same process as the command that opened the graph: each step's `openGraph` gets a handle onto the
// open database instead of a second opener. The database closes when the last handle does. PGlite
// serializes statements and transactions of one instance, so handles may be used concurrently.
import { resolve } from 'node:path';
import { PgliteGraphStore } from '../graph/index.js';
import type { GraphStore, SqlExecutor } from '../graph/index.js';

interface Entry {
  store: Promise<PgliteGraphStore>;
  handles: number;
}

const entries = new Map<string, Entry>();

/** A handle onto a shared database; `close` releases only this handle. */
class SharedGraphHandle implements GraphStore {
  readonly kind = 'pglite' as const;
  private closed = false;

  constructor(
    private readonly store: PgliteGraphStore,
    private readonly release: () => Promise<void>,
  ) {}

  /** The database's revision (lib/graph revision.ts), shared by every handle. */
  get revision(): string {
    return this.store.revision;
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.store.query<Row>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.store.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.store.transaction(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}

/** Open the embedded graph in `dataDir`, sharing the database with other handles of this process. */
export async function openSharedPglite(dataDir: string): Promise<GraphStore> {
  const key = resolve(dataDir);
  let entry = entries.get(key);
  if (entry === undefined) {
    const created: Entry = { store: PgliteGraphStore.open(key), handles: 0 };
    entries.set(key, created);
    created.store.catch(() => {
      if (entries.get(key) === created) entries.delete(key);
    });
    entry = created;
  }
  const current = entry;
  current.handles++;
  let store: PgliteGraphStore;
  try {
    store = await current.store;
  } catch (error) {
    current.handles--;
    throw error;
  }
  return new SharedGraphHandle(store, async () => {
    current.handles--;
    if (current.handles > 0) return;
    if (entries.get(key) === current) entries.delete(key);
    await store.close();
  });
}

/** How many handles are open on the database in `dataDir` (0 when it is closed); for tests. */
export function sharedPgliteHandles(dataDir: string): number {
  return entries.get(resolve(dataDir))?.handles ?? 0;
}
