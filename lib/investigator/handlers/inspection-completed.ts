// InspectionCompleted v1: an inspection finished; sync its document into the graph. A forced sync is
// keyed by the message id so a new request syncs again while a redelivery does not.
import { schedule } from '../schedule.js';
import { defineHandler } from './define.js';

export const inspectionCompleted = defineHandler<'InspectionCompleted', 1>({
  type: 'InspectionCompleted',
  version: 1,
  description: 'submit the graph-sync workflow for the inspection document',
  async handle(message, context) {
    const p = message.payload;
    await schedule(context, {
      kind: 'graph-sync',
      key: p.force_sync
        ? `inspection:${p.inspection_id}:force:${message.id}`
        : `inspection:${p.inspection_id}`,
      template: 'thoth-graph-sync',
      parameters: {
        document_type: 'inspection',
        document_id: p.inspection_id,
        force_sync: String(p.force_sync),
        artifact_prefix: context.policy.artifactPrefix,
      },
    });
  },
});
