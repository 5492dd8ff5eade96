import { describe, expect, it } from 'vitest';
import { HostError } from '../errors/index.js';
import { describeGraphStore } from './graph-store.contract.js';
import { PgGraphStore } from './index.js';
import { createTemporaryDatabase } from '../../test/integration/pg-database.js';

describeGraphStore('postgres', async () => {
  const db = await createTemporaryDatabase();
  const store = new PgGraphStore({ connectionString: db.url });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await db.drop();
  };
  return store;
});

describe('PgGraphStore', () => {
  it('reports an unreachable server as a retriable HostError without leaking the password', async () => {
    const store = new PgGraphStore({ connectionString: 'postgres://thoth:s3cret@127.0.0.1:9/none' });
    const error = await store.query('SELECT 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).retriable).toBe(true);
    expect((error as HostError).message).not.toContain('s3cret');
    await store.close();
  });
});
