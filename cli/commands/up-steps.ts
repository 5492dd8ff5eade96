// The steps the local pipeline runs in process (`thoth advise` learning, `thoth up`), bound to the
// command's environment rather than process.env, so THOTH_HOME, THOTH_GRAPH_URL, … given to the command
// reach its steps too. With `publish`, the emit step publishes on the pipeline's own bus: a second
// embedded bus opened by the step would not be seen by the investigator of this process.
import type { MessageEnvelope } from '../../lib/contracts/index.js';
import type { Env } from '../../lib/runtime/index.js';
import type { StepDefinition, StepIo, StepRegistry } from '../../lib/workflows/index.js';
import { runAdvise } from '../../steps/advise.js';
import { runCveUpdate } from '../../steps/cve-update.js';
import { runEmit } from '../../steps/emit.js';
import { runGraphRefresh } from '../../steps/graph-refresh.js';
import { runGraphSync } from '../../steps/graph-sync.js';
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

/** Every production step, bound to `env`; emit publishes with `publish` when given. */
export function pipelineSteps(env: Env, publish?: Publish): StepRegistry {
  const registry = new Map<string, StepDefinition>();
  for (const [name, definition] of STEPS) {
    const run = WITH_ENV[name];
    let bound: StepDefinition =
      run === undefined ? definition : { ...definition, run: (argv, io) => run(argv, io, env) };
    if (name === 'emit' && publish !== undefined)
      bound = { ...definition, run: (argv, io) => runEmit(argv, io, env, publish) };
    registry.set(name, bound);
  }
  return registry;
}
