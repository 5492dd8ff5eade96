// Map a solver document onto graph records (pure), then write them. Environment-independent facts
// become releases, files and dependency edges; per-environment facts become verdicts and marker
// results. The original's sync read a field the solver never wrote and stored every range as "*"
// (reference/thoth-pipeline.md §12.2): here the document's types are generated from the same schema.
import type { SolverDocument } from '../../contracts/index.js';
import { tryParseVersion } from '../../python/version/index.js';
import type { DependencyRecord, EnvironmentRecord, ReleaseRecord } from '../records.js';
import { upsertEnvironments, upsertRelease, upsertSolverRun } from '../queries/releases.js';
import type { SqlExecutor } from '../types.js';

export interface SolverRecords {
  run: { documentId: string; solverVersion: string; datetime: string; durationMs: number };
  environments: EnvironmentRecord[];
  releases: Array<{ record: ReleaseRecord; normalizedVersion: string }>;
}

/** Pure mapping of a validated solver document onto graph records. */
export function solverDocumentToRecords(document: SolverDocument): SolverRecords {
  const { metadata, result } = document;
  const environments: EnvironmentRecord[] = result.environments.map((env) => ({
    key: env.identity.id,
    osName: env.identity.os_name,
    osVersion: env.identity.os_version,
    pythonVersion: env.identity.python_version,
    implementation: env.python_implementation,
    platform: env.identity.platform,
    markerEnvironment: env.marker_environment as unknown as Record<string, string>,
  }));
  const releases = result.releases.map((release) => {
    const dependencies: DependencyRecord[] = release.dependencies.map((dep) => {
      const markerResults: Record<string, boolean> = {};
      for (const [envId, value] of Object.entries(dep.marker_results)) {
        // null = could not be evaluated: store nothing, the adviser evaluates the marker itself.
        if (typeof value === 'boolean') markerResults[envId] = value;
      }
      return {
        name: dep.name,
        specifier: dep.specifier,
        extras: [...dep.extras].sort(),
        marker: dep.marker,
        activatingExtra: dep.extra ?? null,
        url: null,
        markerResults,
      };
    });
    const record: ReleaseRecord = {
      name: release.name,
      version: release.version,
      indexUrl: release.index_url,
      requiresPython: release.requires_python,
      yanked: release.yanked,
      yankedReason: release.yanked_reason,
      uploadTime: earliestUpload(release.files.map((f) => f.upload_time)),
      metadataSource: release.metadata_source,
      files: release.files.map((f) => ({
        filename: f.filename,
        kind: f.kind,
        tags: f.tags,
        sha256: f.hashes.sha256,
        size: f.size,
        uploadTime: f.upload_time,
        url: f.url,
      })),
      dependencies,
      verdicts: Object.entries(release.installability).map(([envId, verdict]) => ({
        environmentKey: envId,
        installable: verdict.installable,
        reason: verdict.reason,
        error: verdict.detail,
      })),
    };
    // The unique key uses the PEP 440 normal form so "1.0" and "1.0.0" listed twice stay one release;
    // an invalid version (legacy releases exist on PyPI) is kept verbatim.
    const normalizedVersion = tryParseVersion(release.version)?.toString() ?? release.version;
    return { record, normalizedVersion };
  });
  return {
    run: {
      documentId: metadata.document_id,
      solverVersion: metadata.analyzer_version,
      datetime: metadata.datetime,
      durationMs: Math.round(metadata.duration * 1000),
    },
    environments,
    releases,
  };
}

function earliestUpload(times: Array<string | null>): string | null {
  const known = times.filter((t): t is string => t !== null).sort();
  return known[0] ?? null;
}

/** Write a solver document's records inside the caller's transaction. */
export async function writeSolverDocument(
  tx: SqlExecutor,
  document: SolverDocument,
): Promise<{ releases: number }> {
  const records = solverDocumentToRecords(document);
  const environmentIds = await upsertEnvironments(tx, records.environments);
  const runId = await upsertSolverRun(tx, records.run);
  for (const { record, normalizedVersion } of records.releases) {
    await upsertRelease(tx, record, normalizedVersion, environmentIds, runId);
  }
  return { releases: records.releases.length };
}
