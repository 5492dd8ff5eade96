// The periodic jobs of `thoth up`: the CronWorkflows of workflows/ (graph-refresh, package-releases,
// package-update, cve-update), scheduled on this machine from their own `schedule`, `timezone` and
// `concurrencyPolicy`, and submitted to the workflow engine as Argo's controller would. A slot's
// workflow name is derived from the CronWorkflow and the slot, so a slot runs once even if two
// schedulers share an engine. `Forbid` skips a slot while the previous run is still going; a missed
// slot (the machine was off) is not caught up, as with `startingDeadlineSeconds` passed.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { silentLogger } from '../log/index.js';
import { workflowName } from '../workflows/index.js';
import type { WorkflowEngine, WorkflowStatus } from '../workflows/index.js';
import { nextSlot, parseCron } from './cron.js';
import type { CronSchedule } from './cron.js';

export interface PeriodicJob {
  /** The CronWorkflow's name, e.g. `thoth-graph-refresh`. */
  name: string;
  schedules: CronSchedule[];
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  file: string;
}

/** Read every CronWorkflow of a workflows/ directory; throws InputError naming file and field. */
export async function readPeriodicJobs(workflowsDir: string): Promise<PeriodicJob[]> {
  const jobs: PeriodicJob[] = [];
  for (const file of (await readdir(workflowsDir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const path = join(workflowsDir, file);
    for (const doc of parseAllDocuments(await readFile(path, 'utf8'))) {
      const raw = doc.toJS() as {
        kind?: string;
        metadata?: { name?: string };
        spec?: { schedule?: string; schedules?: string[]; timezone?: string; concurrencyPolicy?: string };
      } | null;
      if (raw?.kind !== 'CronWorkflow') continue;
      const name = raw.metadata?.name;
      const spec = raw.spec ?? {};
      if (name === undefined) throw new InputError(`${path}: CronWorkflow without metadata.name`);
      const timezone = spec.timezone ?? 'Etc/UTC';
      if (!['Etc/UTC', 'UTC'].includes(timezone))
        throw new InputError(
          `${path}: ${name} has timezone "${timezone}"; thoth up schedules in Etc/UTC only`,
        );
      const texts = [...(spec.schedule === undefined ? [] : [spec.schedule]), ...(spec.schedules ?? [])];
      if (texts.length === 0) throw new InputError(`${path}: ${name} has no schedule`);
      const policy = spec.concurrencyPolicy ?? 'Allow';
      if (policy !== 'Allow' && policy !== 'Forbid' && policy !== 'Replace')
        throw new InputError(`${path}: ${name} has concurrencyPolicy "${policy}"`);
      let schedules: CronSchedule[];
      try {
        schedules = texts.map(parseCron);
      } catch (error) {
        throw new InputError(`${path}: ${name}: ${(error as Error).message}`, { cause: error });
      }
      jobs.push({ name, schedules, concurrencyPolicy: policy, file: path });
    }
  }
  return jobs;
}

export interface PeriodicRun {
  job: string;
  workflow: string;
  phase: WorkflowStatus['phase'];
  message?: string;
}

export interface PeriodicSchedulerOptions {
  engine: WorkflowEngine;
  jobs: readonly PeriodicJob[];
  clock?: () => Date;
  logger?: Logger;
  onFinished?: (run: PeriodicRun) => void;
}

export class PeriodicScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly runs = new Map<string, Promise<PeriodicRun | undefined>>();
  private readonly logger: Logger;
  private readonly clock: () => Date;
  private stopped = false;

  constructor(private readonly options: PeriodicSchedulerOptions) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'periodic-jobs' });
    this.clock = options.clock ?? (() => new Date());
  }

  /** Submit one run of `job` under the name of `slot` (a slot or `once:<instant>`); resolve when it ends. */
  async run(job: PeriodicJob, slot: string): Promise<PeriodicRun | undefined> {
    const previous = this.runs.get(job.name);
    if (previous !== undefined && job.concurrencyPolicy === 'Forbid') {
      this.logger.info({ job: job.name, slot }, 'previous run still going; slot skipped');
      return undefined;
    }
    const name = workflowName(job.name, slot);
    const result = await this.options.engine.submit({
      template: job.name,
      resourceKind: 'CronWorkflow',
      name,
      labels: { 'thoth-station.ninja/cron-workflow': job.name },
    });
    this.logger.info(
      { job: job.name, workflow: name, slot, outcome: result.outcome },
      'periodic job submitted',
    );
    const running = this.options.engine.watch(name).then((status): PeriodicRun => {
      const run: PeriodicRun = {
        job: job.name,
        workflow: name,
        phase: status.phase,
        ...(status.message === undefined ? {} : { message: status.message }),
      };
      this.logger.info({ ...run }, 'periodic job finished');
      this.options.onFinished?.(run);
      return run;
    });
    const tracked = running.finally(() => {
      if (this.runs.get(job.name) === tracked) this.runs.delete(job.name);
    });
    this.runs.set(job.name, tracked);
    return tracked;
  }

  /** Run every job once now (`thoth up --once`), all at the same time; resolve with their outcomes. */
  async runAllOnce(): Promise<PeriodicRun[]> {
    const slot = `once:${this.clock().toISOString()}`;
    const runs = await Promise.all(this.options.jobs.map((job) => this.run(job, slot)));
    return runs.filter((r): r is PeriodicRun => r !== undefined);
  }

  /** Arm a timer for every job's next slot, re-arming after each. */
  start(): void {
    for (const job of this.options.jobs) this.arm(job);
  }

  private arm(job: PeriodicJob): void {
    if (this.stopped) return;
    const now = this.clock();
    const slots = job.schedules.map((s) => nextSlot(s, now)).filter((d): d is Date => d !== undefined);
    if (slots.length === 0) return;
    const next = new Date(Math.min(...slots.map((d) => d.getTime())));
    // setTimeout holds at most ~24.8 days; longer waits re-arm on the way.
    const delay = Math.min(next.getTime() - now.getTime(), 2 ** 31 - 1);
    this.logger.debug({ job: job.name, next: next.toISOString() }, 'next slot');
    this.timers.set(
      job.name,
      setTimeout(() => {
        if (this.clock().getTime() >= next.getTime())
          this.run(job, next.toISOString()).catch((error: unknown) =>
            this.logger.error({ job: job.name, err: error }, 'periodic job failed to start'),
          );
        this.arm(job);
      }, delay),
    );
  }

  /** No new slots; wait for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.runs.values()]);
  }
}
