// Turning a decision into exactly one workflow: claim the job (kind, key) and submit its workflow in
// one graph transaction, under a deterministic name.
//
// Why one transaction: the job row only becomes visible when the submit succeeded. A crash between
// claim and submit rolls the claim back, so the redelivered message claims again; a crash between
// submit and commit leaves a workflow without a row, so the redelivered message claims again and the
// engine answers `already-exists` for the same name. Either way one workflow, one job row. Two
// consumers racing on one key serialize on the row's unique index: the second one waits for the
// first transaction and then sees the job in flight. (The original Thoth named workflows randomly and
// had no job table, so every redelivery started another workflow; thoth-pipeline.md §3.3.)
//
// Back-pressure: when a kind already has `limit` submitted jobs, the claim is rolled back and the
// handler waits (holding its record, which pauses its partition only) and looks again, heartbeating.
// It never fails the record for this, so an overloaded cluster slows consumption instead of filling
// the dead letters; a stop cuts the wait short and the record is delivered again.
import { ThothError } from '../errors/index.js';
import { claimJob, jobCounts } from '../graph/index.js';
import type { SqlExecutor } from '../graph/index.js';
import { workflowName } from '../workflows/index.js';
import { InterruptedError } from './errors.js';
import type { HandlerContext, JobKind, ScheduleRequest } from './types.js';

export type ScheduleOutcome =
  /** The engine accepted the workflow now, or already had it under this name (after a crash). */
  | { outcome: 'submitted' | 'already-exists'; name: string; attempt: number }
  /** The job table says nothing is to be done now (see ClaimOutcome in lib/graph). */
  | { outcome: 'in-flight' | 'done' | 'exhausted' | 'backoff'; name: string | null }
  /** `isKnown` said the graph already has what the workflow would produce. */
  | { outcome: 'known'; name: null };

/** Internal signal to roll back and wait; a ThothError so the graph store rethrows it unchanged. */
class AtCapacity extends ThothError {
  constructor(
    readonly kind: JobKind,
    readonly submitted: number,
    readonly limit: number,
  ) {
    super('at-capacity', `${kind} is at its limit (${submitted}/${limit})`, { retriable: true });
  }
}

/** The workflow name of a job attempt: `<kind>-<hash(key)>`, and `<kind>-<hash(key#attempt)>` for retries. */
export function jobWorkflowName(kind: JobKind, key: string, attempt: number): string {
  return workflowName(kind, attempt === 1 ? key : `${key}#${attempt}`);
}

function sleep(ms: number, signal: AbortSignal, kind: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new InterruptedError(kind));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new InterruptedError(kind));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Schedule one workflow exactly once for (kind, key); see the module comment. `isKnown` runs first in
 * the same transaction and skips the work when the graph already has its result.
 */
export async function schedule(
  context: HandlerContext,
  request: ScheduleRequest & { isKnown?: (tx: SqlExecutor) => Promise<boolean> },
): Promise<ScheduleOutcome> {
  const { policy, metrics } = context;
  const { kind, key } = request;
  for (;;) {
    try {
      const outcome = await context.graph.transaction(async (tx): Promise<ScheduleOutcome> => {
        if (request.isKnown !== undefined && (await request.isKnown(tx))) {
          return { outcome: 'known', name: null };
        }
        const fixedName = request.name;
        const claim = await claimJob(tx, {
          kind,
          key,
          workflowName: (attempt) => fixedName ?? jobWorkflowName(kind, key, attempt),
          // A fixed name is the requester's document id: a second attempt would need a second name.
          maxAttempts: fixedName === undefined ? policy.maxJobAttempts : 1,
          now: context.now(),
        });
        switch (claim.outcome) {
          case 'in-flight':
          case 'done':
            return { outcome: claim.outcome, name: claim.workflowName };
          case 'exhausted':
          case 'backoff':
            return { outcome: claim.outcome, name: null };
          case 'claimed':
            break;
        }
        const limit = policy.limits[kind];
        if (limit !== undefined) {
          // Counted inside the transaction, so the row just claimed is included.
          const { submitted } = await jobCounts(tx, kind);
          if (submitted > limit) throw new AtCapacity(kind, submitted - 1, limit);
        }
        await request.onClaim?.(tx, claim.workflowName);
        const result = await context.engine.submit({
          template: request.template,
          name: claim.workflowName,
          parameters: request.parameters,
          ...(request.labels === undefined ? {} : { labels: request.labels }),
        });
        return { outcome: result.outcome, name: result.name, attempt: claim.attempt };
      });
      if (outcome.outcome === 'submitted' || outcome.outcome === 'already-exists') {
        metrics.scheduled.inc({ kind, outcome: outcome.outcome });
        context.log.info(
          { kind, key, workflow: outcome.name, attempt: outcome.attempt, outcome: outcome.outcome },
          'workflow scheduled',
        );
      } else {
        metrics.skipped.inc({ kind, reason: outcome.outcome });
        context.log.debug(
          { kind, key, workflow: outcome.name, outcome: outcome.outcome },
          'workflow skipped',
        );
      }
      return outcome;
    } catch (error) {
      if (!(error instanceof AtCapacity)) throw error;
      metrics.backPressure.inc({ kind });
      context.log.info(
        { kind, key, submitted: error.submitted, limit: error.limit },
        'kind at its limit, waiting for capacity',
      );
      await sleep(policy.backPressurePollMs, context.signal, kind);
      await context.heartbeat().catch(() => undefined);
    }
  }
}
