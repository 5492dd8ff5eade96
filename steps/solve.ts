// Step `solve`: solve releases of one package for one or more Python environments from index metadata
// and write a solver document. Thin: parse argv, read the environment file, call lib/solver, write
// <outputs>/document.json, the output parameters document_id and solved, and (with --store)
// the document store the runtime configuration names.
//   thoth-step solve --package-name requests --package-version 2.32.3 --index-url https://pypi.org/simple \
//     --environment id=ubi-9-py311,python=3.11.7,platform=manylinux_2_34_x86_64,os=rhel,os_version=9
import { performance } from 'node:perf_hooks';
import { parseSolvedPackage, releaseMessageKey } from '../lib/contracts/index.js';
import type { SolvedPackage, SolverDocument } from '../lib/contracts/index.js';
import { InputError } from '../lib/errors/index.js';
import { HttpPackageIndex, PageMemo } from '../lib/index/index.js';
import type { ProjectFile } from '../lib/index/index.js';
import { learningTarget } from '../lib/learning/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import {
  buildSolverDocument,
  createSdistMetadataBuilder,
  DEFAULT_MAX_PACKAGES,
  parseEnvironmentShorthand,
  readEnvironmentFile,
  resolveEnvironments,
  solvePackage,
  solveTransitive,
  solverDocumentId,
  solverIdempotencyKey,
  SOLVER_DOCUMENT_KIND,
} from '../lib/solver/index.js';
import type {
  EnvironmentSpec,
  MetadataBuilder,
  TransitiveOptions,
  VersionSelection,
} from '../lib/solver/index.js';
import { isValidWorkflowName } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { integerFlag, parseFlags, requiredFlag } from './flags.js';
import { readJsonInput } from './io.js';
import { analyzerVersion, runEnvironment } from './run-record.js';
import { openOutputs, runStep } from './run-step.js';

const USAGE = `usage: thoth-step solve --package-name NAME
         (--package-version V [--package-version V …] | --version-specifier SPEC | --newest N)
         --index-url URL [--dependency-index-url URL …]
         (--environment id=ID,python=3.11.7,platform=manylinux_2_34_x86_64[,os=rhel,os_version=9] … |
          --environment-file FILE | --python-version X.Y [--environment …])
         [--document-id ID] [--store] [--concurrency N] [--index-retries N]
         [--no-transitive=true | --no-transitive=false [--dependency-releases N|all] [--max-packages N]]
         [--build-sdists [--build-python PATH] [--build-wheelhouse DIR] [--build-timeout SECONDS]]
--python-version X.Y alone solves for CPython X.Y on manylinux_2_34 (the solver image's environment;
its id is derived as the adviser derives it); with --environment it only names the Python of the
solver image, which each environment must match. An empty --environment= counts as not given.
--no-transitive=false also solves the dependencies: breadth first, the newest N (default 1) or all
releases each requirement admits, at most --max-packages packages (default 200); one document.
--build-sdists (the sandboxed solver pod only) builds sdists whose metadata needs a build: pip's
isolated PEP 517 metadata hook run by --build-python or $THOTH_SOLVER_BUILD_PYTHON, build
requirements from --index-url, or offline from --build-wheelhouse (in a network namespace when
'unshare -rn' works); each build is killed after --build-timeout seconds (default 120).
writes <outputs>/document.json, <outputs>/document_id, <outputs>/solved and <outputs>/messages.json
(one SolvedPackage per release and environment, for the workflow's emit task after graph-sync);
--store also writes the document to the store named by THOTH_ARTIFACTS_URL (see lib/runtime).
exit codes: 0 ok, 2 bad input, 3 invalid document, 75 index or store unavailable (retry later)`;

/** The output file names (output parameters are one file each, named as the template's parameters). */
export const SOLVE_OUTPUTS = {
  document: 'document.json',
  documentId: 'document_id',
  solved: 'solved',
  messages: 'messages.json',
};

/**
 * One SolvedPackage per (release, environment) verdict of the document, in the shape the emit step
 * publishes. thoth-solve emits them after graph-sync, so a consumer that reacts (security
 * indicators, adviser re-runs) finds the release in the graph.
 */
export function solvedPackageMessages(
  document: SolverDocument,
): { type: 'SolvedPackage'; version: 1; key: string; payload: SolvedPackage }[] {
  const messages = [];
  for (const release of document.result.releases) {
    for (const environment of document.result.environments) {
      const verdict = release.installability[environment.identity.id];
      if (verdict === undefined) continue;
      messages.push({
        type: 'SolvedPackage' as const,
        version: 1 as const,
        key: releaseMessageKey(release.name, release.version),
        payload: parseSolvedPackage({
          package_name: release.name,
          package_version: release.version,
          index_url: release.index_url,
          environment: environment.identity,
          document_id: document.metadata.document_id,
          verdict,
        }),
      });
    }
  }
  return messages;
}

/**
 * `--python-version X.Y` alone stands for the environment the per-Python solver images of the
 * workflow templates run: CPython X.Y on RHEL 9 x86_64 (glibc 2.34). Its id is derived exactly as
 * the adviser derives its own (lib/learning `learningTarget`), so what thoth-solve learns is what
 * thoth-advise reads for a request naming only that Python version; a fixed id of our own
 * (it was `rhel-9-py311`) left the adviser without knowledge forever.
 */
function templateEnvironment(pythonVersion: string): EnvironmentSpec {
  if (!/^\d+\.\d+$/.test(pythonVersion)) {
    throw new InputError(`solve: --python-version "${pythonVersion}" must be major.minor, e.g. 3.11`);
  }
  return learningTarget({
    python_version: pythonVersion,
    machine: 'x86_64',
    operating_system: { name: 'rhel', version: '9' },
  }).spec;
}

export interface SolveOptions {
  packageName: string;
  selection: VersionSelection;
  indexUrl: string;
  dependencyIndexUrls: string[];
  /** Environment specs from flags; the file (when given) is read by the step. */
  environments: EnvironmentSpec[];
  environmentFile: string | undefined;
  documentId: string | undefined;
  store: boolean;
  concurrency: number | undefined;
  indexRetries: number | undefined;
  /** Set when dependencies are solved too (`--no-transitive=false`). */
  transitive: TransitiveOptions | undefined;
  /** Set with `--build-sdists`: how sdists needing a build are built. */
  build: BuildFlags | undefined;
}

export interface BuildFlags {
  /** `--build-python`; the step falls back to $THOTH_SOLVER_BUILD_PYTHON. */
  python: string | undefined;
  wheelhouse: string | undefined;
  timeoutSeconds: number;
}

/** Parse the step's arguments; throws InputError naming the flag and the fix. */
export function parseSolveArgs(argv: string[]): SolveOptions | 'help' {
  const values = parseFlags('solve', argv, {
    'package-name': { type: 'string' },
    'package-version': { type: 'string', multiple: true },
    'version-specifier': { type: 'string' },
    newest: { type: 'string' },
    'index-url': { type: 'string' },
    'dependency-index-url': { type: 'string', multiple: true },
    environment: { type: 'string', multiple: true },
    'environment-file': { type: 'string' },
    'python-version': { type: 'string' },
    'document-id': { type: 'string' },
    'no-transitive': { type: 'string' },
    'dependency-releases': { type: 'string' },
    'max-packages': { type: 'string' },
    'build-sdists': { type: 'boolean', default: false },
    'build-python': { type: 'string' },
    'build-wheelhouse': { type: 'string' },
    'build-timeout': { type: 'string' },
    store: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    'index-retries': { type: 'string' },
  });
  if (values === 'help') return 'help';
  const packageName = requiredFlag('solve', '--package-name', values['package-name']);

  const versions = values['package-version'] ?? [];
  const choices = [
    versions.length > 0,
    values['version-specifier'] !== undefined,
    values.newest !== undefined,
  ];
  if (choices.filter(Boolean).length !== 1) {
    throw new InputError('solve: give exactly one of --package-version, --version-specifier or --newest');
  }
  let selection: VersionSelection;
  if (versions.length > 0) selection = { kind: 'versions', versions };
  else if (values['version-specifier'] !== undefined)
    selection = { kind: 'specifier', specifier: values['version-specifier'] };
  else selection = { kind: 'newest', count: positiveInteger('--newest', values.newest!) };

  const indexUrl = requiredFlag(
    'solve',
    '--index-url',
    values['index-url'],
    ', e.g. https://pypi.org/simple',
  );
  for (const url of [indexUrl, ...(values['dependency-index-url'] ?? [])]) checkUrl(url);

  const transitive = parseTransitive(
    values['no-transitive'],
    values['dependency-releases'],
    values['max-packages'],
  );

  const buildDetails = [values['build-python'], values['build-wheelhouse'], values['build-timeout']];
  if (!values['build-sdists'] && buildDetails.some((v) => v !== undefined)) {
    throw new InputError('solve: --build-python, --build-wheelhouse and --build-timeout need --build-sdists');
  }
  const build: BuildFlags | undefined = values['build-sdists']
    ? {
        python: values['build-python'],
        wheelhouse: values['build-wheelhouse'],
        timeoutSeconds:
          values['build-timeout'] === undefined
            ? 120
            : positiveInteger('--build-timeout', values['build-timeout']),
      }
    : undefined;

  // The workflow templates pass every parameter: an empty --environment is Argo's "not given".
  const environments = (values.environment ?? [])
    .filter((text) => text.trim() !== '')
    .map(parseEnvironmentShorthand);
  const pythonVersion = values['python-version'];
  if (pythonVersion !== undefined) {
    if (values['environment-file'] !== undefined) {
      throw new InputError(
        'solve: --python-version selects the solver image; do not combine it with --environment-file',
      );
    }
    const derived = templateEnvironment(pythonVersion);
    if (environments.length === 0) environments.push(derived);
    // With --environment, --python-version only says which Python the solver image runs
    // (thoth-solve's python_version); an environment of another Python would be solved wrongly.
    for (const spec of environments) {
      const minor = spec.python.split('.').slice(0, 2).join('.');
      if (minor !== pythonVersion) {
        throw new InputError(
          `solve: --environment "${spec.id}" is Python ${spec.python}, but --python-version ${pythonVersion} selects the solver image; give the environment of that Python`,
        );
      }
    }
  }
  if (environments.length === 0 && values['environment-file'] === undefined) {
    throw new InputError('solve: give --environment, --environment-file or --python-version');
  }
  const documentId = values['document-id'];
  if (documentId !== undefined && documentId !== '' && !isValidWorkflowName(documentId)) {
    throw new InputError(
      `solve: --document-id "${documentId}" must be a workflow name (lowercase, digits, "-", ≤ 63)`,
    );
  }
  return {
    packageName,
    selection,
    indexUrl,
    dependencyIndexUrls: values['dependency-index-url'] ?? [],
    environments,
    environmentFile: values['environment-file'],
    documentId: documentId === '' ? undefined : documentId,
    store: values.store,
    concurrency:
      values.concurrency === undefined ? undefined : positiveInteger('--concurrency', values.concurrency),
    indexRetries:
      values['index-retries'] === undefined
        ? undefined
        : nonNegativeInteger('--index-retries', values['index-retries']),
    transitive,
    build,
  };
}

/**
 * `--no-transitive` as the workflow templates pass it ('true'/'false'; the original's flag name). Off
 * by default: the pipeline also learns dependencies through unresolved → UnresolvedPackage → new solves.
 */
function parseTransitive(
  noTransitive: string | undefined,
  dependencyReleases: string | undefined,
  maxPackages: string | undefined,
): TransitiveOptions | undefined {
  const off = noTransitive === undefined || ['true', '1', ''].includes(noTransitive);
  if (!off && !['false', '0'].includes(noTransitive)) {
    throw new InputError(`solve: --no-transitive="${noTransitive}" must be true or false`);
  }
  if (off) {
    if (dependencyReleases !== undefined || maxPackages !== undefined) {
      throw new InputError('solve: --dependency-releases and --max-packages need --no-transitive=false');
    }
    return undefined;
  }
  return {
    dependencyReleases:
      dependencyReleases === undefined
        ? { kind: 'newest', count: 1 }
        : dependencyReleases === 'all'
          ? { kind: 'all' }
          : { kind: 'newest', count: positiveInteger('--dependency-releases', dependencyReleases) },
    ...(maxPackages === undefined ? {} : { maxPackages: positiveInteger('--max-packages', maxPackages) }),
  };
}

/** Extra seams for tests: where the one-line failure goes. */
export interface SolveStepHooks {
  stderr?: (line: string) => void;
}

/**
 * Project pages shared by the solve steps of one process: the local engine runs a learning run's
 * thoth-solve workflows in process, and their releases share most dependencies (lib/index/page-memo.ts).
 */
const SOLVE_PAGES = new PageMemo();

/** Run the solve step with an explicit environment (the registry passes process.env). */
export function runSolve(argv: string[], io: StepIo, env: Env, hooks: SolveStepHooks = {}): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  const frame = {
    name: 'solve',
    usage: USAGE,
    parse: parseSolveArgs,
    stderr: hooks.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`)),
  };
  return runStep(argv, io, frame, async (options, step) => {
    const config = readRuntimeConfig(env);
    let specs = [...options.environments];
    if (options.environmentFile !== undefined) {
      const fromFile = await loadEnvironmentFile(options.environmentFile, io);
      // A file entry replaces an --environment of the same id: the file says more (marker
      // environment, ABIs). The local engine's stand-in for a solver image passes the machine's
      // environment as a file while thoth-solve also passes the investigator's --environment.
      const ids = new Set(fromFile.map((spec) => spec.id));
      specs = [...specs.filter((spec) => !ids.has(spec.id)), ...fromFile];
    }
    const targets = resolveEnvironments(specs);

    const retry = options.indexRetries === undefined ? {} : { retry: { retries: options.indexRetries } };
    const shared = { pageMemo: SOLVE_PAGES, ...retry };
    const index = step.closeAtEnd(
      new HttpPackageIndex({ indexUrls: [options.indexUrl], logger: io.log, ...shared }),
    );
    const dependencyUrls =
      options.dependencyIndexUrls.length > 0 ? options.dependencyIndexUrls : [options.indexUrl];
    const sameIndexes = dependencyUrls.length === 1 && dependencyUrls[0] === options.indexUrl;
    const dependencyIndex = sameIndexes
      ? undefined
      : step.closeAtEnd(new HttpPackageIndex({ indexUrls: dependencyUrls, logger: io.log, ...shared }));

    const metadataBuilder =
      options.build === undefined
        ? undefined
        : sdistBuilder(options.build, env, options.indexUrl, (file) =>
            (index.indexUrls.includes(file.indexUrl) ? index : (dependencyIndex ?? index)).download(file),
          );
    const request = { packageName: options.packageName, selection: options.selection, environments: targets };
    const ports = {
      index,
      dependencyIndex: dependencyIndex ?? index,
      logger: io.log,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(metadataBuilder === undefined ? {} : { metadataBuilder }),
    };
    const outcome =
      options.transitive === undefined
        ? await solvePackage(request, ports)
        : await solveTransitive(request, options.transitive, ports);

    const bareIndex = withoutCredentials(options.indexUrl);
    const bareDependencyIndexes = dependencyUrls.map(withoutCredentials);
    const environmentIds = targets.map((t) => t.environment.identity.id);
    const documentId =
      options.documentId ??
      solverDocumentId(
        solverIdempotencyKey(
          {
            packageName: options.packageName,
            selection: options.selection,
            environmentIds,
            transitive: options.transitive,
            buildSdists: options.build !== undefined,
          },
          bareIndex,
          bareDependencyIndexes,
        ),
      );
    const document = buildSolverDocument(outcome.result, {
      documentId,
      analyzerVersion: analyzerVersion(),
      startedAt,
      durationSeconds: (performance.now() - started) / 1000,
      arguments: {
        package_name: options.packageName,
        ...selectionArguments(options.selection),
        index_url: bareIndex,
        dependency_index_urls: bareDependencyIndexes,
        environments: environmentIds,
        no_transitive: options.transitive === undefined,
        ...transitiveArguments(options.transitive),
        build_sdists: options.build !== undefined,
      },
      execution: runEnvironment(config.layout.deployment),
    });

    const out = await openOutputs(io);
    await out.json(SOLVE_OUTPUTS.document, document);
    if (options.store) await openDocuments(config).putDocument(SOLVER_DOCUMENT_KIND, documentId, document);
    await out.text(SOLVE_OUTPUTS.documentId, documentId);
    await out.text(SOLVE_OUTPUTS.solved, outcome.stats.solved);
    await out.json(SOLVE_OUTPUTS.messages, solvedPackageMessages(document));
    io.log.info(
      {
        documentId,
        ...outcome.stats,
        errors: document.result.errors.length,
        unresolved: document.result.unresolved.length,
      },
      'solve done',
    );
  });
}

async function loadEnvironmentFile(path: string, io: StepIo): Promise<EnvironmentSpec[]> {
  return readEnvironmentFile(await readJsonInput('solve', 'environment-file', path, io), path);
}

/** The opt-in sdist builder for --build-sdists; the interpreter comes from the flag or the environment. */
function sdistBuilder(
  flags: BuildFlags,
  env: Env,
  indexUrl: string,
  download: (file: ProjectFile) => Promise<Buffer>,
): MetadataBuilder {
  const python = flags.python ?? env['THOTH_SOLVER_BUILD_PYTHON'];
  if (python === undefined || python === '') {
    throw new InputError('--build-sdists needs --build-python PATH or THOTH_SOLVER_BUILD_PYTHON');
  }
  return createSdistMetadataBuilder({
    python,
    download,
    buildRequirements:
      flags.wheelhouse === undefined
        ? { kind: 'index', indexUrl }
        : { kind: 'wheelhouse', directory: flags.wheelhouse },
    timeoutMs: flags.timeoutSeconds * 1000,
  });
}

function transitiveArguments(transitive: TransitiveOptions | undefined): Record<string, unknown> {
  if (transitive === undefined) return {};
  const releases = transitive.dependencyReleases;
  return {
    dependency_releases: releases.kind === 'all' ? 'all' : releases.count,
    max_packages: transitive.maxPackages ?? DEFAULT_MAX_PACKAGES,
  };
}

function selectionArguments(selection: VersionSelection): Record<string, unknown> {
  switch (selection.kind) {
    case 'versions':
      return { package_versions: selection.versions };
    case 'specifier':
      return { version_specifier: selection.specifier };
    case 'newest':
      return { newest: selection.count };
  }
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`solve: index URL "${url}" is not a URL, e.g. https://pypi.org/simple`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError(`solve: index URL "${withoutCredentials(url)}" must be http or https`);
  }
}

/** The URL without `user:password@`: arguments and ids are stored and logged. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    return url;
  }
}

const positiveInteger = (flag: string, text: string): number => integerFlag('solve', flag, text, 1);
const nonNegativeInteger = (flag: string, text: string): number => integerFlag('solve', flag, text, 0);

export const solveStep: StepDefinition = {
  name: 'solve',
  description:
    'solve releases of one package for Python environments from index metadata; writes a solver document',
  run: (argv, io) => runSolve(argv, io, process.env),
};
