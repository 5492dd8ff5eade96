import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryArtifactStore } from '../storage/index.js';
import { PgliteGraphStore } from './index.js';
import { describeGraphSync } from './sync.contract.js';

describeGraphSync('pglite + directory', async () => ({
  graph: await PgliteGraphStore.open(),
  other: await PgliteGraphStore.open(),
  store: new DirectoryArtifactStore(await mkdtemp(join(tmpdir(), 'thoth-sync-'))),
  prefix: 'data',
}));
