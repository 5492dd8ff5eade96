// HTTP for the index client over undici 7: one keep-alive Agent, a bound on concurrent requests,
// header and body timeouts, redirects followed by hand (so credentials are looked up per origin),
// gzip/deflate/br decoding, and lib/retry around every request. 5xx, 429, timeouts and connection
// errors are IndexHostError (retriable); when retries run out the caller still gets an IndexHostError,
// so "the index is down" never turns into "the project has no files".
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import pLimit from 'p-limit';
import { Agent, interceptors, request } from 'undici';
import type { Dispatcher } from 'undici';
import { RetriesExhaustedError } from '../../errors/index.js';
import { redactUrlCredentials, silentLogger } from '../../log/index.js';
import type { Logger } from '../../log/index.js';
import { retry } from '../../retry/index.js';
import type { RetryOptions } from '../../retry/index.js';
import { IndexHostError } from '../errors.js';
import { CredentialStore } from './credentials.js';

export interface HttpClientOptions {
  /** An undici dispatcher to use; default a keep-alive Agent owned (and closed) by this client. */
  dispatcher?: Dispatcher;
  /** Most requests in flight at once, over all hosts (default 16). */
  concurrency?: number;
  /** Connections per origin for the default Agent (default 16). */
  connectionsPerOrigin?: number;
  /** Time to wait for response headers, ms (default 30 s). */
  headersTimeoutMs?: number;
  /** Time allowed between body chunks, ms (default 60 s). */
  bodyTimeoutMs?: number;
  /** Retry settings (lib/retry); tests pass fast ones. */
  retry?: RetryOptions;
  /** Credentials by origin or host; default an empty store. */
  credentials?: CredentialStore;
  /** User-Agent sent with every request (PyPI asks for a descriptive one). */
  userAgent?: string;
  logger?: Logger;
}

export interface HttpRequestSpec {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** Response headers, names lowercased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The decoded body (empty for HEAD and 304). */
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

/** Error codes of undici and node:net that mean "the host or the path to it failed". */
const NETWORK_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export const DEFAULT_USER_AGENT = 'thoth-index-client/0.1 (+https://github.com/thoth-station)';

// One DNS cache for every client of the process: the embedded pipeline makes a client per solve step,
// and a burst of fresh lookups can overrun a small resolver (seen: lookups beyond ~24 at once answered
// after a 5 s retry; 40 clients asking pypi.org took 5.3 s, 0.6 s with this cache). Answers are kept
// for at most a minute, and concurrent lookups of one host share one resolver query.
const lookupsInFlight = new Map<string, Promise<LookupAddress[]>>();
type DnsLookup = NonNullable<NonNullable<Parameters<typeof interceptors.dns>[0]>['lookup']>;

const sharedLookup: DnsLookup = (origin, _options, callback) => {
  const host = origin.hostname;
  let pending = lookupsInFlight.get(host);
  if (pending === undefined) {
    pending = lookup(host, { all: true, order: 'ipv4first' });
    lookupsInFlight.set(host, pending);
    void pending.finally(() => lookupsInFlight.delete(host)).catch(() => undefined);
  }
  pending.then(
    (addresses) =>
      callback(
        null,
        addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4, ttl: 60_000 })),
      ),
    (error: NodeJS.ErrnoException) => callback(error, []),
  );
};

const SHARED_DNS = interceptors.dns({ maxTTL: 60_000, lookup: sharedLookup });

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly limit: ReturnType<typeof pLimit>;
  readonly credentials: CredentialStore;
  private readonly logger: Logger;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 10_000,
        connections: options.connectionsPerOrigin ?? 16,
        pipelining: 1,
      }).compose(SHARED_DNS);
    this.limit = pLimit(options.concurrency ?? 16);
    this.credentials = options.credentials ?? new CredentialStore();
    this.logger = options.logger ?? silentLogger;
  }

  /** One request with retries; statuses other than 5xx/429 are returned for the caller to judge. */
  async request(spec: HttpRequestSpec): Promise<HttpResponse> {
    try {
      return await retry(() => this.limit(() => this.once(spec)), {
        ...this.options.retry,
        context: { url: spec.url },
        onRetry: (error, attempt, delayMs) => {
          this.logger.warn(
            { url: redactUrlCredentials(spec.url), attempt, delayMs, error: String(error) },
            'index request failed, retrying',
          );
          this.options.retry?.onRetry?.(error, attempt, delayMs);
        },
      });
    } catch (error) {
      if (error instanceof RetriesExhaustedError) {
        const last = error.cause instanceof Error ? error.cause.message : String(error.cause);
        throw new IndexHostError(spec.url, `index unavailable after ${error.attempts} attempts: ${last}`, {
          cause: error,
          context: { attempts: error.attempts },
        });
      }
      throw error;
    }
  }

  /** Close the Agent if this client created it. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async once(spec: HttpRequestSpec): Promise<HttpResponse> {
    let url = spec.url;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT,
        ...spec.headers,
      };
      const authorization = this.credentials.authorization(url);
      if (authorization !== undefined) headers['authorization'] = authorization;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          dispatcher: this.dispatcher,
          method: spec.method ?? 'GET',
          headers,
          headersTimeout: this.options.headersTimeoutMs ?? 30_000,
          bodyTimeout: this.options.bodyTimeoutMs ?? 60_000,
        });
      } catch (error) {
        throw this.toHostError(url, error);
      }
      const status = response.statusCode;
      const responseHeaders = flattenHeaders(response.headers);
      if (REDIRECTS.has(status) && responseHeaders['location'] !== undefined && hop < MAX_REDIRECTS) {
        await response.body.dump();
        url = new URL(responseHeaders['location'], url).toString();
        continue;
      }
      if (status >= 500 || status === 429) {
        await response.body.dump();
        throw new IndexHostError(url, `HTTP ${status} from ${url}`, { context: { status } });
      }
      let raw: Buffer;
      try {
        raw = Buffer.from(await response.body.arrayBuffer());
      } catch (error) {
        throw this.toHostError(url, error);
      }
      return {
        status,
        headers: responseHeaders,
        body: decode(raw, responseHeaders['content-encoding'], url),
        url,
      };
    }
  }

  private toHostError(url: string, error: unknown): unknown {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return new IndexHostError(url, `${code} on ${url}`, { cause: error, context: { code } });
    }
    return error;
  }
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decode(body: Buffer, encoding: string | undefined, url: string): Buffer {
  if (encoding === undefined || body.length === 0) return body;
  try {
    switch (encoding.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body);
      case 'deflate':
        return inflateSync(body);
      case 'br':
        return brotliDecompressSync(body);
      default:
        return body;
    }
  } catch (error) {
    // A body that does not decode is what a truncated transfer looks like: worth another attempt.
    throw new IndexHostError(url, `cannot decode ${encoding} body of ${url}`, { cause: error });
  }
}
