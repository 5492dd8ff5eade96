// `thoth graph stats|migrate|rebuild`: inspect and maintain the knowledge graph the configuration names.
import { Command } from 'commander';
import { graphStats, migrate, rebuildGraph } from '../../lib/graph/index.js';
import { openDocuments, openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { CLI_EXIT } from '../exit-codes.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';

export function graphCommand(io: OutputStreams, setExit: (code: number) => void): Command {
  const graph = new Command('graph').description('inspect and maintain the knowledge graph');

  graph
    .command('stats')
    .description('counts of releases, files, dependencies, verdicts and jobs, and a content hash')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const config = readRuntimeConfig(io.env);
      const store = await openGraph(config.graph);
      try {
        await migrate(store);
        const stats = await graphStats(store);
        printResult(io, options.json === true, { backend: store.kind, ...stats }, () =>
          [
            `backend       ${store.kind}`,
            ...Object.entries(stats).map(([key, value]) => `${key.padEnd(13)} ${String(value)}`),
          ].join('\n'),
        );
      } finally {
        await store.close();
      }
    });

  graph
    .command('migrate')
    .description('apply pending schema migrations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const store = await openGraph(readRuntimeConfig(io.env).graph);
      try {
        const result = await migrate(store);
        printResult(io, options.json === true, result, () =>
          result.applied.length === 0 ? 'schema is up to date' : `applied ${result.applied.join(', ')}`,
        );
      } finally {
        await store.close();
      }
    });

  graph
    .command('rebuild')
    .description('recreate the knowledge graph from the documents in the artifact store')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const config = readRuntimeConfig(io.env);
      const store = await openGraph(config.graph);
      try {
        await migrate(store);
        let done = 0;
        const progress = io.stderr.isTTY === true && options.json !== true;
        const result = await rebuildGraph(store, openDocuments(config), {
          onDocument: () => {
            done++;
            if (progress) io.stderr.write(`\rsynced ${done} documents`);
          },
        });
        if (progress) io.stderr.write('\n');
        const stats = await graphStats(store);
        printResult(io, options.json === true, { ...result, stats }, () =>
          [
            `synced ${result.synced.length} documents, ${result.failed.length} failed`,
            ...result.failed.map((f) => `  ${f.kind}/${f.documentId}: ${f.reason}`),
            `content hash ${stats.contentHash}`,
          ].join('\n'),
        );
        if (result.failed.length > 0) setExit(CLI_EXIT.failed);
      } finally {
        await store.close();
      }
    });
  return graph;
}
