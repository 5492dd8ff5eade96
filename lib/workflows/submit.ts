// submitAndWatch: the usual caller's sequence: submit under a deterministic name and wait for the end.
// An already-existing workflow is watched instead, so a redelivered message waits for the first run.
import type { SubmitRequest, SubmitResult, WatchOptions, WorkflowEngine, WorkflowStatus } from './types.js';

export interface SubmitAndWatchOptions extends WatchOptions {
  /**
   * Called once the engine has accepted the submission (or found the name taken), before watching:
   * from then on a failure is the watch's, and the workflow exists.
   */
  onSubmitted?: (result: SubmitResult) => void;
}

export async function submitAndWatch(
  engine: WorkflowEngine,
  request: SubmitRequest,
  options: SubmitAndWatchOptions = {},
): Promise<{ outcome: 'submitted' | 'already-exists'; status: WorkflowStatus }> {
  const { onSubmitted, ...watch } = options;
  const submitted = await engine.submit(request);
  onSubmitted?.(submitted);
  return { outcome: submitted.outcome, status: await engine.watch(submitted.name, watch) };
}
