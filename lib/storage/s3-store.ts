// S3ArtifactStore: the production artifact store over @aws-sdk/client-s3 (AWS, MinIO, Ceph).
// Path-style addressing with an explicit endpoint, and checksums only when required: since 3.729 the
// SDK sends CRC32 with aws-chunked framing by default, which some S3 servers store verbatim, corrupting
// streamed objects (reference/infrastructure.md §2, aws-sdk-js-v3#6810).
// The SDK is imported on first use: it costs about half a second to load, which every `thoth` command
// and step would otherwise pay even when artifacts live in a local directory.
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { HostError, ThothError } from '../errors/index.js';
import { ArtifactNotFoundError } from './errors.js';
import { assertValidKey } from './keys.js';
import type { ArtifactBody, ArtifactInfo, ArtifactStore, ListOptions } from './types.js';

export interface S3StoreConfig {
  /** e.g. `http://127.0.0.1:9000`; omit for AWS. */
  endpoint?: string;
  region?: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Default true: MinIO and Ceph need path-style URLs. */
  forcePathStyle?: boolean;
  /** SDK attempts per request (its own retry with backoff); default 3. */
  maxAttempts?: number;
}

/** Turn an SDK failure into our error tree: 404 → not found, 5xx/throttling/network → HostError. */
/** An S3 service answer: what the SDK's S3ServiceException carries (checked by shape, see above). */
interface S3Failure {
  name: string;
  $metadata: { httpStatusCode?: number };
  $retryable?: unknown;
}

function isS3Failure(error: unknown): error is S3Failure {
  // Only a real HTTP answer counts: a refused connection also carries $metadata, without a status.
  const metadata = (error as Partial<S3Failure> | undefined)?.$metadata;
  return error instanceof Error && typeof metadata?.httpStatusCode === 'number';
}

function mapError(error: unknown, key: string, location: string): unknown {
  if (isS3Failure(error)) {
    const status = error.$metadata.httpStatusCode ?? 0;
    if (status === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound') {
      return new ArtifactNotFoundError(key, location, { cause: error });
    }
    if (status >= 500 || status === 429 || error.$retryable !== undefined) {
      return new HostError(location, `S3 ${error.name} (HTTP ${status}) on ${key}`, {
        cause: error,
        context: { key },
      });
    }
    return new ThothError('artifact-store-rejected', `S3 refused ${key}: ${error.name} (HTTP ${status})`, {
      cause: error,
      context: { key, location },
    });
  }
  if (error instanceof ThothError) return error;
  // No HTTP answer at all (refused connection, DNS, socket reset): the host is down, not the key.
  return new HostError(location, `S3 unreachable on ${key}: ${(error as Error).message}`, {
    cause: error,
    context: { key },
  });
}

export class S3ArtifactStore implements ArtifactStore {
  readonly kind = 's3';
  readonly location: string;
  private readonly bucket: string;
  private sdk: Promise<{ s3: typeof S3Sdk; client: S3Client }> | undefined;

  constructor(private readonly config: S3StoreConfig) {
    this.bucket = config.bucket;
    this.location = `s3://${config.bucket}/ (${config.endpoint ?? 'aws'})`;
  }

  /** The SDK module and a client, created on first use. */
  private load(): Promise<{ s3: typeof S3Sdk; client: S3Client }> {
    this.sdk ??= import('@aws-sdk/client-s3').then((s3) => ({ s3, client: this.createClient(s3) }));
    return this.sdk;
  }

  private createClient(s3: typeof S3Sdk): S3Client {
    const config = this.config;
    return new s3.S3Client({
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      region: config.region ?? 'us-east-1',
      forcePathStyle: config.forcePathStyle ?? true,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: config.maxAttempts ?? 3,
    });
  }

  /** Create the bucket when it does not exist yet (idempotent). */
  async ensureBucket(): Promise<void> {
    const { s3, client } = await this.load();
    try {
      await client.send(new s3.HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      const mapped = mapError(error, this.bucket, this.location);
      if (!(mapped instanceof ArtifactNotFoundError)) throw mapped;
    }
    try {
      await client.send(new s3.CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      // Another process may have created it in between.
      if (isS3Failure(error) && /BucketAlready(OwnedByYou|Exists)/.test(error.name)) return;
      throw mapError(error, this.bucket, this.location);
    }
  }

  async put(key: string, body: ArtifactBody, options: { contentType?: string } = {}): Promise<void> {
    const { s3, client } = await this.load();
    assertValidKey(key);
    const contentType = options.contentType ?? 'application/octet-stream';
    try {
      if (body instanceof Readable) {
        // Length unknown: multipart upload through lib-storage (S3 commits the object only on completion,
        // so a failed stream leaves any previous object untouched).
        const { Upload } = await import('@aws-sdk/lib-storage');
        await new Upload({
          client,
          params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
        }).done();
      } else {
        await client.send(
          new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
        );
      }
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async get(key: string): Promise<Buffer> {
    const { s3, client } = await this.load();
    assertValidKey(key);
    try {
      const out = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (out.Body === undefined) throw new ArtifactNotFoundError(key, this.location);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async getStream(key: string): Promise<Readable> {
    const { s3, client } = await this.load();
    assertValidKey(key);
    try {
      const out = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new ArtifactNotFoundError(key, this.location);
      return out.Body;
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async exists(key: string): Promise<boolean> {
    const { s3, client } = await this.load();
    assertValidKey(key);
    try {
      await client.send(new s3.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      const mapped = mapError(error, key, this.location);
      if (mapped instanceof ArtifactNotFoundError) return false;
      throw mapped;
    }
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ArtifactInfo> {
    const { s3, client } = await this.load();
    let token: string | undefined;
    do {
      let page;
      try {
        page = await client.send(
          new s3.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        );
      } catch (error) {
        throw mapError(error, prefix, this.location);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        const lastModified = object.LastModified ?? new Date(0);
        if (options.since !== undefined && lastModified < options.since) continue;
        if (options.until !== undefined && lastModified >= options.until) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.load();
    assertValidKey(key);
    try {
      await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async close(): Promise<void> {
    // Nothing to release when the store was never used (the SDK was never loaded).
    if (this.sdk !== undefined) (await this.sdk).client.destroy();
  }
}
