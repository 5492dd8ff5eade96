// A throwaway database per test file on the real PostgreSQL of scripts/services, dropped afterwards,
// so integration tests never see each other's rows.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pgUrlFromTestEnv } from './services-env.js';

export interface TemporaryDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTemporaryDatabase(): Promise<TemporaryDatabase> {
  const adminUrl = pgUrlFromTestEnv();
  const name = `thoth_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // FORCE cannot terminate a superuser's backend, e.g. an autovacuum worker that happens to be
        // in the fresh database (42501, seen once in CI); such a worker ends within moments: retry.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== '42501' || attempt >= 20) throw error;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
