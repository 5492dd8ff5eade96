// Public face of lib/freshness: keeping the knowledge graph fresh — new releases noticed from PyPI's
// changelog or from page validators (package-releases), work the graph lacks (graph-refresh), and
// releases or files that vanished or changed on their index (package-update).
export { watchReleases, positionNameFor } from './releases.js';
export type { NewRelease, WatchOptions, WatchResult, WatchScope } from './releases.js';
export { refreshCandidates } from './refresh.js';
export type { RefreshOptions, RefreshResult } from './refresh.js';
export { applyFindings, checkKnownReleases, DETECTED_BY } from './update.js';
export type { Finding, UpdateOptions, UpdateResult } from './update.js';
export { changelogLastSerial, changelogSinceSerial, readChangelog, PYPI_XMLRPC_URL } from './changelog.js';
export type { ChangelogEntry } from './changelog.js';
export { decodeResponse, encodeCall, xmlRpcCall, XmlRpcFaultError, XmlRpcFormatError } from './xmlrpc.js';
export type { XmlRpcClientOptions, XmlRpcValue } from './xmlrpc.js';
export { enabledIndexUrls, knownPackageNames, normalizeVersion } from './known.js';
export { fetchProjectPage, pageReleases } from './pages.js';
export type { PageLookup, PageRelease } from './pages.js';
export type { ArtifactHash, EnvironmentIdentity, FreshnessMessage } from './messages.js';
