// AdviseRequested v1: a user asked for advice; the request is stored under the document id, which is
// also the workflow's name.
import { schedule } from '../schedule.js';
import { defineHandler } from './define.js';

export const adviseRequested = defineHandler<'AdviseRequested', 1>({
  type: 'AdviseRequested',
  version: 1,
  description: 'submit the advise workflow for the stored request',
  async handle(message, context) {
    const p = message.payload;
    await schedule(context, {
      kind: 'advise',
      key: p.document_id,
      name: p.document_id,
      template: 'thoth-advise',
      parameters: {
        recommendation_type: p.recommendation_type,
        artifact_prefix: context.policy.artifactPrefix,
      },
      labels: { 'thoth-station.ninja/source-type': p.source_type },
    });
  },
});
