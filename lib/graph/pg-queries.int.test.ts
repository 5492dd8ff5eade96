import { describeGraphQueries } from './queries.contract.js';
import { PgGraphStore } from './index.js';
import { createTemporaryDatabase } from '../../test/integration/pg-database.js';

describeGraphQueries('postgres', async () => {
  const db = await createTemporaryDatabase();
  const store = new PgGraphStore({ connectionString: db.url });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await db.drop();
  };
  return store;
});
