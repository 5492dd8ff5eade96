// Step `graph-refresh`: write UnresolvedPackage messages for releases not yet solved in an environment
// and SIUnanalyzedPackage messages for releases without security indicators, up to --count each,
// leaving out work in flight or out of attempts. Thin: parse argv, open the graph, call lib/freshness.
//   thoth-step graph-refresh --count=800 [--environment KEY …] [--security-indicators=true|false]
import { refreshCandidates } from '../lib/freshness/index.js';
import type { RefreshOptions } from '../lib/freshness/index.js';
import { migrate } from '../lib/graph/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { booleanFlag, integerFlag, parseFlags } from './flags.js';
import { openOutputs, runStep } from './run-step.js';

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
  const flags = parseFlags('graph-refresh', argv, {
    count: { type: 'string', default: '800' },
    environment: { type: 'string', multiple: true },
    'security-indicators': { type: 'string', default: 'true' },
  });
  if (flags === 'help') return 'help';
  return {
    count: integerFlag('graph-refresh', '--count', flags.count, 1),
    securityIndicators: booleanFlag('graph-refresh', '--security-indicators', flags['security-indicators']),
    ...(flags.environment === undefined ? {} : { environmentKeys: flags.environment }),
  };
}

export function runGraphRefresh(argv: string[], io: StepIo, env: Env): Promise<number> {
  const frame = { name: 'graph-refresh', usage: USAGE, parse: parseGraphRefreshArgs };
  return runStep(argv, io, frame, async (options, step) => {
    const config = readRuntimeConfig(env);
    const graph = step.closeAtEnd(await openGraph(config.graph));
    await migrate(graph);
    const result = await refreshCandidates(graph, options);
    const out = await openOutputs(io);
    await out.text(GRAPH_REFRESH_OUTPUTS.unsolved, result.unsolved);
    await out.text(GRAPH_REFRESH_OUTPUTS.unanalysed, result.unanalysed);
    await out.json(GRAPH_REFRESH_OUTPUTS.messages, result.messages);
    io.log.info(
      { unsolved: result.unsolved, unanalysed: result.unanalysed, messages: result.messages.length },
      'graph-refresh done',
    );
  });
}

export const graphRefreshStep: StepDefinition = {
  name: 'graph-refresh',
  description:
    'announce unsolved and unanalysed releases (UnresolvedPackage, SIUnanalyzedPackage) up to a cap',
  run: (argv, io) => runGraphRefresh(argv, io, process.env),
};
