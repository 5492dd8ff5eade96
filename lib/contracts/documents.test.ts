// parseDocument: envelope first, then metadata.analyzer must match the kind and metadata.schema_version
// picks the kind's schema; every document schema under schemas/documents/ is reachable from a kind.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors/index.js';
import { DOCUMENT_SCHEMAS, isDocumentKind, parseDocument } from './index.js';
import type { SolverDocument } from './index.js';
import { SCHEMA_SOURCES } from './schemas.gen.js';

const SOLVER_EXAMPLE = fileURLToPath(
  new URL('../../schemas/examples/documents/solver.v1/valid-flask-two-environments.json', import.meta.url),
);

function solverDocument(): SolverDocument {
  return JSON.parse(readFileSync(SOLVER_EXAMPLE, 'utf8')) as SolverDocument;
}

describe('parseDocument', () => {
  it('returns a typed solver document', () => {
    const document = parseDocument('solver', solverDocument());
    expect(document.result.environments.map((e) => e.identity.id)).toEqual([
      'ubi-9-py311',
      'fedora-39-py312',
    ]);
    expect(document.result.releases[0]?.dependencies.map((d) => d.extra)).toEqual([null, 'dotenv', 'async']);
  });

  it('checks the envelope before the result, naming the document kind', () => {
    const document = solverDocument() as unknown as { metadata: Record<string, unknown> };
    delete document.metadata['document_id'];
    expect(() => parseDocument('solver', document)).toThrow(
      "invalid solver document: /metadata must have required property 'document_id'",
    );
  });

  it('refuses a document of another kind', () => {
    let error: unknown;
    try {
      parseDocument('adviser', solverDocument());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations).toEqual([
      {
        pointer: '/metadata/analyzer',
        keyword: 'kind',
        message: "must be 'thoth-adviser', got 'thoth-solver'",
      },
    ]);
    expect((error as ContractError).context).toMatchObject({
      documentId: 'solver-ubi-9-py311-9c1d2e3f',
      documentKind: 'adviser',
    });
  });

  it('names a result field deep in the document', () => {
    const document = solverDocument();
    (document.result.releases[0]?.files[0] as unknown as Record<string, unknown>)['size'] = '94 KB';
    expect(() => parseDocument('solver', document)).toThrow(
      'invalid solver document v1: /result/releases/0/files/0/size must be integer or null',
    );
  });
});

describe('document kinds', () => {
  it('recognizes the S3 type segments', () => {
    expect(isDocumentKind('provenance-checker')).toBe(true);
    expect(isDocumentKind('provenance')).toBe(false);
    expect(isDocumentKind('toString')).toBe(false);
  });

  it('cover every enveloped document schema', () => {
    const enveloped = Object.entries(SCHEMA_SOURCES)
      .filter(([key]) => key.startsWith('documents/') && key !== 'documents/envelope.v1')
      .filter(([, schema]) => (schema['required'] as string[] | undefined)?.includes('metadata'))
      .map(([key]) => key)
      .sort();
    const mapped = Object.values(DOCUMENT_SCHEMAS)
      .flatMap((versions) => Object.values(versions) as string[])
      .sort();
    expect(mapped).toEqual(enveloped);
  });
});
