#!/usr/bin/env node
// The `thoth` command: advice, knowledge-graph maintenance and pipeline operations from one CLI.
// Thin: each subcommand parses its flags and calls lib/; errors become one line on stderr and an
// exit code from the table in exit-codes.ts.
import { Command, CommanderError } from 'commander';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assetPath } from '../lib/assets/index.js';
import { RUNTIME_VARIABLES } from '../lib/runtime/index.js';
import { adviseCommand } from './commands/advise.js';
import { auditCommand } from './commands/audit.js';
import { configCommand } from './commands/config.js';
import { dependencyMonkeyCommand } from './commands/dependency-monkey.js';
import { graphCommand } from './commands/graph.js';
import { indexCommand } from './commands/package-index.js';
import { provenanceCommand } from './commands/provenance.js';
import { solveCommand } from './commands/solve.js';
import { upCommand } from './commands/up.js';
import { workflowsCommand } from './commands/workflows.js';
import { CLI_EXIT, EXIT_HELP, exitCodeFor } from './exit-codes.js';
import { printError } from './output.js';
import type { OutputStreams } from './output.js';

const VERSION = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version;

export function buildProgram(io: OutputStreams, setExit: (code: number) => void): Command {
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
  program.addCommand(adviseCommand(io, setExit));
  program.addCommand(graphCommand(io, setExit));
  program.addCommand(configCommand(io));
  program.addCommand(indexCommand(io));
  program.addCommand(workflowsCommand(io));
  program.addCommand(solveCommand(io, setExit));
  program.addCommand(auditCommand(io, setExit));
  program.addCommand(upCommand(io, setExit));
  program.addCommand(provenanceCommand(io, setExit));
  program.addCommand(dependencyMonkeyCommand(io, setExit));
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
  const program = buildProgram(io, (code) => {
    exit = code;
  });
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
