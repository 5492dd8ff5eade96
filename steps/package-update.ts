// Step `package-update`: check known releases and their files against their indexes; write
// MissingPackage, MissingVersion and HashMismatch messages, then record the findings in the graph
// (is_missing, file present=false) so the next run announces nothing already announced.
//   thoth-step package-update [--index-url URL …] [--package NAME …]
import { applyFindings, checkKnownReleases, enabledIndexUrls } from '../lib/freshness/index.js';
import type { UpdateResult } from '../lib/freshness/index.js';
import { migrate } from '../lib/graph/index.js';
import { HttpClient } from '../lib/index/index.js';
import { canonicalizeName } from '../lib/python/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { httpUrlFlag, parseFlags } from './flags.js';
import { openOutputs, runStep } from './run-step.js';

export const PACKAGE_UPDATE_OUTPUTS = {
  messages: 'messages.json',
  summary: 'package-update-result.json',
} as const;

const USAGE = `usage: thoth-step package-update [--index-url URL]... [--package NAME]...
  --index-url  indexes to check (repeatable; default the enabled indexes of the graph)
  --package    check only these packages (repeatable; default every package known on the index)
writes <outputs>/{messages.json,package-update-result.json}; exit codes: 0 ok, 2 bad input,
75 index or database unavailable`;

interface Options {
  indexUrls: string[] | undefined;
  packages: string[] | undefined;
}

export function parsePackageUpdateArgs(argv: string[]): Options | 'help' {
  const flags = parseFlags('package-update', argv, {
    'index-url': { type: 'string', multiple: true },
    package: { type: 'string', multiple: true },
  });
  if (flags === 'help') return 'help';
  return {
    indexUrls: flags['index-url']?.map((url) => httpUrlFlag('package-update', '--index-url', url)),
    packages: flags.package?.map((name) => canonicalizeName(name)),
  };
}

export function runPackageUpdate(argv: string[], io: StepIo, env: Env): Promise<number> {
  const frame = { name: 'package-update', usage: USAGE, parse: parsePackageUpdateArgs };
  return runStep(argv, io, frame, async (options, step) => {
    const config = readRuntimeConfig(env);
    const graph = step.closeAtEnd(await openGraph(config.graph));
    await migrate(graph);
    const http = step.closeAtEnd(new HttpClient({ logger: io.log }));
    const indexUrls = options.indexUrls ?? (await enabledIndexUrls(graph));
    const results: { indexUrl: string; result: UpdateResult }[] = [];
    for (const indexUrl of indexUrls) {
      const result = await checkKnownReleases(graph, {
        indexUrl,
        http,
        ...(options.packages === undefined ? {} : { names: options.packages }),
      });
      results.push({ indexUrl, result });
    }
    const out = await openOutputs(io);
    await out.json(
      PACKAGE_UPDATE_OUTPUTS.messages,
      results.flatMap((r) => r.result.messages),
    );
    const summary = results.map(({ indexUrl, result }) => ({
      index_url: indexUrl,
      checked_packages: result.checkedPackages,
      checked_releases: result.checkedReleases,
      messages: result.messages.length,
    }));
    await out.json(PACKAGE_UPDATE_OUTPUTS.summary, summary);
    // Recorded after the messages are written: a failure before this point repeats the whole check.
    await graph.transaction(async (tx) => {
      for (const { indexUrl, result } of results) await applyFindings(tx, indexUrl, result.findings);
    });
    io.log.info({ indexes: summary }, 'package-update done');
  });
}

export const packageUpdateStep: StepDefinition = {
  name: 'package-update',
  description:
    'check known releases and files on their indexes; write MissingPackage, MissingVersion, HashMismatch',
  run: (argv, io) => runPackageUpdate(argv, io, process.env),
};
