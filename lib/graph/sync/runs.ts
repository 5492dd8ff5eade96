// Write the run records of non-solver documents: adviser runs (with the packages they lacked, which
// drive the re-run loop), security-indicator aggregates, and provenance / dependency-monkey /
// inspection runs. The documents themselves stay in the artifact store; rows are for lookups.
import type {
  AdviserDocument,
  AdviserDocumentV2,
  DependencyMonkeyDocument,
  InspectionDocument,
  ProvenanceDocument,
  ProvenanceDocumentV2,
  SecurityIndicatorDocument,
} from '../../contracts/index.js';
import { tryParseVersion } from '../../python/version/index.js';
import { upsertIndex } from '../queries/releases.js';
import type { SqlExecutor } from '../types.js';

/** Id of a release, creating a bare row when the graph has not solved it yet. */
async function ensureRelease(
  tx: SqlExecutor,
  name: string,
  version: string,
  indexUrl: string,
): Promise<number> {
  const indexId = await upsertIndex(tx, indexUrl);
  const normalized = tryParseVersion(version)?.toString() ?? version;
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO python_release (package_name, version, normalized_version, index_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (package_name, normalized_version, index_id) DO UPDATE SET package_name = EXCLUDED.package_name
     RETURNING id`,
    [name, version, normalized, indexId],
  );
  return Number(row!.id);
}

/** An adviser run of either schema version (v2 adds the baseline, which the graph does not keep). */
export async function writeAdviserDocument(
  tx: SqlExecutor,
  document: AdviserDocument | AdviserDocumentV2,
): Promise<void> {
  const { metadata, result } = document;
  const unresolved = result.error?.unresolved ?? [];
  const [run] = await tx.query<{ id: string }>(
    `INSERT INTO adviser_run (document_id, datetime, recommendation_type, error, duration_ms, need_re_run)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (document_id) DO UPDATE SET datetime = EXCLUDED.datetime,
       recommendation_type = EXCLUDED.recommendation_type, error = EXCLUDED.error,
       duration_ms = EXCLUDED.duration_ms,
       -- a run already re-run keeps need_re_run false: the loop must not schedule it twice
       need_re_run = EXCLUDED.need_re_run AND adviser_run.re_run_document_id IS NULL
     RETURNING id`,
    [
      metadata.document_id,
      metadata.datetime,
      result.parameters.recommendation_type,
      result.error === null ? null : `${result.error.code}: ${result.error.message}`,
      Math.round(metadata.duration * 1000),
      unresolved.length > 0,
    ],
  );
  const runId = Number(run!.id);
  await tx.query('DELETE FROM adviser_unresolved WHERE adviser_run_id = $1', [runId]);
  if (unresolved.length > 0) {
    await tx.query(
      `INSERT INTO adviser_unresolved (adviser_run_id, package_name, version, index_url)
       SELECT DISTINCT $1::bigint, u.name, u.specifier, u.index_url FROM unnest($2::text[], $3::text[], $4::text[])
         AS u(name, specifier, index_url)`,
      [
        runId,
        unresolved.map((u) => u.name),
        unresolved.map((u) => u.specifier),
        unresolved.map((u) => u.index_url ?? ''),
      ],
    );
  }
}

export async function writeSecurityIndicatorDocument(
  tx: SqlExecutor,
  document: SecurityIndicatorDocument,
): Promise<void> {
  const { metadata, result } = document;
  const releaseId = await ensureRelease(tx, result.package_name, result.package_version, result.index_url);
  const python = result.cloc?.languages?.['Python'];
  await tx.query(
    `INSERT INTO security_indicator_run (document_id, release_id, datetime, error, severity_confidence,
       files_analyzed, python_files, python_lines_of_code, total_lines_of_code)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)
     ON CONFLICT (document_id) DO UPDATE SET release_id = EXCLUDED.release_id, datetime = EXCLUDED.datetime,
       error = EXCLUDED.error, severity_confidence = EXCLUDED.severity_confidence,
       files_analyzed = EXCLUDED.files_analyzed, python_files = EXCLUDED.python_files,
       python_lines_of_code = EXCLUDED.python_lines_of_code, total_lines_of_code = EXCLUDED.total_lines_of_code`,
    [
      metadata.document_id,
      releaseId,
      metadata.datetime,
      result.error === null ? null : JSON.stringify(result.error),
      JSON.stringify(result.bandit?.by_severity ?? {}),
      result.bandit?.files_analyzed ?? null,
      python?.files ?? null,
      python?.code ?? null,
      result.cloc?.sum.code ?? null,
    ],
  );
}

type AnalysisKind = 'provenance' | 'dependency-monkey' | 'inspection';

export async function writeAnalysisRun(
  tx: SqlExecutor,
  kind: AnalysisKind,
  document: ProvenanceDocument | ProvenanceDocumentV2 | DependencyMonkeyDocument | InspectionDocument,
  summary: Record<string, unknown>,
): Promise<void> {
  const { metadata } = document;
  const error = 'error' in document.result ? document.result.error : null;
  await tx.query(
    `INSERT INTO analysis_run (kind, document_id, datetime, error, duration_ms, summary)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (document_id) DO UPDATE SET kind = EXCLUDED.kind, datetime = EXCLUDED.datetime,
       error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms, summary = EXCLUDED.summary`,
    [
      kind,
      metadata.document_id,
      metadata.datetime,
      error === null || error === undefined ? null : JSON.stringify(error),
      Math.round(metadata.duration * 1000),
      JSON.stringify(summary),
    ],
  );
}
