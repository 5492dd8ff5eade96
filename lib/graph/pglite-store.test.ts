import { describeGraphStore } from './graph-store.contract.js';
import { PgliteGraphStore } from './index.js';

describeGraphStore('pglite', () => PgliteGraphStore.open());
