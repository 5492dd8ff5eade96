// Follow-up of submitted jobs: ask the engine how each one's workflow ended and record it in the job
// table (finishJob), so back-pressure counts only work that is really in flight and failed work can be
// retried a bounded number of times. One `get` per submitted job (bounded by the per-kind limits),
// never a listing of every workflow in the namespace (the original's wait_for_limit, §3.1).
import { finishJob, submittedJobCounts, submittedJobs } from '../graph/index.js';
import type { GraphStore } from '../graph/index.js';
import type { Logger } from '../log/index.js';
import type { WorkflowEngine } from '../workflows/index.js';
import type { InvestigatorMetrics } from './metrics.js';
import { JOB_KINDS } from './types.js';

export interface ReconcileOptions {
  graph: GraphStore;
  engine: WorkflowEngine;
  metrics: InvestigatorMetrics;
  logger: Logger;
  now: () => Date;
  /** Most jobs looked at per pass. */
  batch: number;
  /** Wait before retrying a failed job's workflow (the job table's next_retry_at). */
  retryAfterMs: number;
  /**
   * A submitted job whose workflow the engine does not know (deleted by its TTL before we saw it end,
   * or lost) is counted failed once it is older than this; younger ones may still be appearing.
   */
  notFoundGraceMs: number;
}

export interface ReconcileResult {
  checked: number;
  succeeded: number;
  failed: number;
}

/** One pass over the oldest submitted jobs. */
export async function reconcileJobs(options: ReconcileOptions): Promise<ReconcileResult> {
  const { graph, engine, metrics } = options;
  const result: ReconcileResult = { checked: 0, succeeded: 0, failed: 0 };
  for (const job of await submittedJobs(graph, options.batch)) {
    result.checked++;
    if (job.workflowName === null) continue;
    const status = await engine.get(job.workflowName);
    const now = options.now();
    if (status === undefined) {
      if (now.getTime() - job.updatedAt.getTime() < options.notFoundGraceMs) continue;
      await finishJob(
        graph,
        job,
        { succeeded: false, error: 'workflow-not-found', retryAfterMs: options.retryAfterMs },
        now,
      );
      metrics.finishedJobs.inc({ kind: job.kind, status: 'not-found' });
      result.failed++;
      continue;
    }
    if (status.phase === 'Succeeded') {
      await finishJob(graph, job, { succeeded: true }, now);
      metrics.finishedJobs.inc({ kind: job.kind, status: 'succeeded' });
      result.succeeded++;
    } else if (status.phase === 'Failed' || status.phase === 'Error') {
      const error = `${status.phase}: ${status.message ?? 'no message'}`.slice(0, 1000);
      await finishJob(graph, job, { succeeded: false, error, retryAfterMs: options.retryAfterMs }, now);
      metrics.finishedJobs.inc({ kind: job.kind, status: 'failed' });
      options.logger.info({ kind: job.kind, key: job.key, workflow: job.workflowName, error }, 'job failed');
      result.failed++;
    }
  }
  const counts = await submittedJobCounts(graph);
  for (const kind of new Set([...JOB_KINDS, ...counts.keys()])) {
    metrics.submittedJobs.set({ kind }, counts.get(kind) ?? 0);
  }
  return result;
}
