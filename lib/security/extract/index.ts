// Public face of lib/security/extract: refusing-by-default extraction of possibly hostile sdists.
export { archiveFormat, DEFAULT_EXTRACT_LIMITS, extractArchive, safeEntryPath } from './extract.js';
export type { ExtractLimits, ExtractSummary } from './extract.js';
