// `thoth solve PACKAGE`: solve releases of one package from index metadata for one Python (the same
// step the pipeline runs, steps/solve.ts), keep the solver document in the artifact store and sync it
// into the knowledge graph, then print what was learned.
import { Command } from 'commander';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SolverDocument } from '../../lib/contracts/index.js';
import { InputError } from '../../lib/errors/index.js';
import { migrate, syncDocument } from '../../lib/graph/index.js';
import { silentLogger } from '../../lib/log/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { SOLVER_DOCUMENT_KIND } from '../../lib/solver/index.js';
import { runSolve, SOLVE_OUTPUTS } from '../../steps/solve.js';
import { CLI_EXIT } from '../exit-codes.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';

interface SolveFlags {
  version?: string[];
  specifier?: string;
  newest?: string;
  indexUrl: string;
  pythonVersion: string;
  transitive?: boolean;
  dependencyReleases?: string;
  maxPackages?: string;
  json?: boolean;
}

/** The step's argv for these flags; the step validates them (exactly one selection, URL, X.Y). */
function stepArguments(packageName: string, flags: SolveFlags): string[] {
  const selections = [flags.version !== undefined, flags.specifier !== undefined, flags.newest !== undefined];
  if (selections.filter(Boolean).length > 1) {
    throw new InputError('give at most one of --version, --specifier and --newest');
  }
  const selection =
    flags.version !== undefined
      ? flags.version.flatMap((v) => ['--package-version', v])
      : flags.specifier !== undefined
        ? ['--version-specifier', flags.specifier]
        : ['--newest', flags.newest ?? '1'];
  if (
    flags.transitive !== true &&
    (flags.dependencyReleases !== undefined || flags.maxPackages !== undefined)
  ) {
    throw new InputError('--dependency-releases and --max-packages need --transitive');
  }
  const transitive =
    flags.transitive === true
      ? [
          '--no-transitive=false',
          ...(flags.dependencyReleases === undefined
            ? []
            : ['--dependency-releases', flags.dependencyReleases]),
          ...(flags.maxPackages === undefined ? [] : ['--max-packages', flags.maxPackages]),
        ]
      : [];
  return [
    '--package-name',
    packageName,
    ...selection,
    '--index-url',
    flags.indexUrl,
    '--python-version',
    flags.pythonVersion,
    ...transitive,
    '--store',
  ];
}

export function solveCommand(io: OutputStreams, setExit: (code: number) => void): Command {
  return new Command('solve')
    .description(
      'solve releases of a package from index metadata (dependencies, installability), store the solver ' +
        'document in the artifact store and sync it into the knowledge graph',
    )
    .argument('<package>', 'the package name, e.g. requests')
    .option('--version <v...>', 'these release versions')
    .option('--specifier <spec>', 'every release matching a PEP 440 specifier, e.g. ">=2.30,<3"')
    .option('--newest <n>', 'the newest N releases (the default, with N = 1)')
    .option('--index-url <url>', 'package index (PEP 503 simple URL)', 'https://pypi.org/simple')
    .option(
      '--python-version <x.y>',
      'CPython version to solve for (on RHEL 9 x86_64, as the solver images)',
      '3.12',
    )
    .option('--transitive', 'also solve the dependencies, breadth first, into the same document')
    .option(
      '--dependency-releases <n|all>',
      'with --transitive: releases per dependency requirement, the newest N or all (default 1)',
    )
    .option('--max-packages <n>', 'with --transitive: most packages solved (default 200)')
    .option('--json', 'print JSON')
    .action(async (packageName: string, flags: SolveFlags) => {
      const argv = stepArguments(packageName, flags);
      const config = readRuntimeConfig(io.env);
      const outputsDir = await mkdtemp(join(tmpdir(), 'thoth-solve-'));
      try {
        const failures: string[] = [];
        const code = await runSolve(
          argv,
          { outputsDir, inputsDir: outputsDir, log: silentLogger, signal: new AbortController().signal },
          io.env,
          { stderr: (line) => failures.push(line) },
        );
        if (code !== 0) {
          io.stderr.write(`error: ${failures.join('\n') || `solve failed with exit code ${code}`}\n`);
          // The step table says 1 for an unexpected error; the CLI table says 70.
          setExit(code === 1 ? CLI_EXIT.internal : code);
          return;
        }
        const document = JSON.parse(
          await readFile(join(outputsDir, SOLVE_OUTPUTS.document), 'utf8'),
        ) as SolverDocument;
        const graph = await openGraph(config.graph);
        let synced;
        try {
          await migrate(graph);
          synced = await syncDocument(graph, SOLVER_DOCUMENT_KIND, document);
        } finally {
          await graph.close();
        }
        const { result } = document;
        const summary = {
          documentId: synced.documentId,
          releases: result.releases.map((r) => `${r.name}==${r.version}`),
          syncedReleases: synced.releases,
          errors: result.errors,
          unresolved: result.unresolved,
        };
        printResult(io, flags.json === true, summary, () =>
          [
            `solved ${summary.releases.length} release(s) ${flags.transitive === true ? `of ${packageName} and its dependencies` : `of ${packageName}`}: ${summary.releases.join(', ') || '-'}`,
            `document ${summary.documentId} stored and synced (${summary.syncedReleases} release(s) in the graph)`,
            ...result.errors.map((e) => `error: ${JSON.stringify(e)}`),
            ...result.unresolved.map((u) => `unresolved: ${u.name}${u.specifier}`),
          ].join('\n'),
        );
      } finally {
        await rm(outputsDir, { recursive: true, force: true });
      }
    });
}
