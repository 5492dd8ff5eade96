import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HostError } from '../errors/index.js';
import { describeArtifactStore } from './artifact-store.contract.js';
import { S3ArtifactStore } from './index.js';
import { s3ConfigFromTestEnv } from '../../test/integration/services-env.js';

describeArtifactStore('s3 (MinIO)', async () => {
  const store = new S3ArtifactStore(s3ConfigFromTestEnv());
  await store.ensureBucket();
  return { store, root: `contract-${randomUUID().slice(0, 8)}` };
});

describe('S3ArtifactStore', () => {
  it('reports an unreachable endpoint as a retriable HostError, not as a missing object', async () => {
    const store = new S3ArtifactStore({
      ...s3ConfigFromTestEnv(),
      endpoint: 'http://127.0.0.1:9', // discard port: nothing listens
      maxAttempts: 1,
    });
    const error = await store.get('x/y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).retriable).toBe(true);
    await store.close();
  });
});
