// Public face of lib/graph: the knowledge-graph port, its two backends, migrations and queries.
export type { GraphStore, SqlExecutor } from './types.js';
export { GraphQueryError, MigrationError, mapGraphError } from './errors.js';
export { PgGraphStore } from './pg-store.js';
export type { PgStoreConfig } from './pg-store.js';
export { PgliteGraphStore } from './pglite-store.js';
export { loadMigrations, migrate, MIGRATIONS_DIR } from './migrator.js';
export type { Migration, MigrateResult } from './migrator.js';
