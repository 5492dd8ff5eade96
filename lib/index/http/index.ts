// Public face of lib/index/http: the HTTP client (undici, retries, timeouts, credentials) and the
// on-disk HTTP cache.
export { HttpClient, DEFAULT_USER_AGENT } from './client.js';
export type { HttpClientOptions, HttpRequestSpec, HttpResponse } from './client.js';
export { HttpCache, readCacheControl } from './cache.js';
export type { CachedPage, CachedPageMeta } from './cache.js';
export { CredentialStore, parseNetrc } from './credentials.js';
export type { Credential } from './credentials.js';
