// Step `si-aggregate`: combine the bandit and cloc reports of one release into a security-indicator
// document (validated against schemas/documents/security-indicator.v1) for graph-sync.
//   thoth-step si-aggregate --document-id security-indicators-1a2b --bandit bandit.json --cloc cloc.json [--store]
import { readFile } from 'node:fs/promises';
import { InputError } from '../lib/errors/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { aggregateIndicators, parseAnalyzerReport } from '../lib/security/index.js';
import type { AnalyzerName, AnalyzerReport } from '../lib/security/index.js';
import { isValidWorkflowName } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { parseFlags, requiredFlag } from './flags.js';
import { analyzerVersion, runEnvironment } from './run-record.js';
import { openOutputs, runStep } from './run-step.js';

export const SI_AGGREGATE_OUTPUTS = { document: 'document.json' } as const;

const USAGE = `usage: thoth-step si-aggregate --document-id ID --bandit FILE --cloc FILE [--store]
writes <outputs>/document.json (and puts it in the artifact store with --store);
exit codes: 0 ok, 2 bad input, 3 the document would not satisfy its schema, 75 store unavailable`;

async function readReport(file: string, analyzer: AnalyzerName): Promise<AnalyzerReport> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(`si-aggregate: cannot read --${analyzer} ${file} (${(error as Error).message})`, {
      cause: error,
      context: { file },
    });
  }
  return parseAnalyzerReport(data, file, analyzer);
}

function parseSiAggregateArgs(argv: string[]) {
  const flags = parseFlags('si-aggregate', argv, {
    'document-id': { type: 'string' },
    bandit: { type: 'string' },
    cloc: { type: 'string' },
    store: { type: 'boolean', default: false },
  });
  if (flags === 'help') return 'help';
  const documentId = requiredFlag('si-aggregate', '--document-id', flags['document-id'], '; see --help');
  if (!isValidWorkflowName(documentId)) {
    throw new InputError(`si-aggregate: --document-id "${documentId}" is not a workflow name`);
  }
  return {
    documentId,
    bandit: requiredFlag('si-aggregate', '--bandit FILE', flags.bandit, '; see --help'),
    cloc: requiredFlag('si-aggregate', '--cloc FILE', flags.cloc, '; see --help'),
    store: flags.store,
  };
}

export function runSiAggregate(argv: string[], io: StepIo, env: Env): Promise<number> {
  const frame = { name: 'si-aggregate', usage: USAGE, parse: parseSiAggregateArgs };
  return runStep(argv, io, frame, async ({ documentId, bandit, cloc, store }) => {
    const config = readRuntimeConfig(env);
    const document = aggregateIndicators(await readReport(bandit, 'bandit'), await readReport(cloc, 'cloc'), {
      documentId,
      analyzerVersion: analyzerVersion(),
      environment: runEnvironment(config.layout.deployment),
    });
    await (await openOutputs(io)).json(SI_AGGREGATE_OUTPUTS.document, document);
    if (store) await openDocuments(config).putDocument('security-indicator', documentId, document);
    io.log.info(
      { documentId, error: document.result.error?.code ?? null, stored: store },
      'security indicators aggregated',
    );
  });
}

export const siAggregateStep: StepDefinition = {
  name: 'si-aggregate',
  description: 'aggregate bandit and cloc reports into a security-indicator document',
  run: (argv, io) => runSiAggregate(argv, io, process.env),
};
