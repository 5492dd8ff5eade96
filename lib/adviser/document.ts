// Builds the whole advise-result document (schemas/documents/advise-result.v2.json) from a run's
// outcome and the metadata the caller owns (document id, times, environment). The writer fixes the
// schema version: v2 adds the user's lock as a baseline (result.baseline, product.baseline_comparison),
// both null when the run had none; readers still accept v1 documents (lib/contracts/documents.ts).
import type { AdviserDocumentV2, DocumentMetadata } from '../contracts/index.js';
import type { AdviseOutcome } from './advise.js';

/** The schema version adviser documents are written in (schemas/documents/advise-result.v<N>.json). */
export const ADVISER_SCHEMA_VERSION = 2;

/** Everything of the metadata except the schema version, which the writer fixes. */
export type AdviserMetadata = Omit<DocumentMetadata, 'schema_version'>;

export function adviseResultDocument(metadata: AdviserMetadata, outcome: AdviseOutcome): AdviserDocumentV2 {
  return {
    metadata: { ...metadata, schema_version: ADVISER_SCHEMA_VERSION },
    result: {
      parameters: outcome.parameters,
      products: outcome.products,
      stack_info: outcome.stackInfo,
      statistics: outcome.statistics,
      error: outcome.error,
      baseline: outcome.baseline ?? null,
    },
  };
}
