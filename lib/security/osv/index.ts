// Public face of lib/security/osv: reading OSV advisories (YAML, JSON, archives, PyPI's release JSON),
// evaluating their ECOSYSTEM ranges with PEP 440, and importing them into the knowledge graph.
export type {
  OsvAffected,
  OsvEvent,
  OsvRange,
  OsvReadNotes,
  OsvReadResult,
  OsvRecord,
  OsvReference,
  OsvSeverity,
} from './types.js';
export { parseOsvText, readOsvRecord } from './parse.js';
export {
  compileAffected,
  compileRange,
  describeRange,
  fixedVersions,
  isInRange,
  isVersionAffected,
  matchAffected,
} from './ranges.js';
export type { AffectedMatch, CompiledAffected, CompiledRange } from './ranges.js';
export {
  classifyOsvSource,
  fetchPypiVulnerabilities,
  readOsvArchive,
  readOsvDirectory,
  readOsvSource,
  readPypiVulnerabilities,
} from './sources.js';
export type { OsvSourceKind, PypiVulnerability } from './sources.js';
export {
  advisoryRecordOf,
  importOsvRecords,
  importPypiVulnerabilities,
  materializeAdvisoriesFor,
  matchReleases,
  PYPI_INDEX_URL,
} from './import.js';
export type { NewlyAffectedRelease, OsvImportOptions, OsvImportResult } from './import.js';
