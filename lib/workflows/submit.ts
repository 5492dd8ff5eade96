// submitAndWatch: the usual caller's sequence: submit under a deterministic name and wait for the end.
// An already-existing workflow is watched instead, so a redelivered message waits for the first run.
import type { SubmitRequest, WatchOptions, WorkflowEngine, WorkflowStatus } from './types.js';

export async function submitAndWatch(
  engine: WorkflowEngine,
  request: SubmitRequest,
  options: WatchOptions = {},
): Promise<{ outcome: 'submitted' | 'already-exists'; status: WorkflowStatus }> {
  const { outcome, name } = await engine.submit(request);
  return { outcome, status: await engine.watch(name, options) };
}
