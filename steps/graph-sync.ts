// Step `graph-sync`: ingest documents from the artifact store into the knowledge graph. Thin: parse
// argv, open the graph and the store from the environment, call lib/graph's sync, write a summary.
//   thoth-step graph-sync --document-type solver --document-id solver-1a2b3c   (one document)
//   thoth-step graph-sync --all [--document-type solver] [--since 2026-11-01T00:00:00Z]
//   thoth-step graph-sync --rebuild                                            (recreate the graph)
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_SCHEMAS, isDocumentKind } from '../lib/contracts/index.js';
import type { DocumentKind } from '../lib/contracts/index.js';
import { InputError, describeError } from '../lib/errors/index.js';
import { migrate, rebuildGraph, syncDocument, syncFromStore } from '../lib/graph/index.js';
import type { BatchResult } from '../lib/graph/index.js';
import { documentKey } from '../lib/storage/index.js';
import { openDocuments, openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';

const USAGE = `usage: thoth-step graph-sync (--document-type KIND --document-id ID | --all [--document-type KIND] [--since DATE] | --rebuild)
kinds: ${Object.keys(DOCUMENT_SCHEMAS).join(', ')}
writes <outputs>/sync-result.json; exit codes: 0 ok, 2 bad input, 3 invalid document, 75 store or database unavailable`;

interface Options {
  mode: 'one' | 'all' | 'rebuild';
  kind: DocumentKind | undefined;
  documentId: string | undefined;
  since: Date | undefined;
}

/** Parse the step's arguments; throws InputError naming the problem and the fix. */
export function parseGraphSyncArgs(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        'document-type': { type: 'string' },
        'document-id': { type: 'string' },
        all: { type: 'boolean', default: false },
        since: { type: 'string' },
        rebuild: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new InputError(`graph-sync: ${(error as Error).message}; see --help`);
  }
  if (parsed.help) return 'help';
  const type = parsed['document-type'];
  if (type !== undefined && !isDocumentKind(type)) {
    throw new InputError(
      `graph-sync: unknown --document-type "${type}"; use one of ${Object.keys(DOCUMENT_SCHEMAS).join(', ')}`,
    );
  }
  const since = parsed.since === undefined ? undefined : new Date(parsed.since);
  if (since !== undefined && Number.isNaN(since.getTime())) {
    throw new InputError(
      `graph-sync: --since "${parsed.since}" is not a date; use RFC 3339, e.g. 2026-11-01T00:00:00Z`,
    );
  }
  const modes = [parsed['document-id'] !== undefined, parsed.all, parsed.rebuild].filter(Boolean).length;
  if (modes !== 1) {
    throw new InputError('graph-sync: give exactly one of --document-id, --all or --rebuild; see --help');
  }
  if (parsed['document-id'] !== undefined && type === undefined) {
    throw new InputError('graph-sync: --document-id needs --document-type');
  }
  return {
    mode: parsed.rebuild ? 'rebuild' : parsed.all ? 'all' : 'one',
    kind: type as DocumentKind | undefined,
    documentId: parsed['document-id'],
    since,
  };
}

/** Run graph-sync with an explicit environment (the registry passes process.env). */
export async function runGraphSync(argv: string[], io: StepIo, env: Env): Promise<number> {
  let graph;
  try {
    const options = parseGraphSyncArgs(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_CODES.ok.code;
    }
    const config = readRuntimeConfig(env);
    const documents = openDocuments(config);
    graph = await openGraph(config.graph);
    await migrate(graph);
    let summary: BatchResult;
    if (options.mode === 'one') {
      // Read the raw document: syncDocument validates it and reports violations by field.
      const raw = await documents.store.get(
        documentKey(documents.layout, options.kind!, options.documentId!),
      );
      const outcome = await syncDocument(graph, options.kind!, JSON.parse(raw.toString('utf8')) as unknown);
      summary = { synced: [outcome], failed: [] };
    } else {
      const batch = {
        ...(options.kind ? { kinds: [options.kind] } : {}),
        ...(options.since ? { since: options.since } : {}),
      };
      summary =
        options.mode === 'rebuild'
          ? await rebuildGraph(graph, documents, batch)
          : await syncFromStore(graph, documents, batch);
    }
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(join(io.outputsDir, 'sync-result.json'), `${JSON.stringify(summary, null, 2)}\n`);
    io.log.info({ synced: summary.synced.length, failed: summary.failed.length }, 'graph-sync done');
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  } finally {
    await graph?.close();
  }
}

export const graphSyncStep: StepDefinition = {
  name: 'graph-sync',
  description: 'ingest documents from the artifact store into the knowledge graph (one, all, or a rebuild)',
  run: (argv, io) => runGraphSync(argv, io, process.env),
};
