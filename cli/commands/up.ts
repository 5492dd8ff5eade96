// `thoth up`: the pipeline as a long-running service on one machine. The investigator consumes the
// bus (Kafka when THOTH_KAFKA_BROKERS is set, else the embedded bus persisted under THOTH_HOME/bus),
// the local engine runs the workflows it submits with the steps in process, and the periodic jobs
// (the CronWorkflows of workflows/: graph-refresh, package-releases, package-update, cve-update) run on
// their own schedules. `--once` runs each periodic job once, lets the pipeline finish what follows
// from it and from messages already waiting, and exits. SIGINT/SIGTERM stop cleanly: no new records
// or slots; records in hand finish and are committed; running workflows finish; then connections close.
import { Command } from 'commander';
import { homedir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { assetPath } from '../../lib/assets/index.js';
import type { EnvironmentIdentity, RuntimeEnvironment } from '../../lib/contracts/index.js';
import { InputError } from '../../lib/errors/index.js';
import { migrate } from '../../lib/graph/index.js';
import {
  INVESTIGATOR_VARIABLES,
  IndexVersionSource,
  readInvestigatorConfig,
} from '../../lib/investigator/index.js';
import { learningTarget } from '../../lib/learning/environment.js';
import { createLogger } from '../../lib/log/index.js';
import { EmbeddedMessageBus, KafkaMessageBus, contractCodec } from '../../lib/messaging/index.js';
import type { MessageBus } from '../../lib/messaging/index.js';
import {
  PeriodicScheduler,
  Pipeline,
  RUNTIME_VARIABLES,
  openGraph,
  readPeriodicJobs,
} from '../../lib/runtime/index.js';
import type { Env, FinishedWorkflow, PeriodicRun } from '../../lib/runtime/index.js';
import { detectEnvironment } from '../environment.js';
import { CLI_EXIT } from '../exit-codes.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';
import { pipelineSteps } from './up-steps.js';

/**
 * The environment `thoth up` solves for unless THOTH_INVESTIGATOR_ENVIRONMENTS says otherwise: this
 * machine's, derived exactly as `thoth advise` derives it (lib/learning learningTarget), so what `up`
 * learns is what `advise` reads. Without a usable python3, CPython 3.11 on manylinux_2_34.
 */
async function defaultEnvironment(): Promise<EnvironmentIdentity> {
  const detected = await detectEnvironment().catch((): RuntimeEnvironment => ({
    python_version: '3.11',
    python_implementation: 'cpython',
  }));
  return learningTarget(detected).target.environment.identity;
}

const UP_VARIABLES: Record<string, string> = {
  ...RUNTIME_VARIABLES,
  THOTH_KAFKA_BROKERS: 'Kafka bootstrap brokers host:port,… (default: the embedded bus in $THOTH_HOME/bus)',
  THOTH_INVESTIGATOR_ENVIRONMENTS:
    "JSON list of environments to solve for (default: this machine's, as thoth advise derives it)",
  THOTH_WORKFLOW_STATE_DIR: INVESTIGATOR_VARIABLES['THOTH_WORKFLOW_STATE_DIR']!,
  THOTH_WORKFLOWS_DIR: "the workflows/ directory (default: Thoth's own)",
  THOTH_SOLVE_CONCURRENCY: 'thoth-solve workflows running at once (default 4)',
  THOTH_INVESTIGATOR_LIMITS: INVESTIGATOR_VARIABLES['THOTH_INVESTIGATOR_LIMITS']!,
  THOTH_INVESTIGATOR_MAX_VERSIONS: INVESTIGATOR_VARIABLES['THOTH_INVESTIGATOR_MAX_VERSIONS']!,
  THOTH_INVESTIGATOR_INDEX_URLS: INVESTIGATOR_VARIABLES['THOTH_INVESTIGATOR_INDEX_URLS']!,
  THOTH_LOG_LEVEL: 'pino level (default info)',
};

interface UpOptions {
  once?: boolean;
  json?: boolean;
  quietMs: string;
}

/** Log lines for people: `HH:MM:SS level message key=value …` from pino's JSON. */
function readableLog(out: NodeJS.WritableStream): Writable {
  const names: Record<number, string> = {
    10: 'trace',
    20: 'debug',
    30: 'info',
    40: 'warn',
    50: 'error',
    60: 'fatal',
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line === '') continue;
        try {
          const {
            level,
            time,
            msg,
            pid: _p,
            hostname: _h,
            name: _n,
            ...rest
          } = JSON.parse(line) as Record<string, unknown>;
          const fields = Object.entries(rest)
            .filter(([, v]) => v !== undefined && typeof v !== 'object')
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(' ');
          const at = new Date(Number(time)).toISOString().slice(11, 19);
          out.write(
            `${at} ${names[Number(level)] ?? level} ${String(msg)}${fields === '' ? '' : ` ${fields}`}\n`,
          );
        } catch {
          out.write(`${line}\n`);
        }
      }
      done();
    },
  });
}

function nonNegative(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new InputError(`${flag} "${text}" must be a non-negative integer`);
  return Number(text);
}

/** The investigator's configuration, with the local defaults `thoth up` supplies. */
async function investigatorConfig(env: Env) {
  return readInvestigatorConfig({
    ...(env['THOTH_INVESTIGATOR_ENVIRONMENTS'] === undefined
      ? { THOTH_INVESTIGATOR_ENVIRONMENTS: JSON.stringify([await defaultEnvironment()]) }
      : {}),
    THOTH_WORKFLOWS_DIR: assetPath('workflows'),
    ...env,
    // Validated here only when given; without it the embedded bus is used.
    THOTH_KAFKA_BROKERS: env['THOTH_KAFKA_BROKERS'] || 'embedded:1',
    THOTH_WORKFLOW_ENGINE: 'local',
  });
}

export function upCommand(io: OutputStreams, setExit: (code: number) => void, stop?: AbortSignal): Command {
  return new Command('up')
    .description(
      'run the pipeline on this machine: the investigator, the local workflow engine and the periodic jobs ' +
        '(graph-refresh, package-releases, package-update, cve-update) until SIGINT/SIGTERM',
    )
    .option('--once', 'run each periodic job once, finish the work that follows, and exit')
    .option('--json', 'log JSON lines (stderr) and print the --once summary as JSON')
    .option('--quiet-ms <ms>', 'with --once: stop after the pipeline was idle this long', '3000')
    .addHelpText(
      'after',
      `\nConfiguration (environment variables):\n${Object.entries(UP_VARIABLES)
        .map(([k, v]) => `  ${k.padEnd(34)} ${v}`)
        .join(
          '\n',
        )}\n\nExit codes: 0 stopped cleanly (--once: every periodic job succeeded), 1 a periodic job failed, 2 bad configuration\n`,
    )
    .action(async (options: UpOptions) => {
      const env = io.env;
      const quietMs = nonNegative('--quiet-ms', options.quietMs);
      const config = await investigatorConfig(env);
      const runtime = config.runtime;
      const home = env['THOTH_HOME'] ?? join(homedir(), '.thoth');
      const workflowsDir = env['THOTH_WORKFLOWS_DIR'] ?? assetPath('workflows');
      const jobs = await readPeriodicJobs(workflowsDir);
      const logger = createLogger({
        level: config.logLevel,
        name: 'thoth-up',
        destination: options.json === true ? io.stderr : readableLog(io.stderr),
      });
      const brokers = env['THOTH_KAFKA_BROKERS'];
      const bus: MessageBus =
        brokers === undefined || brokers === ''
          ? await EmbeddedMessageBus.open({
              deployment: runtime.layout.deployment,
              codec: contractCodec,
              directory: join(home, 'bus'),
              logger,
            })
          : new KafkaMessageBus({
              deployment: runtime.layout.deployment,
              brokers: config.kafka.brokers,
              clientId: 'thoth-up',
              codec: contractCodec,
              logger,
            });
      const embedded = bus instanceof EmbeddedMessageBus;
      // The embedded default lives under THOTH_HOME, which may not exist yet on a first run.
      if (runtime.graph.kind === 'pglite' && runtime.graph.dataDir !== undefined)
        await mkdir(dirname(runtime.graph.dataDir), { recursive: true });
      const graph = await openGraph(runtime.graph);
      const versions = new IndexVersionSource();
      const late: { pipeline?: Pipeline } = {};
      try {
        await migrate(graph);
        const solveConcurrency = nonNegative(
          'THOTH_SOLVE_CONCURRENCY',
          env['THOTH_SOLVE_CONCURRENCY'] ?? '4',
        );
        const pipeline = await Pipeline.open({
          runtime,
          graph,
          bus,
          // The embedded bus lives in this process: emit must publish on it, not open a second one.
          registry: pipelineSteps(env, embedded ? (e) => late.pipeline!.publish(e) : undefined),
          stateDir: env['THOTH_WORKFLOW_STATE_DIR'] ?? join(home, 'workflows'),
          workflowsDir,
          semaphoreLimits: { 'thoth-workflow-semaphores/solve': Math.max(1, solveConcurrency) },
          messageTypes: config.messageTypes,
          group: config.groupId,
          policy: config.policy,
          versions,
          deadLetterAttempts: config.deadLetterAttempts,
          reconcileIntervalMs: config.reconcileIntervalMs,
          producer: { component: 'thoth-up', version: '0.1.0' },
          logger,
        });
        late.pipeline = pipeline;
        const scheduler = new PeriodicScheduler({ engine: pipeline.engine, jobs, logger });
        await pipeline.start();
        logger.info(
          {
            bus: embedded ? 'embedded' : 'kafka',
            graph: runtime.graph.kind,
            group: config.groupId,
            jobs: jobs.map((j) => j.name).join(','),
          },
          'thoth up started',
        );
        let periodic: PeriodicRun[] = [];
        if (options.once === true) {
          periodic = await scheduler.runAllOnce();
          await pipeline.settle({ quietMs });
        } else {
          scheduler.start();
          await new Promise<void>((resolve) => {
            const onSignal = (signal: NodeJS.Signals): void => {
              logger.info({ signal }, 'stopping: finishing records in hand and running workflows');
              resolve();
            };
            process.once('SIGINT', onSignal);
            process.once('SIGTERM', onSignal);
            stop?.addEventListener('abort', () => resolve(), { once: true });
          });
        }
        await scheduler.stop();
        await pipeline.stop();
        const workflows: FinishedWorkflow[] = pipeline.engine.finished;
        logger.info({ workflows: workflows.length }, 'thoth up stopped');
        const failed = periodic.filter((r) => r.phase !== 'Succeeded');
        printResult(
          io,
          options.json === true,
          { periodic, workflows: workflows.map(({ name, template, phase }) => ({ name, template, phase })) },
          () =>
            [
              ...periodic.map(
                (r) => `${r.job}: ${r.phase}${r.message === undefined ? '' : ` (${r.message})`}`,
              ),
              `${workflows.length} workflows run (${workflows.filter((w) => w.phase === 'Succeeded').length} succeeded)`,
            ].join('\n'),
        );
        setExit(failed.length > 0 ? CLI_EXIT.failed : CLI_EXIT.ok);
      } finally {
        await bus.close();
        await graph.close();
      }
    });
}
