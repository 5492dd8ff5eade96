// The steps the local pipeline runs in process (`thoth advise` learning, `thoth up`), bound to the
// command's environment rather than process.env, so THOTH_HOME, THOTH_GRAPH_URL, … given to the command
// reach its steps too. With `publish`, the emit step publishes on the pipeline's own bus: a second
// embedded bus opened by the step would not be seen by the investigator of this process.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MessageEnvelope } from '../../lib/contracts/index.js';
import { describeError, InputError } from '../../lib/errors/index.js';
import type { Env } from '../../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../../lib/workflows/index.js';
import type { StepDefinition, StepIo, StepRegistry } from '../../lib/workflows/index.js';
import { runAdvise } from '../../steps/advise.js';
import { runCveUpdate } from '../../steps/cve-update.js';
import { readMessagesFile, runEmit } from '../../steps/emit.js';
import { runGraphRefresh } from '../../steps/graph-refresh.js';
import { runGraphSync } from '../../steps/graph-sync.js';
import { localInputPath } from '../../steps/io.js';
import { runPackageReleases } from '../../steps/package-releases.js';
import { runPackageUpdate } from '../../steps/package-update.js';
import { STEPS } from '../../steps/registry.js';
import { runAnalyzerStep } from '../../steps/si-bandit.js';
import { runSiAggregate } from '../../steps/si-aggregate.js';
import { runSolve } from '../../steps/solve.js';

type Publish = (envelopes: readonly MessageEnvelope[]) => Promise<void>;
type Run = (argv: string[], io: StepIo, env: Env) => Promise<number>;

/** Steps whose entry takes the environment explicitly; the others read nothing from it. */
const WITH_ENV: Record<string, Run> = {
  advise: runAdvise,
  'cve-update': runCveUpdate,
  emit: runEmit,
  'graph-refresh': runGraphRefresh,
  'graph-sync': runGraphSync,
  'package-releases': runPackageReleases,
  'package-update': runPackageUpdate,
  'si-aggregate': runSiAggregate,
  'si-bandit': (argv, io, env) => runAnalyzerStep('bandit', argv, io, env),
  'si-cloc': (argv, io, env) => runAnalyzerStep('cloc', argv, io, env),
  solve: (argv, io, env) => runSolve(argv, io, env),
};

/** The emit step's contract (messages.json → validated envelopes), published with `publish`. */
function emitOn(definition: StepDefinition, publish: Publish): StepDefinition {
  return {
    ...definition,
    async run(argv, io) {
      try {
        let values;
        try {
          values = parseArgs({
            args: argv,
            strict: true,
            options: { messages: { type: 'string' }, 'correlation-id': { type: 'string' } },
          }).values;
        } catch (error) {
          throw new InputError(`emit: ${(error as Error).message}`);
        }
        if (values.messages === undefined) throw new InputError('emit: --messages FILE is required');
        const messages = (await readMessagesFile(localInputPath(values.messages, io))) ?? [];
        const correlationId = values['correlation-id'] ?? randomUUID();
        const now = new Date().toISOString();
        const envelopes = messages.map((m): MessageEnvelope => ({
          id: randomUUID(),
          type: m.type,
          version: m.version,
          key: m.key,
          occurred_at: now,
          producer: { component: 'thoth-step-emit', version: '0.1.0' },
          correlation_id: correlationId,
          causation_id: null,
          payload: m.payload as MessageEnvelope['payload'],
        }));
        // The bus validates the whole batch before appending any of it.
        await publish(envelopes);
        await mkdir(io.outputsDir, { recursive: true });
        await writeFile(join(io.outputsDir, 'sent_count'), String(envelopes.length));
        io.log.info({ sent: envelopes.length }, 'emit done');
        return EXIT_CODES.ok.code;
      } catch (error) {
        io.log.error({ err: error }, describeError(error));
        return exitCodeForError(error);
      }
    },
  };
}

/** Every production step, bound to `env`; emit publishes with `publish` when given. */
export function pipelineSteps(env: Env, publish?: Publish): StepRegistry {
  const registry = new Map<string, StepDefinition>();
  for (const [name, definition] of STEPS) {
    const run = WITH_ENV[name];
    let bound: StepDefinition =
      run === undefined ? definition : { ...definition, run: (argv, io) => run(argv, io, env) };
    if (name === 'emit' && publish !== undefined) bound = emitOn(definition, publish);
    registry.set(name, bound);
  }
  return registry;
}
