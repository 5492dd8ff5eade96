// ProvenanceCheckRequested v1: a user asked for a provenance check of a stored request.
import { schedule } from '../schedule.js';
import { defineHandler } from './define.js';

export const provenanceCheckRequested = defineHandler<'ProvenanceCheckRequested', 1>({
  type: 'ProvenanceCheckRequested',
  version: 1,
  description: 'submit the provenance-check workflow for the stored request',
  async handle(message, context) {
    const p = message.payload;
    await schedule(context, {
      kind: 'provenance-check',
      key: p.document_id,
      name: p.document_id,
      template: 'thoth-provenance-check',
      parameters: { artifact_prefix: context.policy.artifactPrefix },
    });
  },
});
