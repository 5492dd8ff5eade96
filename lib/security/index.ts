// Public face of lib/security: OSV advisories and their import into the graph, stack audits, safe sdist
// extraction, bandit and cloc runs and their aggregation into security-indicator documents, and the
// messages the security steps emit.
export const id = 'security';
export const description =
  'OSV advisories with PEP 440 ranges, stack audit, safe sdist extraction, bandit × cloc security indicators';

export * from './osv/index.js';
export * from './extract/index.js';
export * from './analyzers/index.js';
export { auditAgainst, auditStack, parseLockedPins } from './audit.js';
export type { AuditFinding, AuditReport, LockedPackage } from './audit.js';
export { AnalyzerError, OsvSourceError, UnsafeArchiveError } from './errors.js';
export type { UnsafeArchiveReason } from './errors.js';
export { cveProvidedMessage, missingVersionMessage, providesSourceDistroMessage } from './messages.js';
export type { OutgoingMessage, ReleaseIdentity } from './messages.js';
export { findSdist } from './sdist.js';
export type { SdistLookup, SdistSource } from './sdist.js';
