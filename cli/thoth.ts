#!/usr/bin/env node
// The `thoth` command: advice, knowledge-graph maintenance and pipeline operations from one CLI.
// Thin: each subcommand parses its flags and calls lib/; errors become one line on stderr and an
// exit code from the table in exit-codes.ts.
import { Command, CommanderError } from 'commander';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assetPath } from '../lib/assets/index.js';
import { RUNTIME_VARIABLES } from '../lib/runtime/config.js';
import { CLI_EXIT, EXIT_HELP, exitCodeFor } from './exit-codes.js';
import { printError } from './output.js';
import type { OutputStreams } from './output.js';

type CommandFactory = (io: OutputStreams, setExit: (code: number) => void) => Command;

// Each subcommand is loaded when it runs (or when all are listed by --help): a command's module pulls
// in what it needs (Kafka for `up`, the Kubernetes and Argo clients for `workflows`, archive readers
// for `audit`), and `thoth advise` should not pay for the others at every start.
const COMMANDS: Record<string, () => Promise<CommandFactory>> = {
  advise: async () => (await import('./commands/advise.js')).adviseCommand,
  graph: async () => (await import('./commands/graph.js')).graphCommand,
  config: async () => (await import('./commands/config.js')).configCommand,
  index: async () => {
    const { indexCommand } = await import('./commands/package-index.js');
    return (io) => indexCommand(io);
  },
  workflows: async () => (await import('./commands/workflows.js')).workflowsCommand,
  solve: async () => (await import('./commands/solve.js')).solveCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  up: async () => (await import('./commands/up.js')).upCommand,
  provenance: async () => (await import('./commands/provenance.js')).provenanceCommand,
  'dependency-monkey': async () => (await import('./commands/dependency-monkey.js')).dependencyMonkeyCommand,
};

/** The subcommand named by argv (its first word), when it is one of ours. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const first = argv[0];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
}

const VERSION = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version;

/** The program with `only` that subcommand, or with all of them (help, errors, no subcommand). */
export async function buildProgram(
  io: OutputStreams,
  setExit: (code: number) => void,
  only?: string,
): Promise<Command> {
  const program = new Command('thoth')
    .description(
      'Thoth: pinned, scored and explained Python software stacks from a knowledge graph that keeps learning',
    )
    .version(VERSION)
    // `thoth --version` is the CLI's; after a subcommand, `--version` is that command's (`solve --version V`).
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText(
      'after',
      `\nConfiguration (environment variables):\n${Object.entries(RUNTIME_VARIABLES)
        .map(([k, v]) => `  ${k.padEnd(27)} ${v}`)
        .join('\n')}\n\n${EXIT_HELP}\n`,
    )
    .exitOverride();
  const names = only === undefined ? Object.keys(COMMANDS) : [only];
  // One after the other, in the listed order (concurrent dynamic imports of modules with shared cycles
  // can deadlock vitest's module runner).
  for (const name of names) program.addCommand((await COMMANDS[name]!())(io, setExit));
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Run the CLI with explicit streams and environment; resolves to the exit code. */
export async function main(argv: string[], io: OutputStreams): Promise<number> {
  let exit: number = CLI_EXIT.ok;
  const program = await buildProgram(
    io,
    (code) => {
      exit = code;
    },
    requestedCommand(argv),
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? CLI_EXIT.ok : CLI_EXIT.badInput;
    }
    printError(io, error);
    return exitCodeFor(error);
  }
}

// Run when this file (sources, dist/ or the bundle) is the script node was started with; bin/thoth.mjs
// imports it and calls main() itself.
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * Run as the `thoth` process: real streams and environment, the exit code set on the process. A reader
 * that goes away (`thoth … | head`) ends the output quietly, as with any Unix tool.
 */
export async function runAsProcess(argv: string[]): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.exitCode = await main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}

if (isEntryPoint()) await runAsProcess(process.argv.slice(2));
