// Advice from a pipeline instead of in process: store an advise request where the thoth-advise
// WorkflowTemplate reads it (`<prefix>/<deployment>/adviser/<workflow name>.request`), submit the
// template through any WorkflowEngine (Argo in a cluster, the local engine in tests), follow it, and
// read the advise-result document it wrote beside the request. Engine-agnostic: the caller picks the
// engine; `thoth advise --argo-server` is the user of this module.
import { parseAdviseRequest, parseDocument } from '../contracts/index.js';
import type { AdviseRequest, DocumentOf } from '../contracts/index.js';
import { ThothError } from '../errors/index.js';
import { ArtifactNotFoundError, canonicalJson, requestKey, typePrefix } from '../storage/index.js';
import type { DocumentStore, KeyLayout } from '../storage/index.js';
// Modules, not the lib/workflows barrel: it would load the local engine and the Argo client.
import { describeExitCode, isRetriableExitCode } from '../workflows/exit-codes.js';
import { workflowName } from '../workflows/names.js';
import { submitAndWatch } from '../workflows/submit.js';
import type {
  SubmitResult,
  WatchOptions,
  WorkflowEngine,
  WorkflowNodeStatus,
  WorkflowStatus,
} from '../workflows/types.js';

/** The WorkflowTemplate that advises on a stored request (workflows/thoth-advise.yaml). */
export const ADVISE_TEMPLATE = 'thoth-advise';
/** The document type of advise results and of their requests: the S3 type segment. */
const ADVISER = 'adviser';
/** Node types that run something (Argo's pods; the local engine uses the same word). */
const LEAF_TYPES = new Set(['Pod', 'Container']);
const FINAL_NODE_PHASES = new Set(['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted']);

/** The workflow ran and did not succeed; the message names the failing node and its reason. */
export class AdviseWorkflowFailedError extends ThothError {
  readonly status: WorkflowStatus;
  constructor(status: WorkflowStatus, node: WorkflowNodeStatus | undefined) {
    const reason = node?.message ?? status.message ?? 'no reason given';
    const where = node === undefined ? '' : ` in ${nodeDisplayName(status.name, node)}`;
    super(
      'advise-workflow-failed',
      `workflow ${status.name} ${status.phase.toLowerCase()}${where}: ${reason}`,
      {
        // A node that failed with a host error (75) or its own deadline (124) ran out of the template's
        // retries; the same request may succeed later. Anything else fails again.
        retriable: node?.exitCode !== undefined && isRetriableExitCode(node.exitCode),
        context: {
          workflow: status.name,
          phase: status.phase,
          ...(node === undefined ? {} : { node: node.name }),
          ...(node?.exitCode === undefined
            ? {}
            : { exitCode: node.exitCode, exitName: describeExitCode(node.exitCode)?.name }),
        },
      },
    );
    this.status = status;
  }
}

/** The workflow succeeded but its advise-result document is not in the artifact store. */
export class AdviseResultMissingError extends ThothError {
  constructor(workflow: string, key: string, location: string, options: { cause?: unknown } = {}) {
    super(
      'advise-result-missing',
      `workflow ${workflow} succeeded but its result ${key} is not in ${location} (removed since, or the cluster writes to another store: compare THOTH_ARTIFACTS_URL, THOTH_S3_PREFIX and THOTH_DEPLOYMENT with the cluster's)`,
      { ...options, context: { workflow, key, location, documentId: workflow } },
    );
  }
}

/** The thoth-advise `artifact_prefix` parameter for a key layout: `<prefix>/<deployment>`. */
export function artifactPrefixOf(layout: KeyLayout): string {
  return typePrefix(layout, ADVISER).slice(0, -`/${ADVISER}/`.length);
}

/**
 * `adviser-<hash>` of the request and the parameters: the same request asks the same workflow, so a
 * second invocation while the first runs (or while the engine keeps the finished workflow) follows it
 * instead of advising twice. A `nonce` gives a fresh workflow for the same request.
 */
export function adviseWorkflowName(
  request: AdviseRequest,
  parameters: Readonly<Record<string, string>>,
  nonce?: string,
): string {
  const key = canonicalJson({ request, parameters });
  return workflowName(ADVISER, nonce === undefined ? key : `${key}\u0000${nonce}`);
}

/**
 * A node's path without the workflow's name in front and without retry attempt suffixes:
 * `adviser-1a2b(0).advise(3)` (the local engine's path) and `advise(3)` (Argo's displayName) → `advise`.
 */
function nodeDisplayName(workflow: string, node: WorkflowNodeStatus): string {
  const bare = node.name.replace(/\(\d+\)/g, '');
  return (bare.startsWith(`${workflow}.`) ? bare.slice(workflow.length + 1) : bare) || node.name;
}

/**
 * The node to blame for a failed workflow: the leaf that failed last (after its retries), else any
 * failed node with a message.
 */
export function failingNode(status: WorkflowStatus): WorkflowNodeStatus | undefined {
  const failed = status.nodes.filter((n) => n.phase === 'Failed' || n.phase === 'Error');
  const byEnd = (a: WorkflowNodeStatus, b: WorkflowNodeStatus): number =>
    (b.finishedAt ?? '').localeCompare(a.finishedAt ?? '');
  return (
    failed.filter((n) => LEAF_TYPES.has(n.type)).sort(byEnd)[0] ??
    failed.filter((n) => n.message !== undefined && n.name !== status.name).sort(byEnd)[0]
  );
}

/** One progress line: phase, finished steps of those known, and the steps running now. */
export function describeProgress(status: WorkflowStatus): string {
  const leaves = status.nodes.filter((n) => LEAF_TYPES.has(n.type));
  const done = leaves.filter((n) => FINAL_NODE_PHASES.has(n.phase)).length;
  const running = [
    ...new Set(
      leaves
        .filter((n) => n.phase === 'Running' || n.phase === 'Pending')
        .map((n) => nodeDisplayName(status.name, n)),
    ),
  ];
  return `${status.name}: ${status.phase}, ${done}/${leaves.length} steps done${
    running.length > 0 ? `, running ${running.join(', ')}` : ''
  }`;
}

export interface RemoteAdviseOptions {
  engine: WorkflowEngine;
  /** The store the pipeline reads requests from and writes documents to, with its key layout. */
  documents: DocumentStore;
  request: AdviseRequest;
  /** thoth-advise parameters besides `artifact_prefix` (derived from the store's layout). */
  parameters: Readonly<Record<string, string>>;
  /** Gives a fresh workflow for a request that ran before (see adviseWorkflowName). */
  nonce?: string;
  labels?: Record<string, string>;
  /** How to follow the workflow: timeout, polling period, each status seen. */
  watch?: WatchOptions;
  /** Told when the workflow is known to exist: submitted now, or found from an earlier invocation. */
  onSubmitted?: (result: SubmitResult) => void;
}

export interface RemoteAdvice {
  /** The workflow's name, also the document id. */
  name: string;
  outcome: SubmitResult['outcome'];
  status: WorkflowStatus;
  /** v1 or v2, as the cluster's analyzer wrote it. */
  document: DocumentOf<'adviser'>;
}

/**
 * Store the request, run thoth-advise and return its document. Before anything is written the engine
 * is asked for the workflow (an unreachable engine or a refused token fails here, with nothing
 * stored); a request this call stored is removed again when the engine refuses the submission.
 * Throws AdviseWorkflowFailedError, AdviseResultMissingError, WorkflowWatchTimeoutError (the workflow
 * goes on), and the engine's and the store's own errors.
 */
export async function adviseRemotely(options: RemoteAdviseOptions): Promise<RemoteAdvice> {
  const { engine, documents } = options;
  const request = parseAdviseRequest(options.request);
  const parameters = { ...options.parameters, artifact_prefix: artifactPrefixOf(documents.layout) };
  const name = adviseWorkflowName(request, parameters, options.nonce);
  const key = requestKey(documents.layout, ADVISER, name);

  let status: WorkflowStatus;
  let outcome: SubmitResult['outcome'];
  if ((await engine.get(name)) !== undefined) {
    // Asked before with the same request: follow that workflow (its request is stored already).
    outcome = 'already-exists';
    options.onSubmitted?.({ outcome, name });
    status = await engine.watch(name, options.watch);
  } else {
    const stored = await documents.store.exists(key);
    await documents.putRequest(ADVISER, name, request);
    let accepted = false;
    try {
      ({ outcome, status } = await submitAndWatch(
        engine,
        {
          template: ADVISE_TEMPLATE,
          name,
          parameters,
          ...(options.labels === undefined ? {} : { labels: options.labels }),
        },
        {
          ...options.watch,
          onSubmitted: (result) => {
            accepted = true;
            options.onSubmitted?.(result);
          },
        },
      ));
    } catch (error) {
      // Refused: leave the store as it was. The submission's error is the one worth reporting; a
      // request left behind when the removal fails too is inert (no workflow will read it).
      if (!accepted && !stored) await documents.store.delete(key).catch(() => undefined);
      throw error;
    }
  }
  if (status.phase !== 'Succeeded') throw new AdviseWorkflowFailedError(status, failingNode(status));
  let raw: unknown;
  try {
    raw = await documents.getDocument(ADVISER, name);
  } catch (error) {
    if (error instanceof ArtifactNotFoundError)
      throw new AdviseResultMissingError(name, key.replace(/\.request$/, ''), documents.store.location, {
        cause: error,
      });
    throw error;
  }
  return { name, outcome, status, document: parseDocument(ADVISER, raw) };
}
