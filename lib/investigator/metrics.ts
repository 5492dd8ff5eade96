// The investigator's metrics: message outcomes from the bus's instrumentation hooks, workflows
// scheduled and skipped per kind, back-pressure waits and the job-table queue depth. Names follow the
// original investigator's (thoth_investigator_*, reference/thoth-pipeline.md §3.1) where one existed.
import type { MessagingInstrumentation } from '../messaging/index.js';
import { Registry } from './prometheus.js';
import type { Counter, Gauge } from './prometheus.js';

export class InvestigatorMetrics {
  readonly registry = new Registry();
  readonly processed: Counter = this.registry.counter(
    'thoth_investigator_processed_total',
    'Messages handled successfully, by topic',
  );
  readonly failed: Counter = this.registry.counter(
    'thoth_investigator_failures_total',
    'Failed handler attempts, by topic and whether another attempt follows',
  );
  readonly deadLettered: Counter = this.registry.counter(
    'thoth_investigator_dead_lettered_total',
    'Messages moved to their dead-letter topic, by topic and reason kind',
  );
  readonly inFlight: Gauge = this.registry.gauge(
    'thoth_investigator_in_progress',
    'Messages being handled right now',
  );
  readonly lag: Gauge = this.registry.gauge(
    'thoth_investigator_consumer_lag',
    'Records left to read after the last handled one, by topic and partition',
  );
  readonly rebalances: Counter = this.registry.counter(
    'thoth_investigator_rebalances_total',
    'Partition assignments received by this consumer',
  );
  readonly crashes: Counter = this.registry.counter(
    'thoth_investigator_consumer_crashes_total',
    'Consumer crashes, by whether the consumer restarted by itself',
  );
  readonly scheduled: Counter = this.registry.counter(
    'thoth_investigator_scheduled_workflows_total',
    'Workflow submissions by kind and engine answer (submitted, already-exists)',
  );
  readonly skipped: Counter = this.registry.counter(
    'thoth_investigator_skipped_total',
    'Work not scheduled, by kind and reason (known, in-flight, done, exhausted, backoff, …)',
  );
  readonly backPressure: Counter = this.registry.counter(
    'thoth_investigator_back_pressure_waits_total',
    'Waits because a kind had reached its limit of submitted jobs',
  );
  readonly submittedJobs: Gauge = this.registry.gauge(
    'thoth_investigator_submitted_jobs',
    'Jobs submitted and not yet seen finishing, by kind (from the job table)',
  );
  readonly finishedJobs: Counter = this.registry.counter(
    'thoth_investigator_finished_jobs_total',
    'Jobs the reconciler saw finish, by kind and status',
  );
  readonly flags: Counter = this.registry.counter(
    'thoth_investigator_flags_total',
    'Graph flags set, by flag (is_missing, provides_source_distro, file_absent)',
  );
  readonly cveProvided: Counter = this.registry.counter(
    'thoth_investigator_cve_provided_total',
    'CVEProvided messages recorded',
  );
  readonly reRuns: Counter = this.registry.counter(
    'thoth_investigator_adviser_re_runs_total',
    'AdviserReRun messages announced for adviser runs whose missing packages are now known',
  );

  /** Hooks to pass to MessageBus.subscribe so message outcomes land in these metrics. */
  instrumentation(): MessagingInstrumentation {
    return {
      processed: (e) => this.processed.inc({ topic: e.topic }),
      failed: (e) => this.failed.inc({ topic: e.topic, will_retry: String(e.willRetry) }),
      deadLettered: (e) => this.deadLettered.inc({ topic: e.topic, reason: e.reason.kind }),
      inFlight: (e) => this.inFlight.set({}, e.count),
      lag: (e) => this.lag.set({ topic: e.topic, partition: e.partition }, e.lag),
      rebalanced: () => this.rebalances.inc(),
      crashed: (e) => this.crashes.inc({ restart: String(e.restart) }),
    };
  }

  render(): string {
    return this.registry.render();
  }
}
