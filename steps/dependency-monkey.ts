// Step `dependency-monkey`: the thoth-dependency-monkey workflow's stack generation. Thin: read the
// dependency-monkey request artifact, generate up to --count distinct valid stacks from the knowledge
// graph (lib/adviser/dependency-monkey), write <outputs>/document.json (dependency-monkey, a dry run:
// no inspection service is wired in yet), <outputs>/stack_count, <outputs>/unresolved_count and, when
// knowledge is missing, <outputs>/messages.json with UnresolvedPackage payloads for the emit step.
//   thoth-step dependency-monkey --decision-type=all --count=10 --seed=42 --python-version=3.11 \
//     --document-id=dependency-monkey-1a2b --request=/tmp/inputs/request.json
import { performance } from 'node:perf_hooks';
import { dependencyMonkey, dependencyMonkeyDocument } from '../lib/adviser/dependency-monkey/index.js';
import type { DecisionType } from '../lib/adviser/dependency-monkey/index.js';
import { GraphKnowledgeSource } from '../lib/adviser/index.js';
import { parseDependencyMonkeyRequest } from '../lib/contracts/index.js';
import { InputError } from '../lib/errors/index.js';
import { migrate } from '../lib/graph/index.js';
import { adviseProject, learningTarget } from '../lib/learning/index.js';
import { getReader, ProjectFileError } from '../lib/python/readers/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { integerFlag, parseFlags, requiredFlag } from './flags.js';
import { readJsonInput } from './io.js';
import { analyzerVersion, runEnvironment } from './run-record.js';
import { openOutputs, runStep } from './run-step.js';
import { unresolvedPackages, writeUnresolvedPackages } from './unresolved.js';

const USAGE = `usage: thoth-step dependency-monkey --request FILE --document-id ID [--decision-type all|random]
         [--count N] [--seed N] [--python-version X.Y]
FILE: a dependency-monkey request (schemas/requests/dependency-monkey-request); --count defaults to 1,
--seed to 42, --decision-type to all; an empty flag (Argo's unset parameter) takes the default.
writes <outputs>/document.json (dependency-monkey, a dry run), <outputs>/stack_count,
<outputs>/unresolved_count and, when knowledge is missing, <outputs>/messages.json (UnresolvedPackage);
exit codes: 0 ok, 2 bad input, 3 invalid request or document, 75 database unavailable`;

const READER = { pip: 'requirements-txt', pipenv: 'pipfile', pyproject: 'pyproject-toml' } as const;
const DECISION_TYPES: readonly DecisionType[] = ['all', 'random'];
const DEFAULT_INDEX = 'https://pypi.org/simple';

/** An integer flag of at least `min`; absent or empty (Argo's unset parameter) gives `fallback`. */
function integer(flag: string, text: string | undefined, fallback: number, min: number): number {
  return text === undefined || text === ''
    ? fallback
    : integerFlag('dependency-monkey', `--${flag}`, text, min);
}

/** The request's `pipeline` ({boots: [{name, configuration}], sieves: […], …}) as one explicit unit list. */
function explicitPipeline(pipeline: Record<string, unknown> | null | undefined) {
  if (pipeline === null || pipeline === undefined) return undefined;
  return Object.entries(pipeline).flatMap(([type, units]) => {
    if (!Array.isArray(units))
      throw new InputError(`dependency-monkey: pipeline.${type} must be a list of units`);
    return units.map((u: unknown) => {
      const unit = u as { name?: unknown; configuration?: unknown };
      if (typeof unit?.name !== 'string')
        throw new InputError(`dependency-monkey: every unit of pipeline.${type} needs a name`);
      return {
        name: unit.name,
        ...(typeof unit.configuration === 'object' && unit.configuration !== null
          ? { configuration: unit.configuration as Record<string, unknown> }
          : {}),
      };
    });
  });
}

function parseDependencyMonkeyArgs(argv: string[]) {
  const flags = parseFlags('dependency-monkey', argv, {
    'decision-type': { type: 'string' },
    count: { type: 'string' },
    seed: { type: 'string' },
    'python-version': { type: 'string' },
    'document-id': { type: 'string' },
    request: { type: 'string' },
  });
  if (flags === 'help') return 'help';
  const request = requiredFlag('dependency-monkey', '--request FILE', flags.request);
  const documentId = requiredFlag(
    'dependency-monkey',
    '--document-id',
    flags['document-id'],
    ' (the workflow name)',
  );
  const decisionType = (flags['decision-type'] || 'all') as DecisionType;
  if (!DECISION_TYPES.includes(decisionType))
    throw new InputError(
      `dependency-monkey: --decision-type "${decisionType}" is not one of ${DECISION_TYPES.join(', ')}`,
    );
  return {
    request,
    documentId,
    decisionType,
    count: integer('count', flags.count, 1, 1),
    seed: integer('seed', flags.seed, 42, 0),
    pythonVersion: flags['python-version'] || undefined,
  };
}

export function runDependencyMonkey(argv: string[], io: StepIo, env: Env): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  const frame = { name: 'dependency-monkey', usage: USAGE, parse: parseDependencyMonkeyArgs };
  return runStep(argv, io, frame, async (flags, step) => {
    const { documentId, decisionType, count, seed } = flags;
    const request = parseDependencyMonkeyRequest(
      await readJsonInput('dependency-monkey', 'request', flags.request, io),
    );
    const stack = request.application_stack;
    let project;
    try {
      project = adviseProject(
        getReader(READER[stack.requirements_format]).read(stack.requirements, { file: 'requirements' }),
      );
    } catch (error) {
      if (error instanceof ProjectFileError) throw new InputError(error.message, { cause: error });
      throw error;
    }
    const runtimeEnvironment = { ...request.runtime_environment };
    if (flags.pythonVersion !== undefined) runtimeEnvironment.python_version = flags.pythonVersion;
    const target = learningTarget(runtimeEnvironment);
    const config = readRuntimeConfig(env);
    const graph = step.closeAtEnd(await openGraph(config.graph));
    await migrate(graph);
    const knowledge = new GraphKnowledgeSource(graph, target.key);
    await knowledge.warm(project.requirements.map((r) => r.name));
    const pipeline = explicitPipeline(request.pipeline);
    const outcome = await dependencyMonkey({
      knowledge,
      environment: target.adviser,
      requirements: project.requirements,
      constraints: project.constraints,
      count,
      decisionType,
      seed,
      ...(request.predictor == null ? {} : { predictor: request.predictor }),
      ...(request.predictor_config == null ? {} : { predictorConfiguration: request.predictor_config }),
      ...(pipeline === undefined ? {} : { pipeline }),
    });
    const document = dependencyMonkeyDocument(
      {
        document_id: documentId,
        analyzer_version: analyzerVersion(),
        datetime: startedAt.toISOString(),
        duration: (performance.now() - started) / 1000,
        arguments: {
          request: flags.request,
          decision_type: decisionType,
          count,
          seed,
          environment: target.key,
        },
        environment: runEnvironment(config.layout.deployment),
      },
      outcome,
      { dryRun: true },
    );
    const payloads = unresolvedPackages(outcome.unresolved, {
      indexUrl: project.indexUrl ?? DEFAULT_INDEX,
      environment: target.target.environment.identity,
      requestedBy: { kind: 'dependency-monkey', document_id: documentId },
    });
    const out = await openOutputs(io);
    await out.json('document.json', document);
    await out.text('stack_count', outcome.products.length);
    await writeUnresolvedPackages(out, payloads);
    io.log.info(
      {
        documentId,
        stacks: outcome.products.length,
        stopped: outcome.stopped?.code ?? null,
        unresolved: payloads.length,
      },
      'dependency monkey done',
    );
  });
}

export const dependencyMonkeyStep: StepDefinition = {
  name: 'dependency-monkey',
  description:
    'generate distinct valid stacks for a stored request (all: stable enumeration, random: seeded sampling); writes the dependency-monkey document',
  run: (argv, io) => runDependencyMonkey(argv, io, process.env),
};
