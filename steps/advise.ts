// Step `advise`: the thoth-advise workflow's resolver run. Thin: read the advise request artifact,
// resolve it against the knowledge graph (no learning here: the pipeline learns through
// UnresolvedPackage → investigator → thoth-solve), write <outputs>/document.json (advise-result),
// <outputs>/unresolved_count and, when knowledge is missing, <outputs>/messages.json with one
// UnresolvedPackage payload per missing package for the workflow's emit step. The request's
// application_stack.requirements_locked, when given, is the user's current lock: scored as the
// baseline the products are compared with (a text that is no lock is reported in stack_info).
//   thoth-step advise --recommendation-type=stable --requirements-format=pip --python-version=3.11 \
//     --beam-width=… --limit=… --count=… --seed=42 --document-id=adviser-1a2b --request=/tmp/inputs/request.json
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { assetPath } from '../lib/assets/index.js';
import {
  packageMessageKey,
  parseAdviseRequest,
  parseUnresolvedPackage,
  releaseMessageKey,
} from '../lib/contracts/index.js';
import type { Justification, RecommendationType, UnresolvedPackage } from '../lib/contracts/index.js';
import type { BaselineLock } from '../lib/adviser/baseline.js';
import { readLock } from '../lib/adviser/provenance/lock/index.js';
import type { LockFormat } from '../lib/adviser/provenance/types.js';
import { InputError, describeError } from '../lib/errors/index.js';
import { migrate } from '../lib/graph/index.js';
import { adviseProject, adviserDocument, adviseWithLearning, learningTarget } from '../lib/learning/index.js';
import { ProjectFileError, getReader } from '../lib/python/readers/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { localInputPath } from './io.js';

const READER = { pip: 'requirements-txt', pipenv: 'pipfile', pyproject: 'pyproject-toml' } as const;
/** requirements_format → the format of requirements_locked (application-stack.v1.json). */
const LOCK: Record<keyof typeof READER, { format: LockFormat; file: string }> = {
  pip: { format: 'requirements-txt', file: 'requirements.txt' },
  pipenv: { format: 'pipfile-lock', file: 'Pipfile.lock' },
  pyproject: { format: 'pylock-toml', file: 'pylock.toml' },
};

/** Optional numeric parameter: Argo passes '' for an unset one. */
function optionalInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new InputError(`advise: --${flag} "${text}" must be a non-negative integer`);
  return Number(text);
}

export async function runAdvise(argv: string[], io: StepIo, env: Env): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  let graph;
  try {
    let values;
    try {
      values = parseArgs({
        args: argv,
        strict: true,
        options: {
          'recommendation-type': { type: 'string' },
          'requirements-format': { type: 'string' },
          'python-version': { type: 'string' },
          'beam-width': { type: 'string' },
          limit: { type: 'string' },
          count: { type: 'string' },
          seed: { type: 'string' },
          'document-id': { type: 'string' },
          request: { type: 'string' },
        },
      }).values;
    } catch (error) {
      throw new InputError(`advise: ${(error as Error).message}`);
    }
    if (values.request === undefined) throw new InputError('advise: --request FILE is required');
    let raw: string;
    try {
      raw = await readFile(localInputPath(values.request, io), 'utf8');
    } catch (error) {
      throw new InputError(`advise: cannot read --request ${values.request}: ${(error as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`advise: --request is not JSON: ${(error as Error).message}`);
    }
    const request = parseAdviseRequest(data);
    const format =
      values['requirements-format'] !== undefined && values['requirements-format'] !== ''
        ? values['requirements-format']
        : request.application_stack.requirements_format;
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
    const pythonVersion = values['python-version'];
    if (pythonVersion !== undefined && pythonVersion !== '')
      runtimeEnvironment.python_version = pythonVersion;
    const target = learningTarget(runtimeEnvironment);
    const recommendationType = (values['recommendation-type'] ||
      request.recommendation_type) as RecommendationType;
    const seed = optionalInteger('seed', values.seed) ?? request.seed ?? 42;
    const limits = {
      ...(optionalInteger('beam-width', values['beam-width']) === undefined
        ? {}
        : { beamWidth: optionalInteger('beam-width', values['beam-width'])! }),
      ...(optionalInteger('limit', values.limit) === undefined
        ? {}
        : { limit: optionalInteger('limit', values.limit)! }),
      ...(optionalInteger('count', values.count) === undefined
        ? {}
        : { count: optionalInteger('count', values.count)! }),
    };
    const config = readRuntimeConfig(env);
    graph = await openGraph(config.graph);
    await migrate(graph);
    const version = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string })
      .version;
    const result = await adviseWithLearning({
      graph,
      target,
      requirements: project.requirements,
      constraints: project.constraints,
      recommendationType,
      seed,
      limits,
      ...(request.labels === undefined ? {} : { labels: request.labels }),
      ...(baseline === undefined ? {} : { baseline }),
      runtimeEnvironment,
      learn: false,
      maxRounds: 0,
      analyzerVersion: version,
      deployment: config.layout.deployment,
    });
    const documentId = values['document-id'] === '' ? undefined : values['document-id'];
    const document = adviserDocument(result.outcome, {
      ...(documentId === undefined ? {} : { documentId }),
      analyzerVersion: version,
      deployment: config.layout.deployment,
      startedAt,
      durationSeconds: (performance.now() - started) / 1000,
      arguments: {
        request: values.request,
        recommendation_type: recommendationType,
        seed,
        environment: target.key,
      },
    });
    document.result.stack_info.push(...notes);
    const identity = target.target.environment.identity;
    const indexUrl = project.indexUrl ?? 'https://pypi.org/simple';
    const messages: UnresolvedPackage[] = result.outcome.unresolved.map((u) =>
      parseUnresolvedPackage({
        package_name: u.name,
        package_version: u.specifier.startsWith('==') ? u.specifier.slice(2) : null,
        specifier: u.specifier === '' || u.specifier.startsWith('==') ? null : u.specifier,
        index_url: (u.index_url ?? indexUrl).replace(/\/+$/, ''),
        environment: identity,
        requested_by: { kind: 'adviser', document_id: document.metadata.document_id },
      }),
    );
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(join(io.outputsDir, 'document.json'), `${JSON.stringify(document, null, 2)}\n`);
    await writeFile(join(io.outputsDir, 'unresolved_count'), String(messages.length));
    if (messages.length > 0)
      await writeFile(
        join(io.outputsDir, 'messages.json'),
        `${JSON.stringify(
          // The shape steps/emit.ts publishes; the key keeps one package's events in one partition.
          messages.map((payload) => ({
            type: 'UnresolvedPackage',
            version: 1,
            key: payload.package_version
              ? releaseMessageKey(payload.package_name, payload.package_version)
              : packageMessageKey(payload.package_name),
            payload,
          })),
          null,
          2,
        )}\n`,
      );
    io.log.info({ documentId: document.metadata.document_id, unresolved: messages.length }, 'advise done');
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  } finally {
    await graph?.close();
  }
}

export const adviseStep: StepDefinition = {
  name: 'advise',
  description:
    'resolve an advise request against the knowledge graph; writes the adviser document and UnresolvedPackage payloads',
  run: (argv, io) => runAdvise(argv, io, process.env),
};
