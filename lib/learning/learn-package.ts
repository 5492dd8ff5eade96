// Learns one package the graph lacks: picks the versions to solve (newest matching the specifier,
// as the investigator's UnresolvedPackage handler does), solves them for the learning environment,
// stores the solver document and syncs it into the graph. This is the thoth-solve workflow's work
// (steps solve + graph-sync) done in process, with the graph the adviser already has open.
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SolverDocument } from '../contracts/index.js';
import type { GraphStore } from '../graph/index.js';
import { syncDocument } from '../graph/index.js';
import type { PackageIndex } from '../index/index.js';
import { pickVersions } from '../investigator/index.js';
import {
  buildSolverDocument,
  groupReleases,
  solvePackage,
  solverDocumentId,
  solverIdempotencyKey,
  SOLVER_DOCUMENT_KIND,
} from '../solver/index.js';
import type { VersionSelection } from '../solver/index.js';
import type { DocumentStore } from '../storage/index.js';
import type { LearningTarget } from './environment.js';

export interface LearnRequest {
  name: string;
  /** PEP 440 specifier the adviser needs ('' = any; '==1.2' for one release). */
  specifier: string;
  maxVersions: number;
}

export interface LearnPorts {
  index: PackageIndex;
  target: LearningTarget;
  analyzerVersion: string;
  deployment: string;
  concurrency?: number;
}

export type LearnOutcome =
  | { kind: 'solved'; name: string; versions: string[]; solved: number; document: SolverDocument }
  | { kind: 'not-found'; name: string; indexUrls: readonly string[] }
  | { kind: 'no-matching-version'; name: string; specifier: string; indexUrl: string };

/** Solve the newest releases of `request.name` matching its specifier; the document is not synced yet. */
export async function solveMissing(request: LearnRequest, ports: LearnPorts): Promise<LearnOutcome> {
  const page = await ports.index.getProject(request.name);
  if (page.kind === 'not-found') return { kind: 'not-found', name: request.name, indexUrls: page.indexUrls };
  // Releases with at least one non-yanked file (PEP 592: yanked ones are for `==` pins only).
  const listed = [...groupReleases(page).values()]
    .filter(
      (r) => r.files.length > 0 && (r.files.some((f) => !f.yanked) || request.specifier.startsWith('==')),
    )
    .map((r) => r.version);
  const versions = pickVersions(listed, request.specifier, request.maxVersions);
  if (versions.length === 0) {
    return {
      kind: 'no-matching-version',
      name: request.name,
      specifier: request.specifier,
      indexUrl: page.indexUrl,
    };
  }
  const selection: VersionSelection = { kind: 'versions', versions };
  const startedAt = new Date();
  const started = performance.now();
  const outcome = await solvePackage(
    { packageName: request.name, selection, environments: [ports.target.target] },
    {
      index: ports.index,
      dependencyIndex: ports.index,
      ...(ports.concurrency === undefined ? {} : { concurrency: ports.concurrency }),
    },
  );
  const indexUrl = page.indexUrl.replace(/\/+$/, '');
  const documentId = solverDocumentId(
    solverIdempotencyKey(
      { packageName: request.name, selection, environmentIds: [ports.target.key] },
      indexUrl,
      [indexUrl],
    ),
  );
  const document = buildSolverDocument(outcome.result, {
    documentId,
    analyzerVersion: ports.analyzerVersion,
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    arguments: {
      package_name: request.name,
      package_versions: versions,
      index_url: indexUrl,
      dependency_index_urls: [indexUrl],
      environments: [ports.target.key],
    },
    execution: {
      deployment: ports.deployment,
      hostname: hostname(),
      node_version: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
    },
  });
  return { kind: 'solved', name: request.name, versions, solved: outcome.stats.solved, document };
}

/** The graph-sync half: keep the document (when a store is given) and ingest it into the graph. */
export async function recordSolved(
  graph: GraphStore,
  documents: DocumentStore | undefined,
  document: SolverDocument,
): Promise<void> {
  if (documents !== undefined)
    await documents.putDocument(SOLVER_DOCUMENT_KIND, document.metadata.document_id, document);
  await syncDocument(graph, SOLVER_DOCUMENT_KIND, document);
}
