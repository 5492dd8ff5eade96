// The adviser's bulk security reads on embedded PGlite.
import { PgliteGraphStore } from '../index.js';
import { describeSecurityQueries } from './security.contract.js';

describeSecurityQueries('pglite', () => PgliteGraphStore.open());
