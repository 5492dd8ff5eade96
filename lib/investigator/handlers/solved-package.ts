// SolvedPackage v1: a solver finished a release in one environment. Analyse its sources once (not once
// per solver, as the original did, §3.4), then announce an AdviserReRun for every adviser run whose
// missing packages are now all known; marking the run in the same transaction makes that happen once.
import { markReRunScheduled, pendingReRunsFor } from '../../graph/index.js';
import { emittedEnvelope } from '../envelope.js';
import { learnAboutSecurity, readyReRuns, reRunDocumentId } from '../learn.js';
import { defineHandler } from './define.js';

export const solvedPackage = defineHandler<'SolvedPackage', 1>({
  type: 'SolvedPackage',
  version: 1,
  description: 'schedule security indicators once per release; announce adviser re-runs that became possible',
  async handle(message, context) {
    const p = message.payload;
    await learnAboutSecurity(context, {
      name: p.package_name,
      version: p.package_version,
      indexUrl: p.index_url,
    });
    const pending = await pendingReRunsFor(context.graph, p.package_name);
    for (const { run, solved } of await readyReRuns(context, pending)) {
      const reRunId = reRunDocumentId(run.documentId);
      const envelope = emittedEnvelope(context, message, {
        type: 'AdviserReRun',
        version: 1,
        key: `adviser:${run.documentId}`,
        payload: {
          original_document_id: run.documentId,
          solved: solved.map((s) => ({
            package_name: s.name,
            package_version: s.version,
            index_url: s.indexUrl,
          })),
        },
      });
      // Published inside the transaction: a failed publish rolls the mark back (the run stays
      // pending); a crash after publishing and before commit announces it again, which the
      // AdviserReRun handler absorbs through its job.
      const announced = await context.graph.transaction(async (tx) => {
        if (!(await markReRunScheduled(tx, run.runId, reRunId))) return false;
        await context.publish([envelope]);
        return true;
      });
      if (announced) {
        context.metrics.reRuns.inc();
        context.log.info({ documentId: run.documentId, reRunId }, 'adviser re-run announced');
      }
    }
  },
});
