#!/usr/bin/env node
// `thoth-step <name> [args…]`: the step image's entry point. Dispatches to steps/registry.ts with the pod
// layout (/tmp/inputs, /tmp/outputs) and exits with the step's code; one line on stderr on failure.
import { createLogger } from '../lib/log/index.js';
import { EXIT_CODES } from '../lib/workflows/index.js';
import { STEPS } from './registry.js';

function usage(): string {
  const names = [...STEPS.values()].map((s) => `  ${s.name.padEnd(18)} ${s.description}`).join('\n');
  return `usage: thoth-step <name> [args…]   (thoth-step <name> --help for a step's flags)\nsteps:\n${names}\n`;
}

export async function runStepCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? EXIT_CODES.badInput.code : EXIT_CODES.ok.code;
  }
  const step = STEPS.get(name);
  if (step === undefined) {
    process.stderr.write(
      `thoth-step: unknown step "${name}"; known steps: ${[...STEPS.keys()].join(', ')}\n`,
    );
    return EXIT_CODES.badInput.code;
  }
  const abort = new AbortController();
  process.once('SIGTERM', () => abort.abort(new Error('SIGTERM')));
  const log = createLogger({ level: process.env['THOTH_LOG_LEVEL'] ?? 'info', name: `thoth-step/${name}` });
  return step.run(rest, {
    inputsDir: process.env['THOTH_STEP_INPUTS'] ?? '/tmp/inputs',
    outputsDir: process.env['THOTH_STEP_OUTPUTS'] ?? '/tmp/outputs',
    log,
    signal: abort.signal,
  });
}

if (process.argv[1] !== undefined && /thoth-step(\.ts|\.js)?$/.test(process.argv[1])) {
  process.exitCode = await runStepCli(process.argv.slice(2));
}
