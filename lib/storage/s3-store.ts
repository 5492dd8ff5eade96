// S3ArtifactStore: the production artifact store over @aws-sdk/client-s3 (AWS, MinIO, Ceph).
// Path-style addressing with an explicit endpoint, and checksums only when required: since 3.729 the
// SDK sends CRC32 with aws-chunked framing by default, which some S3 servers store verbatim, corrupting
// streamed objects (reference/infrastructure.md §2, aws-sdk-js-v3#6810).
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
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
function mapError(error: unknown, key: string, location: string): unknown {
  if (error instanceof S3ServiceException) {
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
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3StoreConfig) {
    this.bucket = config.bucket;
    this.location = `s3://${config.bucket}/ (${config.endpoint ?? 'aws'})`;
    this.client = new S3Client({
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
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      const mapped = mapError(error, this.bucket, this.location);
      if (!(mapped instanceof ArtifactNotFoundError)) throw mapped;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      // Another process may have created it in between.
      if (error instanceof S3ServiceException && /BucketAlready(OwnedByYou|Exists)/.test(error.name)) return;
      throw mapError(error, this.bucket, this.location);
    }
  }

  async put(key: string, body: ArtifactBody, options: { contentType?: string } = {}): Promise<void> {
    assertValidKey(key);
    const contentType = options.contentType ?? 'application/octet-stream';
    try {
      if (body instanceof Readable) {
        // Length unknown: multipart upload through lib-storage (S3 commits the object only on completion,
        // so a failed stream leaves any previous object untouched).
        await new Upload({
          client: this.client,
          params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
        }).done();
      } else {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
        );
      }
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async get(key: string): Promise<Buffer> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (out.Body === undefined) throw new ArtifactNotFoundError(key, this.location);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async getStream(key: string): Promise<Readable> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new ArtifactNotFoundError(key, this.location);
      return out.Body;
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async exists(key: string): Promise<boolean> {
    assertValidKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      const mapped = mapError(error, key, this.location);
      if (mapped instanceof ArtifactNotFoundError) return false;
      throw mapped;
    }
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ArtifactInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
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
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      throw mapError(error, key, this.location);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
