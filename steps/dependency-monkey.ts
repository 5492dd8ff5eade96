// Step `dependency-monkey`: the thoth-dependency-monkey workflow's stack generation. Thin: read the
// dependency-monkey request artifact, generate up to --count distinct valid stacks from the knowledge
// graph (lib/adviser/dependency-monkey), write <outputs>/document.json (dependency-monkey, a dry run:
// no inspection service is wired in yet), <outputs>/stack_count, <outputs>/unresolved_count and, when
// knowledge is missing, <outputs>/messages.json with UnresolvedPackage payloads for the emit step.
//   thoth-step dependency-monkey --decision-type=all --count=10 --seed=42 --python-version=3.11 \
//     --document-id=dependency-monkey-1a2b --request=/tmp/inputs/request.json
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { dependencyMonkey, dependencyMonkeyDocument } from '../lib/adviser/dependency-monkey/index.js';
import type { DecisionType } from '../lib/adviser/dependency-monkey/index.js';
import { GraphKnowledgeSource } from '../lib/adviser/index.js';
import { assetPath } from '../lib/assets/index.js';
import {
  packageMessageKey,
  parseDependencyMonkeyRequest,
  parseUnresolvedPackage,
  releaseMessageKey,
} from '../lib/contracts/index.js';
import type { UnresolvedPackage } from '../lib/contracts/index.js';
import { describeError, InputError } from '../lib/errors/index.js';
import { migrate } from '../lib/graph/index.js';
import type { GraphStore } from '../lib/graph/index.js';
import { adviseProject, learningTarget } from '../lib/learning/index.js';
import { getReader, ProjectFileError } from '../lib/python/readers/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { localInputPath } from './io.js';

const READER = { pip: 'requirements-txt', pipenv: 'pipfile', pyproject: 'pyproject-toml' } as const;
const DECISION_TYPES: readonly DecisionType[] = ['all', 'random'];
const DEFAULT_INDEX = 'https://pypi.org/simple';

function integer(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new InputError(`dependency-monkey: --${flag} "${text}" must be an integer ≥ ${min}`);
  return Number(text);
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

export async function runDependencyMonkey(argv: string[], io: StepIo, env: Env): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  let graph: GraphStore | undefined;
  try {
    let values;
    try {
      values = parseArgs({
        args: argv,
        strict: true,
        options: {
          'decision-type': { type: 'string' },
          count: { type: 'string' },
          seed: { type: 'string' },
          'python-version': { type: 'string' },
          'document-id': { type: 'string' },
          request: { type: 'string' },
        },
      }).values;
    } catch (error) {
      throw new InputError(`dependency-monkey: ${(error as Error).message}`);
    }
    if (values.request === undefined) throw new InputError('dependency-monkey: --request FILE is required');
    const documentId = values['document-id'];
    if (documentId === undefined || documentId === '')
      throw new InputError('dependency-monkey: --document-id is required (the workflow name)');
    const decisionType = (values['decision-type'] || 'all') as DecisionType;
    if (!DECISION_TYPES.includes(decisionType))
      throw new InputError(
        `dependency-monkey: --decision-type "${decisionType}" is not one of ${DECISION_TYPES.join(', ')}`,
      );
    const count = integer('count', values.count, 1, 1);
    const seed = integer('seed', values.seed, 42, 0);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(localInputPath(values.request, io), 'utf8'));
    } catch (error) {
      throw new InputError(
        `dependency-monkey: cannot read --request ${values.request}: ${(error as Error).message}`,
      );
    }
    const request = parseDependencyMonkeyRequest(data);
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
    const pythonVersion = values['python-version'];
    if (pythonVersion !== undefined && pythonVersion !== '')
      runtimeEnvironment.python_version = pythonVersion;
    const target = learningTarget(runtimeEnvironment);
    const config = readRuntimeConfig(env);
    graph = await openGraph(config.graph);
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
    const version = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string })
      .version;
    const document = dependencyMonkeyDocument(
      {
        document_id: documentId,
        analyzer_version: version,
        datetime: startedAt.toISOString(),
        duration: (performance.now() - started) / 1000,
        arguments: {
          request: values.request,
          decision_type: decisionType,
          count,
          seed,
          environment: target.key,
        },
        environment: {
          deployment: config.layout.deployment,
          hostname: hostname(),
          node_version: process.versions.node,
          platform: `${process.platform}-${process.arch}`,
        },
      },
      outcome,
      { dryRun: true },
    );
    const identity = target.target.environment.identity;
    const indexUrl = project.indexUrl ?? DEFAULT_INDEX;
    const messages: UnresolvedPackage[] = outcome.unresolved.map((u) =>
      parseUnresolvedPackage({
        package_name: u.name,
        package_version: u.specifier.startsWith('==') ? u.specifier.slice(2) : null,
        specifier: u.specifier === '' || u.specifier.startsWith('==') ? null : u.specifier,
        index_url: (u.index_url ?? indexUrl).replace(/\/+$/, ''),
        environment: identity,
        requested_by: { kind: 'dependency-monkey', document_id: documentId },
      }),
    );
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(join(io.outputsDir, 'document.json'), `${JSON.stringify(document, null, 2)}\n`);
    await writeFile(join(io.outputsDir, 'stack_count'), String(outcome.products.length));
    await writeFile(join(io.outputsDir, 'unresolved_count'), String(messages.length));
    if (messages.length > 0)
      await writeFile(
        join(io.outputsDir, 'messages.json'),
        `${JSON.stringify(
          messages.map((payload) => ({
            type: 'UnresolvedPackage',
            version: 1,
            key:
              payload.package_version === null
                ? packageMessageKey(payload.package_name)
                : releaseMessageKey(payload.package_name, payload.package_version),
            payload,
          })),
          null,
          2,
        )}\n`,
      );
    io.log.info(
      {
        documentId,
        stacks: outcome.products.length,
        stopped: outcome.stopped?.code ?? null,
        unresolved: messages.length,
      },
      'dependency monkey done',
    );
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  } finally {
    await graph?.close();
  }
}

export const dependencyMonkeyStep: StepDefinition = {
  name: 'dependency-monkey',
  description:
    'generate distinct valid stacks for a stored request (all: stable enumeration, random: seeded sampling); writes the dependency-monkey document',
  run: (argv, io) => runDependencyMonkey(argv, io, process.env),
};
