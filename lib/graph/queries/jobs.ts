// The job table: idempotency and bounded retries for every piece of work Thoth schedules. A message
// redelivered while its workflow runs finds the job in flight and does nothing; a failed job is
// retried after a backoff until it has used `max_attempts`, then it is `exhausted` and left alone.
import type { SqlExecutor } from '../types.js';

export type JobStatus = 'pending' | 'submitted' | 'succeeded' | 'failed' | 'exhausted';

export type ClaimOutcome =
  /** Go ahead: submit `workflowName` (attempt 1 or a retry). */
  | { outcome: 'claimed'; attempt: number; workflowName: string }
  /** Already submitted and not finished: do nothing. */
  | { outcome: 'in-flight'; workflowName: string | null }
  /** Already done: do nothing. */
  | { outcome: 'done'; workflowName: string | null }
  /** Failed too often: do nothing until someone resets it. */
  | { outcome: 'exhausted'; attempts: number; lastError: string | null }
  /** Failed recently: retry no earlier than `nextRetryAt`. */
  | { outcome: 'backoff'; nextRetryAt: Date };

export interface ClaimRequest {
  kind: string;
  key: string;
  /** Workflow name for an attempt; attempts after the first need a new name (Argo keeps old ones until TTL). */
  workflowName: (attempt: number) => string;
  maxAttempts?: number;
  now: Date;
}

interface JobRow {
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  next_retry_at: Date | string | null;
  workflow_name: string | null;
  last_error: string | null;
}

/**
 * Decide whether work identified by (kind, key) should be submitted now, and record the decision.
 * Call inside the same transaction that submits or records the submission, so two consumers racing
 * on the same key serialize on the row lock and only one of them claims it.
 */
export async function claimJob(db: SqlExecutor, request: ClaimRequest): Promise<ClaimOutcome> {
  const first = request.workflowName(1);
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO job (kind, key, status, attempts, max_attempts, workflow_name, updated_at)
     VALUES ($1, $2, 'submitted', 1, $3, $4, $5) ON CONFLICT (kind, key) DO NOTHING RETURNING id`,
    [request.kind, request.key, request.maxAttempts ?? 3, first, request.now],
  );
  if (inserted.length > 0) return { outcome: 'claimed', attempt: 1, workflowName: first };

  const [job] = await db.query<JobRow>(
    `SELECT status, attempts, max_attempts, next_retry_at, workflow_name, last_error
     FROM job WHERE kind = $1 AND key = $2 FOR UPDATE`,
    [request.kind, request.key],
  );
  if (job === undefined) throw new Error(`job ${request.kind}/${request.key} vanished while claiming`);
  switch (job.status) {
    case 'pending':
    case 'submitted':
      return { outcome: 'in-flight', workflowName: job.workflow_name };
    case 'succeeded':
      return { outcome: 'done', workflowName: job.workflow_name };
    case 'exhausted':
      return { outcome: 'exhausted', attempts: job.attempts, lastError: job.last_error };
    case 'failed': {
      if (job.attempts >= job.max_attempts) {
        await db.query(`UPDATE job SET status = 'exhausted', updated_at = $3 WHERE kind = $1 AND key = $2`, [
          request.kind,
          request.key,
          request.now,
        ]);
        return { outcome: 'exhausted', attempts: job.attempts, lastError: job.last_error };
      }
      if (job.next_retry_at !== null && new Date(job.next_retry_at) > request.now) {
        return { outcome: 'backoff', nextRetryAt: new Date(job.next_retry_at) };
      }
      const attempt = job.attempts + 1;
      const workflowName = request.workflowName(attempt);
      await db.query(
        `UPDATE job SET status = 'submitted', attempts = $3, workflow_name = $4, next_retry_at = NULL, updated_at = $5
         WHERE kind = $1 AND key = $2`,
        [request.kind, request.key, attempt, workflowName, request.now],
      );
      return { outcome: 'claimed', attempt, workflowName };
    }
  }
}

/** Record the end of a job's current attempt. A failure schedules the next attempt after `retryAfterMs`. */
export async function finishJob(
  db: SqlExecutor,
  job: { kind: string; key: string },
  result: { succeeded: true } | { succeeded: false; error: string; retryAfterMs: number },
  now: Date,
): Promise<void> {
  if (result.succeeded) {
    await db.query(
      `UPDATE job SET status = 'succeeded', last_error = NULL, next_retry_at = NULL, updated_at = $3
       WHERE kind = $1 AND key = $2`,
      [job.kind, job.key, now],
    );
    return;
  }
  await db.query(
    `UPDATE job SET status = CASE WHEN attempts >= max_attempts THEN 'exhausted' ELSE 'failed' END,
       last_error = $3, next_retry_at = $4, updated_at = $5
     WHERE kind = $1 AND key = $2`,
    [job.kind, job.key, result.error, new Date(now.getTime() + result.retryAfterMs), now],
  );
}

/** Number of jobs per status for one kind: the queue depth operators watch instead of listing workflows. */
export async function jobCounts(db: SqlExecutor, kind: string): Promise<Record<JobStatus, number>> {
  const rows = await db.query<{ status: JobStatus; n: number }>(
    'SELECT status, count(*)::int AS n FROM job WHERE kind = $1 GROUP BY status',
    [kind],
  );
  const counts: Record<JobStatus, number> = {
    pending: 0,
    submitted: 0,
    succeeded: 0,
    failed: 0,
    exhausted: 0,
  };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
