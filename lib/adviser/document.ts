// Builds the whole advise-result document (schemas/documents/advise-result.v1.json) from a run's
// outcome and the metadata the caller owns (document id, times, environment).
import type { AdviserDocument, DocumentMetadata } from '../contracts/index.js';
import type { AdviseOutcome } from './advise.js';

export function adviseResultDocument(metadata: DocumentMetadata, outcome: AdviseOutcome): AdviserDocument {
  return {
    metadata,
    result: {
      parameters: outcome.parameters,
      products: outcome.products,
      stack_info: outcome.stackInfo,
      statistics: outcome.statistics,
      error: outcome.error,
      ...(outcome.baseline === undefined ? {} : { baseline: outcome.baseline }),
    },
  };
}
