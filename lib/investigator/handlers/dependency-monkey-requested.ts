// DependencyMonkeyRequested v1: a user asked for a dependency-monkey run over a stored request.
import { schedule } from '../schedule.js';
import { defineHandler } from './define.js';

export const dependencyMonkeyRequested = defineHandler<'DependencyMonkeyRequested', 1>({
  type: 'DependencyMonkeyRequested',
  version: 1,
  description: 'submit the dependency-monkey workflow for the stored request',
  async handle(message, context) {
    const p = message.payload;
    // limit_latest_versions has no template parameter: the step reads it from the stored request.
    await schedule(context, {
      kind: 'dependency-monkey',
      key: p.document_id,
      name: p.document_id,
      template: 'thoth-dependency-monkey',
      parameters: {
        decision_type: p.decision_type,
        count: String(p.count),
        seed: String(p.seed),
        dry_run: String(p.dry_run),
        artifact_prefix: context.policy.artifactPrefix,
      },
    });
  },
});
