import { describeGraphQueries } from './queries.contract.js';
import { PgliteGraphStore } from './index.js';

describeGraphQueries('pglite', () => PgliteGraphStore.open());
