// Step `provenance-check`: the thoth-provenance-check workflow's check of a stored lock. Thin: read the
// provenance request artifact, check its lock against the knowledge graph and the indexes the lock
// names (lib/adviser/provenance), write <outputs>/document.json (provenance-checker, schema v2),
// <outputs>/error_count, <outputs>/unresolved_count and, when the graph lacks releases an index
// serves, <outputs>/messages.json with one UnresolvedPackage payload per release for the emit step.
//   thoth-step provenance-check --whitelisted-sources=https://pypi.org/simple \
//     --document-id=provenance-checker-1a2b --request=/tmp/inputs/request.json
import { performance } from 'node:perf_hooks';
import {
  checkProvenance,
  GraphArtifactSource,
  IndexArtifactSource,
  provenanceDocument,
  readLock,
} from '../lib/adviser/provenance/index.js';
import type { LockFormat, ProvenanceReport } from '../lib/adviser/provenance/index.js';
import { parseProvenanceRequest, parseUnresolvedPackage } from '../lib/contracts/index.js';
import { InputError } from '../lib/errors/index.js';
import { migrate } from '../lib/graph/index.js';
import type { HttpPackageIndexOptions } from '../lib/index/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { parseFlags, requiredFlag } from './flags.js';
import { readJsonInput } from './io.js';
import { analyzerVersion, runEnvironment } from './run-record.js';
import { openOutputs, runStep } from './run-step.js';
import { writeUnresolvedPackages } from './unresolved.js';

const USAGE = `usage: thoth-step provenance-check --request FILE --document-id ID [--whitelisted-sources URL,URL…]
FILE: a provenance request (schemas/requests/provenance-request) whose application_stack holds the lock;
--whitelisted-sources, given and not empty, replaces the request's allowed_indexes.
writes <outputs>/document.json (provenance-checker), <outputs>/error_count, <outputs>/unresolved_count
and, when the graph lacks releases an index serves, <outputs>/messages.json (UnresolvedPackage);
exit codes: 0 ok, 2 bad input, 3 invalid request or document, 75 index or database unavailable`;

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

function parseProvenanceCheckArgs(argv: string[]) {
  const flags = parseFlags('provenance-check', argv, {
    'whitelisted-sources': { type: 'string' },
    'document-id': { type: 'string' },
    request: { type: 'string' },
  });
  if (flags === 'help') return 'help';
  // '' (Argo's unset) leaves the request's list.
  const sources = (flags['whitelisted-sources'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    request: requiredFlag('provenance-check', '--request FILE', flags.request),
    documentId: requiredFlag(
      'provenance-check',
      '--document-id',
      flags['document-id'],
      ' (the workflow name)',
    ),
    allowedIndexes: sources.length === 0 ? undefined : sources,
  };
}

export function runProvenanceCheck(
  argv: string[],
  io: StepIo,
  env: Env,
  options: ProvenanceStepOptions = {},
): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  const frame = { name: 'provenance-check', usage: USAGE, parse: parseProvenanceCheckArgs };
  return runStep(argv, io, frame, async (flags, step) => {
    const index = step.closeAtEnd(
      new IndexArtifactSource(options.http === undefined ? {} : { http: options.http }),
    );
    const { documentId } = flags;
    const request = parseProvenanceRequest(
      await readJsonInput('provenance-check', 'request', flags.request, io),
    );
    const stack = request.application_stack;
    const lockText = stack.requirements_locked;
    if (lockText === null || lockText === undefined)
      throw new InputError(
        'provenance-check: application_stack.requirements_locked is null: nothing to check',
      );
    // The workflow parameter wins over the request.
    const allowedIndexes = flags.allowedIndexes ?? request.allowed_indexes;
    const format = LOCK_FORMATS[stack.requirements_format]!;
    const file = {
      'pipfile-lock': 'Pipfile.lock',
      'pylock-toml': 'pylock.toml',
      'requirements-txt': 'requirements.txt',
    }[format];
    const lock = readLock(lockText, `requirements_locked (${file})`, { format });
    const config = readRuntimeConfig(env);
    const graph = step.closeAtEnd(await openGraph(config.graph));
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
        analyzer_version: analyzerVersion(),
        datetime: startedAt.toISOString(),
        duration: (performance.now() - started) / 1000,
        arguments: { request: flags.request, allowed_indexes: allowedIndexes, lock_format: format },
        environment: runEnvironment(config.layout.deployment),
      },
      { report },
    );
    const payloads = report.gaps.map((gap) =>
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
    const out = await openOutputs(io);
    await out.json('document.json', document);
    await out.text('error_count', report.findings.filter((f) => f.type === 'error').length);
    await writeUnresolvedPackages(out, payloads);
    io.log.info(
      {
        documentId,
        findings: report.findings.length,
        checked: report.checked,
        unchecked: report.unchecked.length,
        unresolved: payloads.length,
      },
      'provenance check done',
    );
  });
}

export const provenanceCheckStep: StepDefinition = {
  name: 'provenance-check',
  description:
    'check where the artifacts of a stored lock come from; writes the provenance-checker document and UnresolvedPackage payloads',
  run: (argv, io) => runProvenanceCheck(argv, io, process.env),
};
