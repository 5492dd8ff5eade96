// AdviserReRun v1: an adviser run that lacked knowledge can now be answered. Copy its stored request
// to the re-run's document id and submit the advise workflow under that id, once.
import { adviserRun } from '../../graph/index.js';
import { requestKey } from '../../storage/index.js';
import { ArtifactsNotConfiguredError, MissingRequestError } from '../errors.js';
import { reRunDocumentId } from '../learn.js';
import { schedule } from '../schedule.js';
import { defineHandler } from './define.js';

const RECOMMENDATION_TYPES = new Set(['latest', 'stable', 'testing', 'performance', 'security']);

export const adviserReRun = defineHandler<'AdviserReRun', 1>({
  type: 'AdviserReRun',
  version: 1,
  description: 'submit the advise workflow again for the original request, under a deterministic id',
  async handle(message, context) {
    const original = message.payload.original_document_id;
    const documentId = reRunDocumentId(original);
    const run = await adviserRun(context.graph, original);
    const parameters: Record<string, string> = { artifact_prefix: context.policy.artifactPrefix };
    if (run?.recommendationType != null && RECOMMENDATION_TYPES.has(run.recommendationType)) {
      parameters['recommendation_type'] = run.recommendationType;
    }
    await schedule(context, {
      kind: 'advise',
      key: `re-run:${original}`,
      name: documentId,
      template: 'thoth-advise',
      parameters,
      labels: { 'thoth-station.ninja/re-run-of': original },
      // The workflow reads its request at <prefix>/<deployment>/adviser/<its name>.request.
      onClaim: async () => {
        const artifacts = context.artifacts;
        if (artifacts === undefined) throw new ArtifactsNotConfiguredError(original);
        const from = requestKey(artifacts.layout, 'adviser', original);
        if (!(await artifacts.store.exists(from))) throw new MissingRequestError(original, from);
        const to = requestKey(artifacts.layout, 'adviser', documentId);
        await artifacts.store.put(to, await artifacts.store.get(from), { contentType: 'application/json' });
      },
    });
  },
});
