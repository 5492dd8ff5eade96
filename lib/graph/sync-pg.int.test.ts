import { randomUUID } from 'node:crypto';
import { S3ArtifactStore } from '../storage/index.js';
import { PgGraphStore } from './index.js';
import type { GraphStore } from './index.js';
import { describeGraphSync } from './sync.contract.js';
import { createTemporaryDatabase } from '../../test/integration/pg-database.js';
import { s3ConfigFromTestEnv } from '../../test/integration/services-env.js';

async function temporaryGraph(): Promise<GraphStore> {
  const db = await createTemporaryDatabase();
  const store = new PgGraphStore({ connectionString: db.url });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await db.drop();
  };
  return store;
}

describeGraphSync('postgres + s3', async () => {
  const store = new S3ArtifactStore(s3ConfigFromTestEnv());
  await store.ensureBucket();
  return {
    graph: await temporaryGraph(),
    other: await temporaryGraph(),
    store,
    prefix: `sync-${randomUUID().slice(0, 8)}`,
  };
});
