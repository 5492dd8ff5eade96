// Stored documents by kind and schema version: parseDocument(kind, data) checks the common envelope,
// that metadata.analyzer is 'thoth-<kind>', then the kind's schema at metadata.schema_version.
// The kind is the document's S3 type segment (<prefix>/<deployment>/<kind>/<document_id>).
import { ContractError } from '../errors/index.js';
import type { ContractTypes } from './types.gen.js';
import { validateContract } from './validator.js';
import type { SchemaKey } from './validator.js';

/** Schema of each document kind per schema version. Adding a version is one line here plus its schema. */
export const DOCUMENT_SCHEMAS = {
  solver: { 1: 'documents/solver.v1' },
  adviser: { 1: 'documents/advise-result.v1', 2: 'documents/advise-result.v2' },
  'provenance-checker': { 1: 'documents/provenance.v1', 2: 'documents/provenance.v2' },
  'security-indicator': { 1: 'documents/security-indicator.v1' },
  'dependency-monkey': { 1: 'documents/dependency-monkey.v1' },
  inspection: { 1: 'documents/inspection.v1' },
} as const satisfies Record<string, Record<number, SchemaKey>>;

/** A document kind: 'solver', 'adviser', 'provenance-checker', … */
export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;

/** The document type of a kind (a union over its schema versions). */
export type DocumentOf<K extends DocumentKind> = ContractTypes[Extract<
  (typeof DOCUMENT_SCHEMAS)[K][keyof (typeof DOCUMENT_SCHEMAS)[K]],
  SchemaKey
>];

/** True when `kind` names a document kind with a schema. */
export function isDocumentKind(kind: string): kind is DocumentKind {
  return Object.hasOwn(DOCUMENT_SCHEMAS, kind);
}

/**
 * Validate a stored document of a kind; throws ContractError naming the failing field (an unknown kind or
 * schema version is a violation too, so the caller handles one error type).
 */
export function parseDocument<K extends DocumentKind>(kind: K, data: unknown): DocumentOf<K> {
  const contract = `${kind} document`;
  const envelope = validateContract('documents/envelope.v1', data, { contract });
  const { analyzer, schema_version: version, document_id: documentId } = envelope.metadata;
  const context = { documentId, documentKind: kind };
  const versions: Readonly<Record<number, SchemaKey>> = DOCUMENT_SCHEMAS[kind] ?? {};
  if (analyzer !== `thoth-${kind}`) {
    throw new ContractError(
      contract,
      [
        {
          pointer: '/metadata/analyzer',
          keyword: 'kind',
          message: `must be 'thoth-${kind}', got '${analyzer}'`,
        },
      ],
      { context },
    );
  }
  const key = versions[version];
  if (key === undefined) {
    const known = Object.keys(versions).join(', ');
    throw new ContractError(
      contract,
      [
        {
          pointer: '/metadata/schema_version',
          keyword: 'catalogue',
          message: `must be a known version (${known}), got ${version}`,
        },
      ],
      { context },
    );
  }
  return validateContract(key, data, { contract: `${contract} v${version}`, context }) as DocumentOf<K>;
}
