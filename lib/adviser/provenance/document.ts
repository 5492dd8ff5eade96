// The provenance-checker document (schemas/documents/provenance.v2.json) of a check: its report's
// findings under the caller's metadata, validated before it leaves. A check that could not run
// (unreadable lock, unreachable index) is a document too, with `error` set and no findings.
import type { DocumentMetadata, ErrorInfo, ProvenanceDocumentV2 } from '../../contracts/index.js';
import { parseDocument } from '../../contracts/index.js';
import type { ProvenanceReport } from './check.js';

/** Everything of the metadata except what the kind fixes (analyzer, schema version). */
export type ProvenanceMetadata = Omit<DocumentMetadata, 'analyzer' | 'schema_version'>;

export const PROVENANCE_ANALYZER = 'thoth-provenance-checker';
export const PROVENANCE_SCHEMA_VERSION = 2;

export function provenanceDocument(
  metadata: ProvenanceMetadata,
  outcome: { report: ProvenanceReport } | { allowedIndexes: string[] | null; error: ErrorInfo },
): ProvenanceDocumentV2 {
  const result =
    'report' in outcome
      ? { allowed_indexes: outcome.report.allowedIndexes, findings: outcome.report.findings, error: null }
      : { allowed_indexes: outcome.allowedIndexes, findings: [], error: outcome.error };
  const document = {
    metadata: { analyzer: PROVENANCE_ANALYZER, schema_version: PROVENANCE_SCHEMA_VERSION, ...metadata },
    result,
  };
  return parseDocument('provenance-checker', document) as ProvenanceDocumentV2;
}
