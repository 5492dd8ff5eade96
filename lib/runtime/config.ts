// Connection settings of a Thoth process (step, consumer, CLI) read from environment variables, validated
// once at start with one clear error per problem, and the factories that open the graph and the artifact
// store from them. With nothing set, everything points at the embedded defaults under ~/.thoth.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors/index.js';
import { PgGraphStore, PgliteGraphStore } from '../graph/index.js';
import type { GraphStore } from '../graph/index.js';
import { createArtifactStore, DocumentStore } from '../storage/index.js';
import type { ArtifactStoreConfig, KeyLayout } from '../storage/index.js';
import { isDocumentKind, parseDocument } from '../contracts/index.js';
import { ContractError } from '../errors/index.js';
import { openSharedPglite } from './shared-graph.js';

export type GraphConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | undefined };

export interface RuntimeConfig {
  graph: GraphConfig;
  artifacts: ArtifactStoreConfig;
  layout: KeyLayout;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The variables read, with their meaning; printed by `--help` of steps and `thoth up`. */
export const RUNTIME_VARIABLES: Readonly<Record<string, string>> = {
  THOTH_HOME: 'directory of the embedded defaults (default ~/.thoth)',
  THOTH_GRAPH_URL:
    'postgres://user:password@host:port/db, or pglite:<dir> (default pglite:$THOTH_HOME/graph)',
  THOTH_ARTIFACTS_URL: 's3://<bucket> or file:<dir> (default file:$THOTH_HOME/artifacts)',
  THOTH_S3_ENDPOINT: 'S3 endpoint for s3:// artifacts, e.g. http://minio:9000 (omit for AWS)',
  THOTH_S3_REGION: 'S3 region (default us-east-1)',
  THOTH_S3_ACCESS_KEY_ID: 'S3 access key (or AWS_ACCESS_KEY_ID)',
  THOTH_S3_SECRET_ACCESS_KEY: 'S3 secret key (or AWS_SECRET_ACCESS_KEY)',
  THOTH_S3_PREFIX: 'key prefix inside the bucket or directory (default data)',
  THOTH_DEPLOYMENT: 'deployment name, the second key segment and topic prefix (default thoth-local)',
};

/** Read and check the runtime configuration; throws one InputError listing every problem. */
export function readRuntimeConfig(env: Env): RuntimeConfig {
  const problems: string[] = [];
  const home = env['THOTH_HOME'] ?? join(homedir(), '.thoth');

  let graph: GraphConfig = { kind: 'pglite', dataDir: join(home, 'graph') };
  const graphUrl = env['THOTH_GRAPH_URL'];
  if (graphUrl !== undefined && graphUrl !== '') {
    if (/^postgres(ql)?:\/\//.test(graphUrl)) graph = { kind: 'postgres', url: graphUrl };
    else if (graphUrl === 'pglite:memory') graph = { kind: 'pglite', dataDir: undefined };
    else if (graphUrl.startsWith('pglite:'))
      graph = { kind: 'pglite', dataDir: graphUrl.slice('pglite:'.length) };
    else
      problems.push(
        `THOTH_GRAPH_URL must start with postgres://, postgresql:// or pglite: (got "${graphUrl.split(':')[0]}:…")`,
      );
  }

  let artifacts: ArtifactStoreConfig = { kind: 'directory', root: join(home, 'artifacts') };
  const artifactsUrl = env['THOTH_ARTIFACTS_URL'];
  if (artifactsUrl !== undefined && artifactsUrl !== '') {
    if (artifactsUrl.startsWith('file:'))
      artifacts = { kind: 'directory', root: artifactsUrl.slice('file:'.length) };
    else if (artifactsUrl.startsWith('s3://')) {
      const bucket = artifactsUrl.slice('s3://'.length).replace(/\/+$/, '');
      const accessKeyId = env['THOTH_S3_ACCESS_KEY_ID'] ?? env['AWS_ACCESS_KEY_ID'];
      const secretAccessKey = env['THOTH_S3_SECRET_ACCESS_KEY'] ?? env['AWS_SECRET_ACCESS_KEY'];
      if (bucket === '' || bucket.includes('/'))
        problems.push('THOTH_ARTIFACTS_URL must name one bucket: s3://<bucket>');
      if (accessKeyId === undefined)
        problems.push('THOTH_S3_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID) is required for s3:// artifacts');
      if (secretAccessKey === undefined) {
        problems.push(
          'THOTH_S3_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY) is required for s3:// artifacts',
        );
      }
      artifacts = {
        kind: 's3',
        bucket,
        accessKeyId: accessKeyId ?? '',
        secretAccessKey: secretAccessKey ?? '',
        region: env['THOTH_S3_REGION'] ?? 'us-east-1',
        ...(env['THOTH_S3_ENDPOINT'] !== undefined ? { endpoint: env['THOTH_S3_ENDPOINT'] } : {}),
      };
    } else problems.push('THOTH_ARTIFACTS_URL must start with s3:// or file:');
  }

  const deployment = env['THOTH_DEPLOYMENT'] ?? 'thoth-local';
  if (!/^[a-z0-9][a-z0-9-]*$/.test(deployment)) {
    problems.push(`THOTH_DEPLOYMENT must be lower-case letters, digits and "-" (got "${deployment}")`);
  }
  const prefix = env['THOTH_S3_PREFIX'] ?? 'data';
  if (!/^([A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*)?$/.test(prefix)) {
    problems.push(
      `THOTH_S3_PREFIX must be a relative path of letters, digits, ".", "_" and "-" (got "${prefix}")`,
    );
  }
  if (problems.length > 0) throw new InputError(`invalid configuration: ${problems.join('; ')}`);
  return { graph, artifacts, layout: { prefix, deployment } };
}

/**
 * Open the knowledge graph the configuration names (the caller runs migrations if it owns the schema).
 * An embedded graph in a directory is shared by every opener of this process (shared-graph.ts).
 */
export async function openGraph(config: GraphConfig): Promise<GraphStore> {
  if (config.kind === 'postgres') return new PgGraphStore({ connectionString: config.url });
  return config.dataDir === undefined ? PgliteGraphStore.open() : openSharedPglite(config.dataDir);
}

/** Validate a document against its kind's contract before it is written or after it is read. */
export function validateDocument(type: string, document: unknown): void {
  if (!isDocumentKind(type)) {
    throw new ContractError(`${type} document`, [
      { pointer: '', keyword: 'kind', message: `unknown document kind "${type}"` },
    ]);
  }
  parseDocument(type, document);
}

/** The document store the configuration names, validating every document against its schema. */
export function openDocuments(config: RuntimeConfig): DocumentStore {
  return new DocumentStore(createArtifactStore(config.artifacts), config.layout, validateDocument);
}
