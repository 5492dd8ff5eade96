// `thoth audit LOCKFILE`: check the `name==version` pins of a lock file against the advisories in the
// knowledge graph (imported from OSV); exit 1 when any pin is affected.
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../lib/errors/index.js';
import { migrate } from '../../lib/graph/index.js';
import { openGraph, readRuntimeConfig } from '../../lib/runtime/index.js';
import { auditStack, parseLockedPins } from '../../lib/security/index.js';
import { CLI_EXIT } from '../exit-codes.js';
import { paint, printResult, useColour } from '../output.js';
import type { OutputStreams } from '../output.js';

export function auditCommand(io: OutputStreams, setExit: (code: number) => void): Command {
  return new Command('audit')
    .description(
      'check the name==version pins of a lock file (requirements.txt style) against the advisories in ' +
        'the knowledge graph; exits 1 when findings exist',
    )
    .argument('<lockfile>', 'file of name==version pins (comments, options and --hash lines are ignored)')
    .option('--json', 'print the report {audited, findings} as JSON')
    .action(async (lockfile: string, flags: { json?: boolean }) => {
      const text = await readFile(lockfile, 'utf8').catch((error: unknown) => {
        throw new InputError(`cannot read ${lockfile}: ${(error as Error).message}`);
      });
      let pins;
      try {
        pins = parseLockedPins(text);
      } catch (error) {
        if (error instanceof InputError)
          throw new InputError(`${lockfile}: ${error.message}`, { cause: error });
        throw error;
      }
      const graph = await openGraph(readRuntimeConfig(io.env).graph);
      let report;
      try {
        await migrate(graph);
        report = await auditStack(graph, pins);
      } finally {
        await graph.close();
      }
      const colour = useColour(io.stdout, io.env);
      printResult(io, flags.json === true, report, () =>
        [
          ...report.findings.flatMap((f) => [
            `${paint(colour, 'red', `${f.packageName}==${f.version}`)}  ${f.advisoryId}${
              f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''
            }${f.summary === null ? '' : `: ${f.summary}`}`,
            `  affected ${f.rangesText.join('; ') || 'versions listed'}; fixed in ${f.fixedIn.join(', ') || 'no known version'}`,
            ...f.links.slice(0, 1).map((l) => `  ${l}`),
          ]),
          report.findings.length === 0
            ? `${report.audited} pins audited, no known advisories`
            : `${report.audited} pins audited, ${report.findings.length} finding(s)`,
        ].join('\n'),
      );
      if (report.findings.length > 0) setExit(CLI_EXIT.failed);
    });
}
