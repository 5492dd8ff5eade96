// Step `provenance-check`: the thoth-provenance-check workflow's check of a stored lock. Thin: read the
// provenance request artifact, check its lock against the knowledge graph and the indexes the lock
// names (lib/adviser/provenance), write <outputs>/document.json (provenance-checker, schema v2),
// <outputs>/error_count, <outputs>/unresolved_count and, when the graph lacks releases an index
// serves, <outputs>/messages.json with one UnresolvedPackage payload per release for the emit step.
//   thoth-step provenance-check --whitelisted-sources=https://pypi.org/simple \
//     --document-id=provenance-checker-1a2b --request=/tmp/inputs/request.json
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  checkProvenance,
  GraphArtifactSource,
  IndexArtifactSource,
  provenanceDocument,
  readLock,
} from '../lib/adviser/provenance/index.js';
import type { LockFormat, ProvenanceReport } from '../lib/adviser/provenance/index.js';
import { assetPath } from '../lib/assets/index.js';
import { parseProvenanceRequest, parseUnresolvedPackage, releaseMessageKey } from '../lib/contracts/index.js';
import { describeError, InputError } from '../lib/errors/index.js';
import { migrate } from '../lib/graph/index.js';
import type { GraphStore } from '../lib/graph/index.js';
import type { HttpPackageIndexOptions } from '../lib/index/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { localInputPath } from './io.js';

/** requirements_format → the lock format of requirements_locked (application-stack.v1.json). */
const LOCK_FORMATS: Record<string, LockFormat> = {
  pip: 'requirements-txt',
  pipenv: 'pipfile-lock',
  pyproject: 'pylock-toml',
};

export interface ProvenanceStepOptions {
  /** Settings of the index clients (tests pass fast retries). */
  http?: Omit<HttpPackageIndexOptions, 'indexUrls'>;
}

function version(): string {
  return (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version;
}

async function readRequest(path: string, io: StepIo) {
  let raw: string;
  try {
    raw = await readFile(localInputPath(path, io), 'utf8');
  } catch (error) {
    throw new InputError(`provenance-check: cannot read --request ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new InputError(`provenance-check: --request is not JSON: ${(error as Error).message}`);
  }
  return parseProvenanceRequest(data);
}

export async function runProvenanceCheck(
  argv: string[],
  io: StepIo,
  env: Env,
  options: ProvenanceStepOptions = {},
): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  let graph: GraphStore | undefined;
  const index = new IndexArtifactSource(options.http === undefined ? {} : { http: options.http });
  try {
    let values;
    try {
      values = parseArgs({
        args: argv,
        strict: true,
        options: {
          'whitelisted-sources': { type: 'string' },
          'document-id': { type: 'string' },
          request: { type: 'string' },
        },
      }).values;
    } catch (error) {
      throw new InputError(`provenance-check: ${(error as Error).message}`);
    }
    if (values.request === undefined) throw new InputError('provenance-check: --request FILE is required');
    if (values['document-id'] === undefined || values['document-id'] === '')
      throw new InputError('provenance-check: --document-id is required (the workflow name)');
    const documentId = values['document-id'];
    const request = await readRequest(values.request, io);
    const stack = request.application_stack;
    const lockText = stack.requirements_locked;
    if (lockText === null || lockText === undefined)
      throw new InputError(
        'provenance-check: application_stack.requirements_locked is null: nothing to check',
      );
    // The workflow parameter wins over the request; '' (Argo's unset) leaves the request's list.
    const flag = (values['whitelisted-sources'] ?? '').trim();
    const allowedIndexes =
      flag === ''
        ? request.allowed_indexes
        : flag
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '');
    const format = LOCK_FORMATS[stack.requirements_format]!;
    const file = {
      'pipfile-lock': 'Pipfile.lock',
      'pylock-toml': 'pylock.toml',
      'requirements-txt': 'requirements.txt',
    }[format];
    const lock = readLock(lockText, `requirements_locked (${file})`, { format });
    const config = readRuntimeConfig(env);
    graph = await openGraph(config.graph);
    await migrate(graph);
    const report: ProvenanceReport = await checkProvenance({
      lock,
      graph: new GraphArtifactSource(graph),
      index,
      allowedIndexes,
      ...(format === 'pipfile-lock' && stack.requirements.trim() !== ''
        ? { pipfile: stack.requirements }
        : {}),
    });
    const document = provenanceDocument(
      {
        document_id: documentId,
        analyzer_version: version(),
        datetime: startedAt.toISOString(),
        duration: (performance.now() - started) / 1000,
        arguments: { request: values.request, allowed_indexes: allowedIndexes, lock_format: format },
        environment: {
          deployment: config.layout.deployment,
          hostname: hostname(),
          node_version: process.versions.node,
          platform: `${process.platform}-${process.arch}`,
        },
      },
      { report },
    );
    const messages = report.gaps.map((gap) =>
      parseUnresolvedPackage({
        package_name: gap.name,
        package_version: gap.version,
        specifier: null,
        index_url: gap.indexUrl,
        // A release's files do not depend on the environment: solve it wherever solvers run.
        environment: null,
        requested_by: { kind: 'provenance-checker', document_id: documentId },
      }),
    );
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(join(io.outputsDir, 'document.json'), `${JSON.stringify(document, null, 2)}\n`);
    await writeFile(
      join(io.outputsDir, 'error_count'),
      String(report.findings.filter((f) => f.type === 'error').length),
    );
    await writeFile(join(io.outputsDir, 'unresolved_count'), String(messages.length));
    if (messages.length > 0)
      await writeFile(
        join(io.outputsDir, 'messages.json'),
        `${JSON.stringify(
          // The shape steps/emit.ts publishes; the key keeps one release's events in one partition.
          messages.map((payload) => ({
            type: 'UnresolvedPackage',
            version: 1,
            key: releaseMessageKey(payload.package_name, payload.package_version!),
            payload,
          })),
          null,
          2,
        )}\n`,
      );
    io.log.info(
      {
        documentId,
        findings: report.findings.length,
        checked: report.checked,
        unchecked: report.unchecked.length,
        unresolved: messages.length,
      },
      'provenance check done',
    );
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  } finally {
    await index.close();
    await graph?.close();
  }
}

export const provenanceCheckStep: StepDefinition = {
  name: 'provenance-check',
  description:
    'check where the artifacts of a stored lock come from; writes the provenance-checker document and UnresolvedPackage payloads',
  run: (argv, io) => runProvenanceCheck(argv, io, process.env),
};
