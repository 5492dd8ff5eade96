// `thoth provenance LOCKFILE`: check where the artifacts of a lock (Pipfile.lock, requirements.txt
// with hashes, pylock.toml) come from, against the knowledge graph and the indexes the lock names
// (lib/adviser/provenance). Exit 0 clean (warnings allowed), 1 findings of error severity, 2 bad input.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  checkProvenance,
  DEFAULT_INDEX_URL,
  GraphArtifactSource,
  IndexArtifactSource,
  provenanceDocument,
  readLock,
} from '../../lib/adviser/provenance/index.js';
import { assetPath } from '../../lib/assets/index.js';
import { InputError } from '../../lib/errors/index.js';
import { migrate } from '../../lib/graph/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { workflowName } from '../../lib/workflows/index.js';
import { CLI_EXIT } from '../exit-codes.js';
import { paint, printResult, useColour } from '../output.js';
import type { OutputStreams } from '../output.js';

interface ProvenanceOptions {
  indexUrl?: string[];
  pipfile?: string;
  json?: boolean;
}

const COLOURS = { error: 'red', warning: 'yellow', info: 'dim' } as const;

export function provenanceCommand(io: OutputStreams, setExit: (code: number) => void): Command {
  return new Command('provenance')
    .description(
      'check that every package of a lock file comes from an allowed index that serves it with the locked ' +
        'hashes (knowledge graph first, then the index); exits 1 when a finding has error severity',
    )
    .argument('<lockfile>', 'Pipfile.lock, pylock.toml (PEP 751) or a requirements.txt with --hash pins')
    .option(
      '--index-url <url...>',
      `indexes packages may come from (repeatable); default every index the lock declares (${DEFAULT_INDEX_URL} for a requirements.txt without -i)`,
    )
    .option(
      '--pipfile <path>',
      'the Pipfile a Pipfile.lock was made from: its hash is compared with _meta.hash',
    )
    .option('--json', 'print the provenance-checker document (schema v2) as JSON')
    .action(async (lockfile: string, options: ProvenanceOptions) => {
      const startedAt = new Date();
      const started = performance.now();
      for (const url of options.indexUrl ?? [])
        if (!URL.canParse(url) || !/^https?:/.test(url))
          throw new InputError(`--index-url "${url}" is not an http(s) URL, e.g. ${DEFAULT_INDEX_URL}`);
      const text = await readFile(lockfile, 'utf8').catch((error: unknown) => {
        throw new InputError(`cannot read ${lockfile}: ${(error as Error).message}`);
      });
      const pipfile =
        options.pipfile === undefined
          ? undefined
          : await readFile(options.pipfile, 'utf8').catch((error: unknown) => {
              throw new InputError(`cannot read --pipfile ${options.pipfile}: ${(error as Error).message}`);
            });
      const lock = readLock(text, lockfile, { defaultIndexUrl: options.indexUrl?.[0] ?? DEFAULT_INDEX_URL });
      const runtime = readRuntimeConfig(io.env);
      // The embedded default lives under THOTH_HOME, which may not exist yet on a first run.
      if (runtime.graph.kind === 'pglite' && runtime.graph.dataDir !== undefined)
        await mkdir(dirname(runtime.graph.dataDir), { recursive: true });
      const graph = await openGraph(runtime.graph);
      const index = new IndexArtifactSource();
      let report;
      try {
        await migrate(graph);
        report = await checkProvenance({
          lock,
          graph: new GraphArtifactSource(graph),
          index,
          allowedIndexes: options.indexUrl ?? null,
          ...(pipfile === undefined ? {} : { pipfile }),
        });
      } finally {
        await index.close();
        await graph.close();
      }
      const errors = report.findings.filter((f) => f.type === 'error').length;
      const warnings = report.findings.filter((f) => f.type === 'warning').length;
      const version = (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string })
        .version;
      const document = () =>
        provenanceDocument(
          {
            document_id: workflowName('provenance-checker', `${lockfile}\u0000${text}`),
            analyzer_version: version,
            datetime: startedAt.toISOString(),
            duration: (performance.now() - started) / 1000,
            arguments: { lockfile, allowed_indexes: report.allowedIndexes },
            environment: {
              deployment: runtime.layout.deployment,
              hostname: hostname(),
              node_version: process.versions.node,
              platform: `${process.platform}-${process.arch}`,
            },
          },
          { report },
        );
      const colour = useColour(io.stdout, io.env);
      printResult(io, options.json === true, options.json === true ? document() : null, () =>
        [
          ...report.findings.flatMap((f) => [
            `${paint(colour, COLOURS[f.type], f.type.padEnd(7))} ${f.id}: ${f.message}`,
            ...(f.link === null ? [] : [`        ${f.link}`]),
          ]),
          ...report.unchecked.map(
            (u) =>
              `unchecked ${u.name} ${u.version}: no graph record and no index answer for ${u.indexUrl ?? 'its indexes'}`,
          ),
          `${report.checked} packages checked${
            report.directReferences > 0 ? `, ${report.directReferences} direct references skipped` : ''
          }: ${errors} errors, ${warnings} warnings`,
        ].join('\n'),
      );
      if (errors > 0) setExit(CLI_EXIT.failed);
    });
}
