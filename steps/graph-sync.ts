// Step `graph-sync`: ingest documents from the artifact store into the knowledge graph. Thin: parse
// argv, open the graph and the store from the environment, call lib/graph's sync, write a summary.
//   thoth-step graph-sync --document-type solver --document-id solver-1a2b3c   (one document from the store)
//   thoth-step graph-sync --document-type solver --document-id ID --document /tmp/inputs/document.json
//                                                                  (one document from an input artifact)
//   thoth-step graph-sync --all [--document-type solver] [--since 2026-11-01T00:00:00Z]
//   thoth-step graph-sync --rebuild                                            (recreate the graph)
import { readFile } from 'node:fs/promises';
import { DOCUMENT_SCHEMAS, isDocumentKind } from '../lib/contracts/index.js';
import type { DocumentKind, SolverDocument } from '../lib/contracts/index.js';
import { InputError } from '../lib/errors/index.js';
import { migrate, rebuildGraph, syncDocument, syncFromStore } from '../lib/graph/index.js';
import type { BatchResult, GraphStore } from '../lib/graph/index.js';
import { materializeAdvisoriesFor } from '../lib/security/index.js';
import { documentKey } from '../lib/storage/index.js';
import { openDocuments, openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { booleanFlag, dateFlag, parseFlags } from './flags.js';
import { localInputPath } from './io.js';
import { openOutputs, runStep } from './run-step.js';

const USAGE = `usage: thoth-step graph-sync (--document-type KIND --document-id ID [--document FILE] | --all [--document-type KIND] [--since DATE] | --rebuild) [--force-sync true|false]
--force-sync is accepted for the workflow templates; syncing is idempotent, so a second sync of a document changes nothing either way
kinds: ${Object.keys(DOCUMENT_SCHEMAS).join(', ')}
writes <outputs>/sync-result.json; exit codes: 0 ok, 2 bad input, 3 invalid document, 75 store or database unavailable`;

interface Options {
  mode: 'one' | 'all' | 'rebuild';
  kind: DocumentKind | undefined;
  documentId: string | undefined;
  /** Read the document from this file (an input artifact) instead of the artifact store. */
  documentFile: string | undefined;
  since: Date | undefined;
}

/** Parse the step's arguments; throws InputError naming the problem and the fix. */
export function parseGraphSyncArgs(argv: string[]): Options | 'help' {
  const flags = parseFlags('graph-sync', argv, {
    'document-type': { type: 'string' },
    'document-id': { type: 'string' },
    document: { type: 'string' },
    'force-sync': { type: 'string', default: 'false' },
    all: { type: 'boolean', default: false },
    since: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
  });
  if (flags === 'help') return 'help';
  const type = flags['document-type'];
  if (type !== undefined && !isDocumentKind(type)) {
    throw new InputError(
      `graph-sync: unknown --document-type "${type}"; use one of ${Object.keys(DOCUMENT_SCHEMAS).join(', ')}`,
    );
  }
  const since = flags.since === undefined ? undefined : dateFlag('graph-sync', '--since', flags.since);
  if (flags.document !== undefined && flags['document-id'] === undefined) {
    throw new InputError('graph-sync: --document needs --document-type and --document-id');
  }
  const modes = [flags['document-id'] !== undefined, flags.all, flags.rebuild].filter(Boolean).length;
  if (modes !== 1) {
    throw new InputError('graph-sync: give exactly one of --document-id, --all or --rebuild; see --help');
  }
  // Accepted for the workflow templates; syncing is idempotent either way.
  booleanFlag('graph-sync', '--force-sync', flags['force-sync']);
  if (flags['document-id'] !== undefined && type === undefined) {
    throw new InputError('graph-sync: --document-id needs --document-type');
  }
  return {
    mode: flags.rebuild ? 'rebuild' : flags.all ? 'all' : 'one',
    kind: type,
    documentId: flags['document-id'],
    documentFile: flags.document,
    since,
  };
}

/**
 * Link newly synced releases to the advisories already in the graph (cve-update links only the releases
 * it knows at import time). `data` was validated by syncDocument, so its shape is known.
 */
async function linkAdvisories(graph: GraphStore, data: unknown, io: StepIo): Promise<void> {
  const releases = (data as SolverDocument).result.releases;
  if (releases.length === 0) return;
  // PyPI's advisories concern PyPI's releases only (the function's default index): a package of the
  // same name on a private index is not assumed to be the same project.
  const linked = await materializeAdvisoriesFor(
    graph,
    releases.map((r) => r.name),
  );
  if (linked.length > 0)
    io.log.info({ advisories: linked.length }, 'graph-sync linked releases to advisories');
}

async function readDocumentFile(path: string, io: StepIo): Promise<Buffer> {
  try {
    return await readFile(localInputPath(path, io));
  } catch (error) {
    throw new InputError(`graph-sync: cannot read --document ${path}: ${(error as Error).message}`);
  }
}

function parseJson(raw: Buffer, source: string): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new InputError(`graph-sync: ${source} is not JSON: ${(error as Error).message}`);
  }
}

/** Run graph-sync with an explicit environment (the registry passes process.env). */
export function runGraphSync(argv: string[], io: StepIo, env: Env): Promise<number> {
  const frame = { name: 'graph-sync', usage: USAGE, parse: parseGraphSyncArgs };
  return runStep(argv, io, frame, async (options, step) => {
    const config = readRuntimeConfig(env);
    const documents = openDocuments(config);
    const graph = step.closeAtEnd(await openGraph(config.graph));
    await migrate(graph);
    let summary: BatchResult;
    if (options.mode === 'one') {
      // Read the raw document: syncDocument validates it and reports violations by field.
      const raw =
        options.documentFile !== undefined
          ? await readDocumentFile(options.documentFile, io)
          : await documents.store.get(documentKey(documents.layout, options.kind!, options.documentId!));
      const data = parseJson(raw, options.documentFile ?? options.documentId!);
      // Refuse a document whose id differs from the one asked for, before anything is written.
      const embeddedId = (data as { metadata?: { document_id?: unknown } } | null)?.metadata?.document_id;
      if (typeof embeddedId === 'string' && embeddedId !== options.documentId) {
        throw new InputError(
          `graph-sync: the document's metadata.document_id is "${embeddedId}", not --document-id "${options.documentId!}"`,
        );
      }
      const outcome = await syncDocument(graph, options.kind!, data);
      if (options.kind === 'solver') await linkAdvisories(graph, data, io);
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
    await (await openOutputs(io)).json('sync-result.json', summary);
    io.log.info({ synced: summary.synced.length, failed: summary.failed.length }, 'graph-sync done');
  });
}

export const graphSyncStep: StepDefinition = {
  name: 'graph-sync',
  description: 'ingest documents from the artifact store into the knowledge graph (one, all, or a rebuild)',
  run: (argv, io) => runGraphSync(argv, io, process.env),
};
