// Step `advise`: the thoth-advise workflow's resolver run. Thin: read the advise request artifact,
// resolve it against the knowledge graph (no learning here: the pipeline learns through
// UnresolvedPackage → investigator → thoth-solve), write <outputs>/document.json (advise-result),
// <outputs>/unresolved_count and, when knowledge is missing, <outputs>/messages.json with one
// UnresolvedPackage payload per missing package for the workflow's emit step. The request's
// application_stack.requirements_locked, when given, is the user's current lock: scored as the
// baseline the products are compared with (a text that is no lock is reported in stack_info).
//   thoth-step advise --recommendation-type=stable --requirements-format=pip --python-version=3.11 \
//     --beam-width=… --limit=… --count=… --seed=42 --document-id=adviser-1a2b --request=/tmp/inputs/request.json
import { performance } from 'node:perf_hooks';
import { parseAdviseRequest } from '../lib/contracts/index.js';
import type { Justification, RecommendationType } from '../lib/contracts/index.js';
import type { BaselineLock } from '../lib/adviser/baseline.js';
import { readLock } from '../lib/adviser/provenance/lock/index.js';
import type { LockFormat } from '../lib/adviser/provenance/types.js';
import { InputError } from '../lib/errors/index.js';
import { migrate } from '../lib/graph/index.js';
import { adviseProject, adviserDocument, adviseWithLearning, learningTarget } from '../lib/learning/index.js';
import { ProjectFileError, getReader } from '../lib/python/readers/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { integerFlag, parseFlags, requiredFlag } from './flags.js';
import { readJsonInput } from './io.js';
import { analyzerVersion } from './run-record.js';
import { openOutputs, runStep } from './run-step.js';
import { unresolvedPackages, writeUnresolvedPackages } from './unresolved.js';

const USAGE = `usage: thoth-step advise --request FILE [--document-id ID] [--recommendation-type TYPE]
         [--requirements-format pip|pipenv|pyproject] [--python-version X.Y]
         [--beam-width N] [--limit N] [--count N] [--seed N]
FILE: an advise request (schemas/requests/advise-request); a flag given and not empty overrides the
request, and an empty one (Argo's unset parameter) leaves the request's value or the default.
writes <outputs>/document.json (advise-result), <outputs>/unresolved_count and, when knowledge is
missing, <outputs>/messages.json (UnresolvedPackage, for the emit step);
exit codes: 0 ok, 2 bad input, 3 invalid request or document, 75 database unavailable`;

const READER = { pip: 'requirements-txt', pipenv: 'pipfile', pyproject: 'pyproject-toml' } as const;
/** requirements_format → the format of requirements_locked (application-stack.v1.json). */
const LOCK: Record<keyof typeof READER, { format: LockFormat; file: string }> = {
  pip: { format: 'requirements-txt', file: 'requirements.txt' },
  pipenv: { format: 'pipfile-lock', file: 'Pipfile.lock' },
  pyproject: { format: 'pylock-toml', file: 'pylock.toml' },
};

/** Optional numeric parameter: Argo passes '' for an unset one. */
function optionalInteger(flag: string, text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : integerFlag('advise', `--${flag}`, text, 0);
}

function parseAdviseArgs(argv: string[]) {
  const flags = parseFlags('advise', argv, {
    'recommendation-type': { type: 'string' },
    'requirements-format': { type: 'string' },
    'python-version': { type: 'string' },
    'beam-width': { type: 'string' },
    limit: { type: 'string' },
    count: { type: 'string' },
    seed: { type: 'string' },
    'document-id': { type: 'string' },
    request: { type: 'string' },
  });
  if (flags === 'help') return 'help';
  const beamWidth = optionalInteger('beam-width', flags['beam-width']);
  const limit = optionalInteger('limit', flags.limit);
  const count = optionalInteger('count', flags.count);
  return {
    request: requiredFlag('advise', '--request FILE', flags.request),
    requirementsFormat: flags['requirements-format'] || undefined,
    pythonVersion: flags['python-version'] || undefined,
    recommendationType: flags['recommendation-type'] || undefined,
    seed: optionalInteger('seed', flags.seed),
    limits: {
      ...(beamWidth === undefined ? {} : { beamWidth }),
      ...(limit === undefined ? {} : { limit }),
      ...(count === undefined ? {} : { count }),
    },
    documentId: flags['document-id'] || undefined,
  };
}

export function runAdvise(argv: string[], io: StepIo, env: Env): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  const frame = { name: 'advise', usage: USAGE, parse: parseAdviseArgs };
  return runStep(argv, io, frame, async (flags, step) => {
    const request = parseAdviseRequest(await readJsonInput('advise', 'request', flags.request, io));
    const format = flags.requirementsFormat ?? request.application_stack.requirements_format;
    if (!(format in READER))
      throw new InputError(`advise: --requirements-format "${format}" is not pip, pipenv or pyproject`);
    let project;
    try {
      project = adviseProject(
        getReader(READER[format as keyof typeof READER]).read(request.application_stack.requirements, {
          file: 'requirements',
        }),
      );
    } catch (error) {
      if (error instanceof ProjectFileError) throw new InputError(error.message, { cause: error });
      throw error;
    }
    // The user's current lock, the baseline; one that cannot be read is reported, not fatal.
    const notes: Justification[] = [];
    let baseline: BaselineLock | undefined;
    const lockText = request.application_stack.requirements_locked;
    if (lockText !== null && lockText !== undefined && lockText.trim() !== '') {
      const lock = LOCK[format as keyof typeof READER];
      try {
        baseline = readLock(lockText, `requirements_locked (${lock.file})`, { format: lock.format });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        notes.push({
          type: 'warning',
          message: `requirements_locked was not scored as the current lock: ${error.message}`,
          link: null,
        });
      }
    }
    const runtimeEnvironment = { ...request.runtime_environment };
    if (flags.pythonVersion !== undefined) runtimeEnvironment.python_version = flags.pythonVersion;
    const target = learningTarget(runtimeEnvironment);
    const recommendationType = (flags.recommendationType ??
      request.recommendation_type) as RecommendationType;
    const seed = flags.seed ?? request.seed ?? 42;
    const config = readRuntimeConfig(env);
    const graph = step.closeAtEnd(await openGraph(config.graph));
    await migrate(graph);
    const version = analyzerVersion();
    const result = await adviseWithLearning({
      graph,
      target,
      requirements: project.requirements,
      constraints: project.constraints,
      recommendationType,
      seed,
      limits: flags.limits,
      ...(request.labels === undefined ? {} : { labels: request.labels }),
      ...(baseline === undefined ? {} : { baseline }),
      runtimeEnvironment,
      learn: false,
      maxRounds: 0,
      analyzerVersion: version,
      deployment: config.layout.deployment,
    });
    const document = adviserDocument(result.outcome, {
      ...(flags.documentId === undefined ? {} : { documentId: flags.documentId }),
      analyzerVersion: version,
      deployment: config.layout.deployment,
      startedAt,
      durationSeconds: (performance.now() - started) / 1000,
      arguments: {
        request: flags.request,
        recommendation_type: recommendationType,
        seed,
        environment: target.key,
      },
    });
    document.result.stack_info.push(...notes);
    const payloads = unresolvedPackages(result.outcome.unresolved, {
      indexUrl: project.indexUrl ?? 'https://pypi.org/simple',
      environment: target.target.environment.identity,
      requestedBy: { kind: 'adviser', document_id: document.metadata.document_id },
    });
    const out = await openOutputs(io);
    await out.json('document.json', document);
    await writeUnresolvedPackages(out, payloads);
    io.log.info({ documentId: document.metadata.document_id, unresolved: payloads.length }, 'advise done');
  });
}

export const adviseStep: StepDefinition = {
  name: 'advise',
  description:
    'resolve an advise request against the knowledge graph; writes the adviser document and UnresolvedPackage payloads',
  run: (argv, io) => runAdvise(argv, io, process.env),
};
