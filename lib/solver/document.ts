// The solver document: the result wrapped in the common envelope (schemas/documents/envelope.v1.json)
// and validated against schemas/documents/solver.v1.json before anyone stores it. The document id is
// the workflow name, derived from an idempotency key that names everything the result depends on.
import { parseDocument } from '../contracts/index.js';
import type { ExecutionEnvironment, SolverDocument, SolverResult } from '../contracts/index.js';
import { canonicalizeName } from '../python/index.js';
import { workflowName } from '../workflows/index.js';
import { selectionSpecifier } from './releases.js';
import { DEFAULT_MAX_PACKAGES } from './transitive.js';
import type { TransitiveOptions } from './transitive.js';
import type { SolveRequest, VersionSelection } from './types.js';

/** The document kind, its analyzer name and the schema version this module writes. */
export const SOLVER_DOCUMENT_KIND = 'solver';
export const SOLVER_ANALYZER = 'thoth-solver';
export const SOLVER_SCHEMA_VERSION = 1;

export interface DocumentContext {
  /** The document id (the workflow name); see solverDocumentId for the default. */
  readonly documentId: string;
  /** Version of the code that solved, e.g. package.json's. */
  readonly analyzerVersion: string;
  /** When solving started. */
  readonly startedAt: Date;
  /** How long it took, in seconds. */
  readonly durationSeconds: number;
  /** The step's parameters by their snake_case names. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** Where the solver ran (deployment, host, Node version). */
  readonly execution: ExecutionEnvironment;
}

/** Wrap a result in the envelope and validate it; throws ContractError naming the failing field. */
export function buildSolverDocument(result: SolverResult, context: DocumentContext): SolverDocument {
  const document = {
    metadata: {
      analyzer: SOLVER_ANALYZER,
      analyzer_version: context.analyzerVersion,
      schema_version: SOLVER_SCHEMA_VERSION,
      document_id: context.documentId,
      datetime: context.startedAt.toISOString(),
      duration: Math.max(0, context.durationSeconds),
      arguments: { ...context.arguments },
      environment: context.execution,
    },
    result,
  };
  return parseDocument(SOLVER_DOCUMENT_KIND, document);
}

/**
 * The idempotency key of a solve: package, selection, indexes, environment ids and, for a transitive
 * run, how far it goes, and whether sdists were built (keys of plain runs are unchanged by both). Opaque: it is only hashed
 * into the document id, never parsed back (the original parsed solver names out of ids and every sync
 * broke when their format changed, §12.1).
 */
export function solverIdempotencyKey(
  request: Pick<SolveRequest, 'packageName' | 'selection'> & {
    environmentIds: readonly string[];
    transitive?: TransitiveOptions | undefined;
    /** True when sdists needing a build were built (another result than without). */
    buildSdists?: boolean | undefined;
  },
  indexUrl: string,
  dependencyIndexUrls: readonly string[],
): string {
  const parts = [
    'solver',
    canonicalizeName(request.packageName),
    describeSelection(request.selection),
    indexUrl,
    dependencyIndexUrls.join(' '),
    [...request.environmentIds].sort().join(' '),
  ];
  if (request.transitive !== undefined) parts.push(describeTransitive(request.transitive));
  if (request.buildSdists === true) parts.push('build-sdists');
  return parts.join('|');
}

function describeTransitive(options: TransitiveOptions): string {
  const releases =
    options.dependencyReleases.kind === 'all' ? 'all' : `newest:${options.dependencyReleases.count}`;
  const extras = [...(options.extras ?? []).map((e) => canonicalizeName(e))].sort().join(',');
  return `transitive:${releases}:${options.maxPackages ?? DEFAULT_MAX_PACKAGES}:${extras}`;
}

/** `solver-<16 hex digits>`: the default document id for a request (lib/workflows naming). */
export function solverDocumentId(key: string): string {
  return workflowName(SOLVER_DOCUMENT_KIND, key);
}

function describeSelection(selection: VersionSelection): string {
  if (selection.kind === 'newest') {
    return `newest:${selection.count}${selection.includePrereleases === true ? ':pre' : ''}`;
  }
  return `${selection.kind}:${selectionSpecifier(selection)}`;
}
