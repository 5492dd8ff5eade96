// The workflow engine as the pipeline of this process sees it: every submission is followed until it
// finishes (for the pipeline's activity and the run's statistics), and templates this command does not
// run are deferred. `thoth advise` runs thoth-solve only: the security indicators a SolvedPackage also
// asks for take minutes per release (download, bandit, cloc) and are no part of answering the user.
// A deferred submission is accepted without running; its job stays `submitted` until `thoth up`'s
// reconciler finds no workflow under that name and, after its grace period, marks it failed so the
// next message about that release schedules it again.
import type { Logger } from '../log/index.js';
import { silentLogger } from '../log/index.js';
import type {
  ListOptions,
  SubmitRequest,
  SubmitResult,
  WatchOptions,
  WorkflowEngine,
  WorkflowLogLine,
  WorkflowStatus,
  WorkflowSummary,
} from '../workflows/index.js';
import type { PipelineActivity } from './activity.js';

/** A workflow this process submitted and saw finish. */
export interface FinishedWorkflow {
  name: string;
  template: string;
  phase: WorkflowStatus['phase'];
  parameters: Record<string, string>;
}

export interface TrackedEngineOptions {
  /** Templates run; any other submission is deferred. Undefined: run everything. */
  runTemplates?: readonly string[];
  activity: PipelineActivity;
  logger?: Logger;
  /** Called when a workflow this process submitted finishes. */
  onFinished?: (workflow: FinishedWorkflow) => void;
}

export class TrackedWorkflowEngine implements WorkflowEngine {
  readonly kind: string;
  readonly finished: FinishedWorkflow[] = [];
  readonly deferred: SubmitRequest[] = [];
  private readonly following = new Set<Promise<void>>();
  private readonly logger: Logger;

  constructor(
    private readonly inner: WorkflowEngine,
    private readonly options: TrackedEngineOptions,
  ) {
    this.kind = inner.kind;
    this.logger = (options.logger ?? silentLogger).child({ component: 'pipeline-engine' });
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const run = this.options.runTemplates;
    if (run !== undefined && !run.includes(request.template)) {
      this.deferred.push(request);
      this.logger.info({ workflow: request.name, template: request.template }, 'workflow deferred');
      return { outcome: 'submitted', name: request.name };
    }
    const result = await this.inner.submit(request);
    if (result.outcome === 'submitted') this.follow(request);
    return result;
  }

  private follow(request: SubmitRequest): void {
    this.options.activity.workflowStarted();
    const followed: Promise<void> = this.inner
      .watch(request.name)
      .then(
        (status) => {
          const workflow: FinishedWorkflow = {
            name: request.name,
            template: request.template,
            phase: status.phase,
            parameters: status.parameters,
          };
          this.finished.push(workflow);
          this.options.onFinished?.(workflow);
        },
        (error: unknown) =>
          this.logger.warn({ workflow: request.name, err: error }, 'cannot follow workflow'),
      )
      .finally(() => {
        this.options.activity.workflowFinished();
        this.following.delete(followed);
      });
    this.following.add(followed);
  }

  /** Workflows submitted by this process and still running. */
  get running(): number {
    return this.following.size;
  }

  get(name: string): Promise<WorkflowStatus | undefined> {
    return this.inner.get(name);
  }

  watch(name: string, options?: WatchOptions): Promise<WorkflowStatus> {
    return this.inner.watch(name, options);
  }

  logs(name: string, options?: { node?: string }): Promise<WorkflowLogLine[]> {
    return this.inner.logs(name, options);
  }

  list(options?: ListOptions): Promise<WorkflowSummary[]> {
    return this.inner.list(options);
  }

  /** Wait for every workflow this process started, then release the engine. */
  async close(): Promise<void> {
    await Promise.all([...this.following]);
    await this.inner.close();
  }
}
