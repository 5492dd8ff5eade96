// Step `package-update`: check known releases and their files against their indexes; write
// MissingPackage, MissingVersion and HashMismatch messages, then record the findings in the graph
// (is_missing, file present=false) so the next run announces nothing already announced.
//   thoth-step package-update [--index-url URL …] [--package NAME …]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, describeError } from '../lib/errors/index.js';
import { applyFindings, checkKnownReleases, enabledIndexUrls } from '../lib/freshness/index.js';
import type { UpdateResult } from '../lib/freshness/index.js';
import { migrate } from '../lib/graph/index.js';
import { HttpClient } from '../lib/index/index.js';
import { canonicalizeName } from '../lib/python/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';

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
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        'index-url': { type: 'string', multiple: true },
        package: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new InputError(`package-update: ${(error as Error).message}; see --help`);
  }
  if (parsed.help) return 'help';
  for (const url of parsed['index-url'] ?? []) {
    if (!/^https?:\/\/\S+$/.test(url)) {
      throw new InputError(`package-update: --index-url "${url}" is not an http(s) URL`);
    }
  }
  return {
    indexUrls: parsed['index-url'],
    packages: parsed.package?.map((name) => canonicalizeName(name)),
  };
}

export async function runPackageUpdate(argv: string[], io: StepIo, env: Env): Promise<number> {
  let graph;
  let http: HttpClient | undefined;
  try {
    const options = parsePackageUpdateArgs(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_CODES.ok.code;
    }
    const config = readRuntimeConfig(env);
    graph = await openGraph(config.graph);
    await migrate(graph);
    http = new HttpClient({ logger: io.log });
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
    const messages = results.flatMap((r) => r.result.messages);
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(
      join(io.outputsDir, PACKAGE_UPDATE_OUTPUTS.messages),
      `${JSON.stringify(messages, null, 2)}\n`,
    );
    const summary = results.map(({ indexUrl, result }) => ({
      index_url: indexUrl,
      checked_packages: result.checkedPackages,
      checked_releases: result.checkedReleases,
      messages: result.messages.length,
    }));
    await writeFile(
      join(io.outputsDir, PACKAGE_UPDATE_OUTPUTS.summary),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    // Recorded after the messages are written: a failure before this point repeats the whole check.
    const db = graph;
    await db.transaction(async (tx) => {
      for (const { indexUrl, result } of results) await applyFindings(tx, indexUrl, result.findings);
    });
    io.log.info({ indexes: summary }, 'package-update done');
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  } finally {
    await http?.close();
    await graph?.close();
  }
}

export const packageUpdateStep: StepDefinition = {
  name: 'package-update',
  description:
    'check known releases and files on their indexes; write MissingPackage, MissingVersion, HashMismatch',
  run: (argv, io) => runPackageUpdate(argv, io, process.env),
};
