// Step `si-aggregate`: combine the bandit and cloc reports of one release into a security-indicator
// document (validated against schemas/documents/security-indicator.v1) for graph-sync.
//   thoth-step si-aggregate --document-id security-indicators-1a2b --bandit bandit.json --cloc cloc.json [--store]
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assetPath } from '../lib/assets/index.js';
import { InputError, describeError } from '../lib/errors/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import { aggregateIndicators, parseAnalyzerReport } from '../lib/security/index.js';
import type { AnalyzerName, AnalyzerReport } from '../lib/security/index.js';
import { EXIT_CODES, exitCodeForError, isValidWorkflowName } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';

export const SI_AGGREGATE_OUTPUTS = { document: 'document.json' } as const;

const USAGE = `usage: thoth-step si-aggregate --document-id ID --bandit FILE --cloc FILE [--store]
writes <outputs>/document.json (and puts it in the artifact store with --store);
exit codes: 0 ok, 2 bad input, 3 the document would not satisfy its schema, 75 store unavailable`;

let version: string | undefined;
function analyzerVersion(): string {
  version ??= (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

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

export async function runSiAggregate(argv: string[], io: StepIo, env: Env): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        strict: true,
        options: {
          'document-id': { type: 'string' },
          bandit: { type: 'string' },
          cloc: { type: 'string' },
          store: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
      }).values;
    } catch (error) {
      throw new InputError(`si-aggregate: ${(error as Error).message}; see --help`);
    }
    if (parsed.help) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_CODES.ok.code;
    }
    const documentId = parsed['document-id'];
    if (documentId === undefined || parsed.bandit === undefined || parsed.cloc === undefined) {
      throw new InputError('si-aggregate: --document-id, --bandit and --cloc are required; see --help');
    }
    if (!isValidWorkflowName(documentId)) {
      throw new InputError(`si-aggregate: --document-id "${documentId}" is not a workflow name`);
    }
    const config = readRuntimeConfig(env);
    const document = aggregateIndicators(
      await readReport(parsed.bandit, 'bandit'),
      await readReport(parsed.cloc, 'cloc'),
      {
        documentId,
        analyzerVersion: analyzerVersion(),
        environment: {
          deployment: config.layout.deployment,
          hostname: hostname(),
          node_version: process.versions.node,
          platform: `${process.platform}-${process.arch}`,
        },
      },
    );
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(
      join(io.outputsDir, SI_AGGREGATE_OUTPUTS.document),
      `${JSON.stringify(document, null, 2)}\n`,
    );
    if (parsed.store) await openDocuments(config).putDocument('security-indicator', documentId, document);
    io.log.info(
      { documentId, error: document.result.error?.code ?? null, stored: parsed.store },
      'security indicators aggregated',
    );
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  }
}

export const siAggregateStep: StepDefinition = {
  name: 'si-aggregate',
  description: 'aggregate bandit and cloc reports into a security-indicator document',
  run: (argv, io) => runSiAggregate(argv, io, process.env),
};
