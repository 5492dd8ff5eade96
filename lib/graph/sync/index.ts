// graph-sync: ingest documents from the artifact store into the knowledge graph. Each document is
// validated against its schema first (nothing of an invalid document is written), then written in one
// transaction (an interrupted sync leaves the graph as it was). Writes are idempotent: syncing the same
// document twice changes nothing. `rebuildGraph` recreates the knowledge from the store alone.
import { parseDocument } from '../../contracts/index.js';
import type { DocumentKind } from '../../contracts/index.js';
import { describeError, ThothError } from '../../errors/index.js';
import type { DocumentStore } from '../../storage/index.js';
import { bumpGraphVersion } from '../queries/releases.js';
import type { GraphStore, SqlExecutor } from '../types.js';
import { writeSolverDocument } from './solver.js';
import { writeAdviserDocument, writeAnalysisRun, writeSecurityIndicatorDocument } from './runs.js';

export { solverDocumentToRecords } from './solver.js';
export type { SolverRecords } from './solver.js';

/** Document kinds in the order a rebuild syncs them: knowledge first, then runs that refer to it. */
export const SYNC_ORDER: readonly DocumentKind[] = [
  'solver',
  'security-indicator',
  'adviser',
  'provenance-checker',
  'dependency-monkey',
  'inspection',
];

export interface SyncOutcome {
  kind: DocumentKind;
  documentId: string;
  /** Releases written (solver documents). */
  releases: number;
}

interface PreparedWrite {
  documentId: string;
  write(tx: SqlExecutor): Promise<number>;
}

/** Validate a document of `kind` (throws ContractError) and return the write to run in a transaction. */
function prepareWrite(kind: DocumentKind, data: unknown): PreparedWrite {
  switch (kind) {
    case 'solver': {
      const doc = parseDocument('solver', data);
      return {
        documentId: doc.metadata.document_id,
        write: async (tx) => (await writeSolverDocument(tx, doc)).releases,
      };
    }
    case 'adviser': {
      const doc = parseDocument('adviser', data);
      return {
        documentId: doc.metadata.document_id,
        write: async (tx) => (await writeAdviserDocument(tx, doc), 0),
      };
    }
    case 'security-indicator': {
      const doc = parseDocument('security-indicator', data);
      return {
        documentId: doc.metadata.document_id,
        write: async (tx) => (await writeSecurityIndicatorDocument(tx, doc), 0),
      };
    }
    case 'provenance-checker': {
      const doc = parseDocument('provenance-checker', data);
      const summary = { findings: doc.result.findings.length };
      return {
        documentId: doc.metadata.document_id,
        write: async (tx) => (await writeAnalysisRun(tx, 'provenance', doc, summary), 0),
      };
    }
    case 'dependency-monkey': {
      const doc = parseDocument('dependency-monkey', data);
      return {
        documentId: doc.metadata.document_id,
        write: async (tx) => (await writeAnalysisRun(tx, 'dependency-monkey', doc, {}), 0),
      };
    }
    case 'inspection': {
      const doc = parseDocument('inspection', data);
      const summary = { runs: doc.result.runs.length };
      return {
        documentId: doc.metadata.document_id,
        write: async (tx) => (await writeAnalysisRun(tx, 'inspection', doc, summary), 0),
      };
    }
  }
}

/** Validate and write one document in one transaction; throws ContractError before writing anything. */
export async function syncDocument(
  graph: GraphStore,
  kind: DocumentKind,
  data: unknown,
): Promise<SyncOutcome> {
  // Validate outside the transaction: an invalid document never opens one.
  const prepared = prepareWrite(kind, data);
  const releases = await graph.transaction(async (tx) => {
    const written = await prepared.write(tx);
    await bumpGraphVersion(tx);
    return written;
  });
  return { kind, documentId: prepared.documentId, releases };
}

export interface BatchResult {
  synced: SyncOutcome[];
  /** Documents that could not be synced, with the reason; the batch goes on past them. */
  failed: Array<{ kind: DocumentKind; documentId: string; code: string; reason: string }>;
}

export interface BatchOptions {
  kinds?: readonly DocumentKind[];
  since?: Date;
  /** Called after each document, for progress display. */
  onDocument?: (outcome: SyncOutcome | { failed: string }) => void;
}

/**
 * Sync every document of the given kinds found in the store. A document that fails validation or
 * writing is reported in `failed` and skipped; a host error (database or store unreachable) stops
 * the batch, since every following document would fail the same way.
 */
export async function syncFromStore(
  graph: GraphStore,
  documents: DocumentStore,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const result: BatchResult = { synced: [], failed: [] };
  for (const kind of options.kinds ?? SYNC_ORDER) {
    const listOptions = options.since === undefined ? {} : { since: options.since };
    for await (const info of documents.listDocuments(kind, listOptions)) {
      try {
        const raw = await documents.store.get(info.key);
        const outcome = await syncDocument(graph, kind, JSON.parse(raw.toString('utf8')) as unknown);
        result.synced.push(outcome);
        options.onDocument?.(outcome);
      } catch (error) {
        if (error instanceof ThothError && error.retriable) throw error;
        const code =
          error instanceof ThothError
            ? error.code
            : error instanceof SyntaxError
              ? 'invalid-json'
              : 'sync-failed';
        result.failed.push({ kind, documentId: info.documentId, code, reason: describeError(error) });
        options.onDocument?.({ failed: info.documentId });
      }
    }
  }
  return result;
}

/** Tables holding knowledge derived from documents; the job table and watch positions are kept. */
const DERIVED_TABLES = [
  'python_index',
  'python_release',
  'python_file',
  'python_dependency',
  'runtime_environment',
  'solver_run',
  'release_verdict',
  'dependency_marker_result',
  'advisory_affected_release',
  'security_indicator_run',
  'adviser_unresolved',
  'adviser_run',
  'analysis_run',
];

/**
 * Recreate the knowledge graph from the artifact store alone: empty the derived tables and sync every
 * document. Flags set by messages rather than documents (is_missing, provides_source_distro, file
 * presence) are not in documents and start over at their defaults. Advisories come from cve-update,
 * not from documents, and are kept.
 */
export async function rebuildGraph(
  graph: GraphStore,
  documents: DocumentStore,
  options: BatchOptions = {},
): Promise<BatchResult> {
  await graph.transaction(async (tx) => {
    await tx.exec(`TRUNCATE ${DERIVED_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    await bumpGraphVersion(tx);
  });
  return syncFromStore(graph, documents, options);
}
