// Step `graph-refresh`: write UnresolvedPackage messages for releases not yet solved in an environment
// and SIUnanalyzedPackage messages for releases without security indicators, up to --count each,
// leaving out work in flight or out of attempts. Thin: parse argv, open the graph, call lib/freshness.
//   thoth-step graph-refresh --count=800 [--environment KEY …] [--security-indicators=true|false]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, describeError } from '../lib/errors/index.js';
import { refreshCandidates } from '../lib/freshness/index.js';
import type { RefreshOptions } from '../lib/freshness/index.js';
import { migrate } from '../lib/graph/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';

export const GRAPH_REFRESH_OUTPUTS = {
  unsolved: 'unsolved',
  unanalysed: 'unanalysed',
  messages: 'messages.json',
} as const;

const USAGE = `usage: thoth-step graph-refresh [--count N] [--environment KEY]... [--security-indicators=true|false]
  --count                at most N unsolved (release, environment) pairs and N unanalysed releases (default 800)
  --environment          environments to solve for (repeatable; default every environment in the graph)
  --security-indicators  also announce releases without security indicators (default true)
writes <outputs>/{unsolved,unanalysed,messages.json}; exit codes: 0 ok, 2 bad input, 75 database unavailable`;

export function parseGraphRefreshArgs(argv: string[]): RefreshOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        count: { type: 'string', default: '800' },
        environment: { type: 'string', multiple: true },
        'security-indicators': { type: 'string', default: 'true' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new InputError(`graph-refresh: ${(error as Error).message}; see --help`);
  }
  if (parsed.help) return 'help';
  const count = Number(parsed.count);
  if (!/^[0-9]+$/.test(parsed.count) || !Number.isSafeInteger(count) || count < 1) {
    throw new InputError(`graph-refresh: --count must be a positive integer (got "${parsed.count}")`);
  }
  const si = parsed['security-indicators'];
  if (si !== 'true' && si !== 'false') {
    throw new InputError(`graph-refresh: --security-indicators must be true or false (got "${si}")`);
  }
  return {
    count,
    securityIndicators: si === 'true',
    ...(parsed.environment === undefined ? {} : { environmentKeys: parsed.environment }),
  };
}

export async function runGraphRefresh(argv: string[], io: StepIo, env: Env): Promise<number> {
  let graph;
  try {
    const options = parseGraphRefreshArgs(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_CODES.ok.code;
    }
    const config = readRuntimeConfig(env);
    graph = await openGraph(config.graph);
    await migrate(graph);
    const result = await refreshCandidates(graph, options);
    await mkdir(io.outputsDir, { recursive: true });
    const write = (name: string, text: string): Promise<void> => writeFile(join(io.outputsDir, name), text);
    await write(GRAPH_REFRESH_OUTPUTS.unsolved, String(result.unsolved));
    await write(GRAPH_REFRESH_OUTPUTS.unanalysed, String(result.unanalysed));
    await write(GRAPH_REFRESH_OUTPUTS.messages, `${JSON.stringify(result.messages, null, 2)}\n`);
    io.log.info(
      { unsolved: result.unsolved, unanalysed: result.unanalysed, messages: result.messages.length },
      'graph-refresh done',
    );
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  } finally {
    await graph?.close();
  }
}

export const graphRefreshStep: StepDefinition = {
  name: 'graph-refresh',
  description:
    'announce unsolved and unanalysed releases (UnresolvedPackage, SIUnanalyzedPackage) up to a cap',
  run: (argv, io) => runGraphRefresh(argv, io, process.env),
};
