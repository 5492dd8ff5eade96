// `thoth dependency-monkey REQUIREMENTS --count N --decision all|random`: generate up to N distinct
// valid stacks of a requirements file from the knowledge graph (lib/adviser/dependency-monkey), for
// combinatorial testing. Exit 0 with at least one stack (fewer than N is stated on stderr), 1 when no
// stack exists or the graph lacks knowledge (run `thoth advise` or `thoth solve` first), 2 bad input.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dependencyMonkey, dependencyMonkeyDocument } from '../../lib/adviser/dependency-monkey/index.js';
import type { DecisionType } from '../../lib/adviser/dependency-monkey/index.js';
import { GraphKnowledgeSource } from '../../lib/adviser/index.js';
import { assetPath } from '../../lib/assets/index.js';
import type { RuntimeEnvironment } from '../../lib/contracts/index.js';
import { InputError } from '../../lib/errors/index.js';
import { migrate } from '../../lib/graph/index.js';
import { adviseProject, learningTarget } from '../../lib/learning/index.js';
import { getReader, ProjectFileError, readerForFileName } from '../../lib/python/readers/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { workflowName } from '../../lib/workflows/index.js';
import { detectEnvironment } from '../environment.js';
import { CLI_EXIT } from '../exit-codes.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';

interface DependencyMonkeyOptions {
  count: string;
  decision: string;
  seed: string;
  pythonVersion?: string;
  python?: string;
  limitLatestVersions?: string;
  json?: boolean;
}

function integer(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new InputError(`${flag} "${text}" must be an integer ≥ ${min}`);
  return Number(text);
}

async function environmentOf(options: DependencyMonkeyOptions): Promise<RuntimeEnvironment> {
  if (options.pythonVersion === undefined) return detectEnvironment(options.python);
  if (!/^\d+\.\d+$/.test(options.pythonVersion))
    throw new InputError(`--python-version "${options.pythonVersion}" must be X.Y, e.g. 3.11`);
  return {
    python_version: options.pythonVersion,
    python_implementation: 'cpython',
    machine: process.arch === 'arm64' ? 'aarch64' : 'x86_64',
  };
}

export function dependencyMonkeyCommand(io: OutputStreams, setExit: (code: number) => void): Command {
  return new Command('dependency-monkey')
    .description(
      'generate up to N distinct valid stacks of a requirements file from the knowledge graph ' +
        '(all: every stack in a stable order, newest first; random: a seeded sample)',
    )
    .argument('<requirements>', 'requirements.txt, Pipfile or pyproject.toml')
    .requiredOption('--count <n>', 'stacks to generate')
    .option('--decision <type>', 'all (systematic enumeration) or random (seeded sampling)', 'all')
    .option('--seed <n>', 'seed of the random decision type', '42')
    .option('--limit-latest-versions <n>', 'consider only the newest N versions of each package')
    .option('--python-version <X.Y>', "target CPython version (Linux, this machine's architecture)")
    .option('--python <path>', 'detect the environment from this interpreter (default python3)')
    .option('--json', 'print the dependency-monkey document as JSON')
    .action(async (file: string, options: DependencyMonkeyOptions) => {
      const startedAt = new Date();
      const started = performance.now();
      const count = integer('--count', options.count, 1);
      const seed = integer('--seed', options.seed, 0);
      const limitLatestVersions =
        options.limitLatestVersions === undefined
          ? undefined
          : integer('--limit-latest-versions', options.limitLatestVersions, 1);
      if (options.decision !== 'all' && options.decision !== 'random')
        throw new InputError(`--decision "${options.decision}" is not all or random`);
      const decisionType: DecisionType = options.decision;
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
      });
      let project;
      try {
        const reader = readerForFileName(file) ?? getReader('requirements-txt');
        project = adviseProject(
          reader.read(text, {
            file,
            load: (include, relativeTo) => {
              const path = resolve(dirname(relativeTo), include);
              try {
                return { file: path, text: readFileSync(path, 'utf8') };
              } catch {
                return undefined;
              }
            },
          }),
        );
      } catch (error) {
        if (error instanceof ProjectFileError) throw new InputError(error.message, { cause: error });
        throw error;
      }
      const target = learningTarget(await environmentOf(options));
      const runtime = readRuntimeConfig(io.env);
      if (runtime.graph.kind === 'pglite' && runtime.graph.dataDir !== undefined)
        await mkdir(dirname(runtime.graph.dataDir), { recursive: true });
      const graph = await openGraph(runtime.graph);
      let outcome;
      try {
        await migrate(graph);
        const knowledge = new GraphKnowledgeSource(graph, target.key);
        await knowledge.warm(project.requirements.map((r) => r.name));
        outcome = await dependencyMonkey({
          knowledge,
          environment: target.adviser,
          requirements: project.requirements,
          constraints: project.constraints,
          count,
          decisionType,
          seed,
          ...(limitLatestVersions === undefined ? {} : { limitLatestVersions }),
        });
      } finally {
        await graph.close();
      }
      const version = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string })
        .version;
      const args = {
        requirements: project.requirements,
        environment: target.key,
        decision_type: decisionType,
        count,
        seed,
      };
      const document = () =>
        dependencyMonkeyDocument(
          {
            document_id: workflowName('dependency-monkey', JSON.stringify(args)),
            analyzer_version: version,
            datetime: startedAt.toISOString(),
            duration: (performance.now() - started) / 1000,
            arguments: args,
            environment: {
              deployment: runtime.layout.deployment,
              hostname: hostname(),
              node_version: process.versions.node,
              platform: `${process.platform}-${process.arch}`,
            },
          },
          outcome,
        );
      printResult(io, options.json === true, options.json === true ? document() : null, () =>
        outcome.products
          .map(
            (p, i) =>
              `${String(i + 1).padStart(3)}. ${p.lock.packages.map((pkg) => `${pkg.name}==${pkg.version}`).join(' ')}`,
          )
          .join('\n'),
      );
      if (outcome.products.length === 0) {
        const lines = [
          outcome.explanation ?? outcome.error?.message ?? 'no stack',
          ...(outcome.unresolved.length > 0
            ? [
                `the knowledge graph lacks ${outcome.unresolved.map((u) => u.name).join(', ')}; run thoth advise or thoth solve first`,
              ]
            : []),
        ];
        io.stderr.write(`${lines.join('\n')}\n`);
        setExit(CLI_EXIT.failed);
      } else if (outcome.stopped !== null) io.stderr.write(`${outcome.stopped.message}\n`);
    });
}
