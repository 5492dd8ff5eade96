// The dependency-monkey document (schemas/documents/dependency-monkey.v1.json) of a run: every stack
// generated becomes a response; with no inspection service wired in, runs are dry (inspection_id null).
import type { DependencyMonkeyDocument, DocumentMetadata } from '../../contracts/index.js';
import { parseDocument } from '../../contracts/index.js';
import type { DependencyMonkeyOutcome } from './generate.js';

export type DependencyMonkeyMetadata = Omit<DocumentMetadata, 'analyzer' | 'schema_version'>;

export const DEPENDENCY_MONKEY_ANALYZER = 'thoth-dependency-monkey';

export function dependencyMonkeyDocument(
  metadata: DependencyMonkeyMetadata,
  outcome: DependencyMonkeyOutcome,
  options: { dryRun: boolean; inspectionIds?: ReadonlyArray<string | null> } = { dryRun: true },
): DependencyMonkeyDocument {
  const document = {
    metadata: { analyzer: DEPENDENCY_MONKEY_ANALYZER, schema_version: 1, ...metadata },
    result: {
      parameters: { ...outcome.parameters, dry_run: options.dryRun },
      report: {
        skipped: 0,
        responses: outcome.products.map((product, i) => ({
          inspection_id: options.inspectionIds?.[i] ?? null,
          product,
        })),
      },
      error: outcome.error,
    },
  };
  return parseDocument('dependency-monkey', document);
}
