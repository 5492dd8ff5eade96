// Connection settings of the real test services, read from the variables scripts/services/env.sh
// exports. A missing variable fails the test with the command to run: integration tests never skip.
import type { S3StoreConfig } from '../../lib/storage/index.js';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: run the integration tests through \`npm test\`, or \`source scripts/services/env.sh && bash scripts/services/up.sh\` first`,
    );
  }
  return value;
}

export function s3ConfigFromTestEnv(): S3StoreConfig {
  return {
    endpoint: requireEnv('THOTH_S3_ENDPOINT'),
    region: 'us-east-1',
    bucket: requireEnv('THOTH_S3_BUCKET'),
    accessKeyId: requireEnv('THOTH_S3_ACCESS_KEY'),
    secretAccessKey: requireEnv('THOTH_S3_SECRET_KEY'),
  };
}

export function pgUrlFromTestEnv(): string {
  return requireEnv('THOTH_PG_URL');
}

export function kafkaBrokersFromTestEnv(): string[] {
  return requireEnv('THOTH_KAFKA_BROKERS').split(',');
}
