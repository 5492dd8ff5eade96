// `thoth index capture|serve`: freeze a slice of a package index into a corpus file, and publish a
// corpus again as a loopback PEP 503/691 index (offline tests, benchmarks, mirrors). Thin over lib/index.
import { Command } from 'commander';
import { InputError } from '../../lib/errors/index.js';
import { captureCorpus, loadCorpus, serveCorpus, writeCorpus } from '../../lib/index/index.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';

export interface IndexCommandOptions {
  /**
   * Resolves when `serve` should stop. Default: the first SIGINT or SIGTERM (tests pass their own
   * promise, because emitting signals inside a test runner would reach the runner's handlers too).
   */
  until?: () => Promise<void>;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new InputError(`--port "${text}" must be an integer from 0 to 65535 (0 picks a free port)`);
  }
  return port;
}

function parseCutoff(text: string): string {
  // Date-only values are midnight UTC, as in the README's example cutoff.
  const value = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(value.getTime())) {
    throw new InputError(`--cutoff "${text}" is not a date, e.g. 2025-01-01 or 2025-01-01T00:00:00Z`);
  }
  return value.toISOString();
}

export function indexCommand(io: OutputStreams, options: IndexCommandOptions = {}): Command {
  const index = new Command('index').description(
    'capture package-index corpora and serve them as a loopback index',
  );

  index
    .command('capture')
    .description(
      'walk the dependency closure of requirements on an index and write a corpus file (gzip JSON lines); ' +
        'files uploaded after the cutoff are left out',
    )
    .requiredOption(
      '--requirement <pep508...>',
      'root requirement(s), e.g. "requests<2.33" (repeat or list several)',
    )
    .requiredOption('--index-url <url>', 'the PEP 503 simple index to read, e.g. https://pypi.org/simple/')
    .requiredOption('--cutoff <date>', 'leave out files uploaded after this instant (ISO 8601 date or time)')
    .option(
      '--version-scope <scope>',
      'all: every version of every reachable project; specifier: only versions some requirement admits',
      'all',
    )
    .requiredOption('-o, --output <file>', 'corpus file to write (*.jsonl.gz)')
    .option('--json', 'print the corpus header as JSON')
    .action(
      async (flags: {
        requirement: string[];
        indexUrl: string;
        cutoff: string;
        versionScope: string;
        output: string;
        json?: boolean;
      }) => {
        if (flags.versionScope !== 'all' && flags.versionScope !== 'specifier') {
          throw new InputError(`--version-scope "${flags.versionScope}" is not one of all, specifier`);
        }
        if (!/^https?:\/\//.test(flags.indexUrl)) {
          throw new InputError(`--index-url "${flags.indexUrl}" must be an http(s) URL`);
        }
        const corpus = await captureCorpus({
          requirements: flags.requirement,
          indexUrl: flags.indexUrl,
          cutoff: parseCutoff(flags.cutoff),
          versionScope: flags.versionScope,
        });
        await writeCorpus(corpus, flags.output);
        const header = corpus.header;
        printResult(io, flags.json === true, { output: flags.output, ...header }, () =>
          [
            `wrote ${flags.output}: ${header.project_count} projects from ${header.index_url} (cutoff ${String(header.cutoff)})`,
            ...(header.not_found !== undefined && header.not_found.length > 0
              ? [`not found on the index: ${header.not_found.join(', ')}`]
              : []),
          ].join('\n'),
        );
      },
    );

  index
    .command('serve')
    .description(
      'serve a corpus as a PEP 503/691 index on 127.0.0.1 (stub wheels, PEP 658 metadata) until SIGINT or SIGTERM',
    )
    .argument('<corpus>', 'corpus file (*.jsonl.gz) written by `thoth index capture`')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--json', 'print {url, port, projects} as JSON')
    .action(async (corpusPath: string, flags: { port: string; json?: boolean }) => {
      const port = parsePort(flags.port);
      const corpus = await loadCorpus(corpusPath).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new InputError(`corpus file ${corpusPath} does not exist`);
        }
        throw error;
      });
      const server = await serveCorpus(corpus, { port });
      try {
        printResult(
          io,
          flags.json === true,
          { url: server.url, port: server.port, projects: corpus.projects.size },
          () => server.url,
        );
        await (options.until ?? untilSignal)();
      } finally {
        await server.close();
      }
    });
  return index;
}
