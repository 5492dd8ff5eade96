// The adviser's bulk security reads on PostgreSQL (a temporary database on the running service).
import { createTemporaryDatabase } from '../../../test/integration/pg-database.js';
import { PgGraphStore } from '../index.js';
import { describeSecurityQueries } from './security.contract.js';

describeSecurityQueries('postgres', async () => {
  const db = await createTemporaryDatabase();
  const store = new PgGraphStore({ connectionString: db.url });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await db.drop();
  };
  return store;
});
