// `thoth advise [FILE]`: read the project's requirements, resolve them for the runtime environment
// from the knowledge graph, learn what the graph lacks through the embedded pipeline (lib/learning:
// UnresolvedPackage → investigator → thoth-solve workflows → AdviserReRun), write the lock files and
// print the justification. With --argo-server the cluster advises instead (advise-cluster.ts); both
// end in advise-report.ts. Exit 0 lock written (or your current lock kept: nothing found is strictly
// better), 1 no stack, 2 bad input, 75 index unreachable.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { assetPath } from '../../lib/assets/index.js';
import { parseThothConfig } from '../../lib/contracts/index.js';
import type { RecommendationType, RuntimeEnvironment, ThothConfig } from '../../lib/contracts/index.js';
import { InputError } from '../../lib/errors/index.js';
import { loadPrescriptions, PrescriptionError } from '../../lib/adviser/prescriptions/index.js';
import type { LoadedPrescriptions } from '../../lib/adviser/prescriptions/index.js';
import type { HttpPackageIndex } from '../../lib/index/index.js';
import {
  adviseProject,
  adviserDocument,
  adviseWithLearning,
  learningTarget,
  lockPath,
} from '../../lib/learning/index.js';
import type { LearningResult } from '../../lib/learning/index.js';
import { ProjectFileError, getReader, readerForFileName } from '../../lib/python/readers/index.js';
import type { ProjectRequirements, ReaderId } from '../../lib/python/readers/index.js';
import type { WriterId } from '../../lib/python/writers/index.js';
// Not the lib/runtime barrel: it would load the whole pipeline (Kafka, the engine) on every run.
import { openAdviseGraph } from '../../lib/runtime/advise-graph.js';
import { readRuntimeConfig } from '../../lib/runtime/config.js';
import { detectEnvironment } from '../environment.js';
import type { OutputStreams } from '../output.js';
import { findBaselineLock } from './advise-baseline.js';
import { checkModeFlags } from './advise-cluster-flags.js';
import type { ClusterFlags } from './advise-cluster-flags.js';
import { reportAdvice } from './advise-report.js';

const RECOMMENDATION_TYPES = ['latest', 'stable', 'testing', 'performance', 'security'] as const;
const LOCK_FORMATS: Record<string, WriterId> = {
  requirements: 'requirements-txt',
  'pipfile-lock': 'pipfile-lock',
  pylock: 'pylock-toml',
};
const DEFAULT_INDEX = 'https://pypi.org/simple';

interface AdviseOptions extends ClusterFlags {
  pythonVersion?: string;
  python?: string;
  recommendationType?: string;
  lockFormat?: string[];
  outputDir?: string;
  indexUrl?: string;
  json?: boolean;
  learn: boolean;
  maxRounds: string;
  seed: string;
  prescription?: string[];
  label?: string[];
  lock?: string;
  baseline: boolean;
  count?: string;
}

/** `--label key=value` (repeatable) over the config's labels; a malformed one is a usage error. */
function parseLabels(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0)
      throw new InputError(`--label "${value}" must be key=value, e.g. allow-cve=GHSA-xxxx-xxxx-xxxx`);
    labels[value.slice(0, at)] = value.slice(at + 1);
  }
  return labels;
}

/** Prescriptions from --prescription, else .thoth.yaml's (paths relative to it); errors exit 2. */
async function prescriptionsOf(
  options: AdviseOptions,
  config: { file: string; config: ThothConfig } | undefined,
): Promise<LoadedPrescriptions | undefined> {
  const paths =
    options.prescription ??
    config?.config.prescriptions?.map((p) => (/^https?:/.test(p) ? p : resolve(dirname(config.file), p)));
  if (paths === undefined || paths.length === 0) return undefined;
  const remote = paths.find((p) => /^https?:/.test(p));
  if (remote !== undefined)
    throw new InputError(
      `prescription source ${remote}: only local files and directories are supported; clone it first`,
    );
  try {
    return await loadPrescriptions(paths);
  } catch (error) {
    if (error instanceof PrescriptionError) throw new InputError(error.message, { cause: error });
    throw error;
  }
}

function integer(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min)
    throw new InputError(`${flag} "${text}" must be an integer ≥ ${min}`);
  return value;
}

async function readConfig(dir: string): Promise<{ file: string; config: ThothConfig } | undefined> {
  for (const path of [resolve('.thoth.yaml'), resolve(dir, '.thoth.yaml')]) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      continue;
    }
    try {
      // yaml takes ~100 ms to load; most runs have no .thoth.yaml, so it is imported only here.
      const { parse: parseYaml } = await import('yaml');
      return { file: path, config: parseThothConfig(parseYaml(text)) };
    } catch (error) {
      throw new InputError(`${path}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return undefined;
}

async function runtimeEnvironment(
  options: AdviseOptions,
  config: ThothConfig | undefined,
): Promise<RuntimeEnvironment> {
  if (options.pythonVersion !== undefined) {
    if (!/^\d+\.\d+(\.\d+)?$/.test(options.pythonVersion))
      throw new InputError(`--python-version "${options.pythonVersion}" must be X.Y or X.Y.Z, e.g. 3.11`);
    const [major, minor] = options.pythonVersion.split('.');
    const machine = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
    const env: RuntimeEnvironment = {
      python_version: `${major}.${minor}`,
      python_implementation: 'cpython',
      machine,
    };
    return env;
  }
  if (options.python !== undefined) return detectEnvironment(options.python);
  const configured = config?.runtime_environments?.[0];
  if (configured !== undefined) return configured;
  return detectEnvironment();
}

function readProject(path: string, text: string): ProjectRequirements & { reader: ReaderId } {
  const reader = readerForFileName(path) ?? getReader('requirements-txt');
  const project = reader.read(text, {
    file: path,
    load: (include, relativeTo) => {
      const file = resolve(dirname(relativeTo), include);
      try {
        return { file, text: readFileSync(file, 'utf8') };
      } catch {
        return undefined;
      }
    },
  });
  return { ...project, reader: reader.id };
}

function describeFailure(result: LearningResult): string[] {
  const lines: string[] = [];
  for (const missing of result.notLearnable) {
    if (missing.kind === 'not-found')
      lines.push(`package ${missing.name} was not found on ${missing.indexUrls.join(', ')}`);
    else if (missing.kind === 'no-matching-version')
      lines.push(`no release of ${missing.name} matches "${missing.specifier}" on ${missing.indexUrl}`);
    else lines.push(`solving ${missing.name} failed (thoth workflows get ${missing.workflows[0]} shows why)`);
  }
  const outcome = result.outcome;
  if (outcome.explanation !== null) lines.push(outcome.explanation);
  else if (outcome.error !== null) lines.push(outcome.error.message);
  if (result.stopped === 'max-rounds')
    lines.push(`learning stopped after ${result.rounds - 1} rounds (--max-rounds); run again to continue`);
  if (result.stopped === 'learning-off' && outcome.unresolved.length > 0)
    lines.push(
      `the knowledge graph lacks ${outcome.unresolved.map((u) => u.name).join(', ')}; run without --no-learn`,
    );
  return lines;
}

export function adviseCommand(io: OutputStreams, setExit: (code: number) => void): Command {
  return new Command('advise')
    .description('resolve, score and explain a pinned stack for a requirements file and write lock files')
    .argument('[requirements]', 'requirements.txt, Pipfile or pyproject.toml', 'requirements.txt')
    .option('--python-version <X.Y>', "target CPython version (Linux, this machine's architecture)")
    .option('--python <path>', 'detect the environment from this interpreter')
    .option('--recommendation-type <type>', `one of ${RECOMMENDATION_TYPES.join(', ')}`)
    .option('--lock-format <format...>', `lock files to write: ${Object.keys(LOCK_FORMATS).join(', ')}`)
    .option('--output-dir <dir>', 'where lock files go (default: beside the requirements file)')
    .option('--index-url <url>', 'package index to learn from (PEP 503 simple URL)')
    .option('--json', 'print the advise result document as JSON')
    .option('--no-learn', 'answer from the knowledge graph only; never solve')
    .option('--max-rounds <n>', 'learning rounds at most', '20')
    .option('--seed <n>', 'seed of the search', '42')
    .option(
      '--prescription <path...>',
      "prescription file or directory to apply (repeatable; default: .thoth.yaml's)",
    )
    .option(
      '--label <key=value...>',
      'request labels matched by units and prescriptions, e.g. allow-cve=GHSA-…',
    )
    .option(
      '--lock <file>',
      'your current lock (Pipfile.lock, requirements.txt, pylock.toml) to score as the baseline (default: the lock of the first --lock-format beside the requirements file, if it exists)',
    )
    .option(
      '--no-baseline',
      'do not score your current lock; the advised stack is then written even when your lock is as good (by default a lock that is already the best found is left unchanged)',
    )
    .option('--count <n>', 'stacks to find (the best is locked; --json lists them all)')
    .option(
      '--argo-server <url>',
      "advise on a cluster: submit the thoth-advise WorkflowTemplate to this Argo server and read the result from the artifact store (THOTH_ARTIFACTS_URL=s3://…, THOTH_S3_PREFIX and THOTH_DEPLOYMENT as the cluster's)",
    )
    .option(
      '--namespace <ns>',
      'with --argo-server: namespace of the thoth-advise template (default THOTH_ARGO_NAMESPACE)',
    )
    .option(
      '--argo-token-file <file>',
      'with --argo-server: file holding the bearer token (default: the ARGO_TOKEN variable; none for auth-mode=server)',
    )
    .option(
      '--timeout <seconds>',
      'with --argo-server: stop following the workflow after this long (it goes on)',
      '3600',
    )
    .option('--rerun', 'with --argo-server: a new workflow even when the same request ran before')
    .action(async (file: string, options: AdviseOptions, command: Command) => {
      const startedAt = new Date();
      const started = performance.now();
      const cluster = options.argoServer !== undefined;
      checkModeFlags(command, cluster);
      const maxRounds = integer('--max-rounds', options.maxRounds, 0);
      const seed = integer('--seed', options.seed, 0);
      const count = options.count === undefined ? undefined : integer('--count', options.count, 1);
      const path = file;
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
      }
      let project;
      let read;
      try {
        read = readProject(path, text);
        project = adviseProject(read);
      } catch (error) {
        if (error instanceof ProjectFileError) throw new InputError(error.message, { cause: error });
        throw error;
      }
      const configFile = await readConfig(dirname(path));
      const config = configFile?.config;
      const environment = await runtimeEnvironment(options, config);
      const labels = parseLabels(options.label ?? []);
      // A cluster applies its own prescriptions (--prescription is refused there).
      const prescriptions = cluster ? undefined : await prescriptionsOf(options, configFile);
      const recommendationType = (options.recommendationType ??
        environment.recommendation_type ??
        'stable') as RecommendationType;
      if (!(RECOMMENDATION_TYPES as readonly string[]).includes(recommendationType))
        throw new InputError(
          `--recommendation-type "${recommendationType}" is not one of ${RECOMMENDATION_TYPES.join(', ')}`,
        );
      const formats = (options.lockFormat ?? config?.lock_formats ?? ['requirements']).map((f) => {
        const id = LOCK_FORMATS[f];
        if (id === undefined)
          throw new InputError(`--lock-format "${f}" is not one of ${Object.keys(LOCK_FORMATS).join(', ')}`);
        return id;
      });
      const indexUrl = options.indexUrl ?? project.indexUrl ?? config?.indexes?.[0]?.url ?? DEFAULT_INDEX;
      try {
        new URL(indexUrl);
      } catch {
        throw new InputError(`--index-url "${indexUrl}" is not a URL, e.g. ${DEFAULT_INDEX}`);
      }
      const fullVersion = options.pythonVersion?.split('.').length === 3 ? options.pythonVersion : undefined;
      const target = learningTarget(environment, fullVersion);
      const outputDir = options.outputDir ?? dirname(path);
      const inputPath = resolve(path);
      const targets = formats.map((format) => {
        let out = lockPath(outputDir, format);
        // Never overwrite the input: requirements.txt in, requirements.lock.txt out.
        if (resolve(out) === inputPath) out = out.replace(/\.txt$/, '.lock.txt');
        return { format, path: out };
      });
      await access(outputDir).catch(() => {
        throw new InputError(`--output-dir ${outputDir} does not exist`);
      });
      // Read before the run writes its locks: the lock it would overwrite is the user's current one.
      const current = await findBaselineLock(options, path, formats);
      for (const note of current.notes) io.stderr.write(`${note}\n`);

      const runtime = readRuntimeConfig(io.env);
      if (options.argoServer !== undefined) {
        const { adviseOnCluster, describeRemoteFailure } = await import('./advise-cluster.js');
        const remote = await adviseOnCluster(io, {
          flags: { ...options, argoServer: options.argoServer },
          runtime,
          requirements: { path, text, reader: read.reader, includedFiles: read.includedFiles },
          environment,
          recommendationType,
          seed,
          count,
          labels,
          currentLock: current.lock,
          formats,
          configPrescriptions: configFile?.config.prescriptions,
        });
        try {
          // The advise step's environment: the request carries X.Y, so no full version is assumed.
          const remoteTarget = learningTarget(environment);
          const argumentsEnvironment = remote.document.metadata.arguments['environment'];
          const code = await reportAdvice(io, options.json === true, {
            document: remote.document,
            environment: typeof argumentsEnvironment === 'string' ? argumentsEnvironment : remoteTarget.key,
            recommendationType,
            python: {
              pythonVersion: remoteTarget.target.environment.identity.python_version,
              pythonFullVersion: remoteTarget.adviser.pythonVersion,
            },
            files: remote.files,
            targets,
            failure: () => describeRemoteFailure(remote.document),
            footer: remote.footer,
          });
          if (code !== 0) setExit(code);
        } finally {
          await remote.close();
        }
        return;
      }
      // The embedded default lives under THOTH_HOME, which may not exist yet on a first run.
      if (runtime.graph.kind === 'pglite' && runtime.graph.dataDir !== undefined)
        await mkdir(dirname(runtime.graph.dataDir), { recursive: true });
      // Reads go through the warm-path query cache; the graph opens only on a miss or to learn.
      const graph = openAdviseGraph(runtime.graph);
      // The index client (undici) is made when learning starts; a warm run never asks the index.
      let index: HttpPackageIndex | undefined;
      const version = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string })
        .version;
      const progress = io.stderr.isTTY === true;
      try {
        const home = io.env['THOTH_HOME'] ?? join(homedir(), '.thoth');
        const result = await adviseWithLearning({
          graph: graph.reader,
          target,
          requirements: project.requirements,
          constraints: project.constraints,
          recommendationType,
          seed,
          ...(count === undefined ? {} : { limits: { count } }),
          labels,
          ...(prescriptions === undefined ? {} : { prescriptions }),
          runtimeEnvironment: environment,
          ...(current.lock === undefined ? {} : { baseline: current.lock }),
          learn: options.learn,
          ...(!options.learn
            ? {}
            : {
                // The pipeline (bus, investigator, engine, steps) loads only when there is something to learn.
                session: async (onActivity) => {
                  // One after the other: concurrent dynamic imports of modules with shared cycles
                  // can deadlock vitest's module runner.
                  const { openLearningSession } = await import('../../lib/learning/session.js');
                  const { pipelineSteps } = await import('./up-steps.js');
                  const { HttpPackageIndex } = await import('../../lib/index/index.js');
                  index = new HttpPackageIndex({ indexUrls: [indexUrl] });
                  return openLearningSession({
                    runtime,
                    graph: await graph.store(),
                    stateDir: io.env['THOTH_WORKFLOW_STATE_DIR'] ?? join(home, 'workflows'),
                    target,
                    index,
                    indexUrl,
                    steps: (publish) => pipelineSteps(io.env, publish),
                    analyzerVersion: version,
                    onWorkflowFinished: onActivity,
                  });
                },
              }),
          maxRounds,
          analyzerVersion: version,
          deployment: runtime.layout.deployment,
          onProgress: (p) => {
            if (!progress) return;
            io.stderr.write(
              `\rround ${p.round}: ${p.pending > 0 ? `learning ${p.pending} packages, ` : ''}${p.packagesLearned} packages learned, ${p.releasesSolved} releases (${p.releasesPerSecond.toFixed(1)}/s), ${p.resolverIterations} resolver iterations\u001b[K`,
            );
          },
        });
        if (progress && result.solverRuns > 0) io.stderr.write('\n');
        const outcome = result.outcome;
        const document = adviserDocument(outcome, {
          analyzerVersion: version,
          deployment: runtime.layout.deployment,
          startedAt,
          durationSeconds: (performance.now() - started) / 1000,
          arguments: {
            requirements: project.requirements,
            constraints: project.constraints,
            environment: target.key,
            recommendation_type: recommendationType,
            seed,
          },
        });
        const code = await reportAdvice(io, options.json === true, {
          document,
          environment: target.key,
          recommendationType,
          python: {
            pythonVersion: target.target.environment.identity.python_version,
            pythonFullVersion: target.adviser.pythonVersion,
          },
          files: graph.reader,
          targets,
          failure: () => describeFailure(result),
          footer: [
            result.solverRuns > 0
              ? `learned ${result.solverRuns} packages (${result.releasesSolved} releases, ${result.solveWorkflows} solve workflows) in ${result.rounds} rounds`
              : 'answered from the knowledge graph',
          ],
        });
        if (code !== 0) setExit(code);
      } finally {
        await index?.close();
        await graph.close();
      }
    });
}
