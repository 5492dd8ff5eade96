// How `thoth advise` ends, whichever way the advice was made (in process, or by a cluster's workflow):
// from the advise-result document, write the lock files of the best product (all or none) and print
// the stack and its justification, or the reasons there is none; `--json` prints the document. When
// the user's current lock is already the best found, no lock is written (the advice is no better).
import type { DocumentOf } from '../../lib/contracts/index.js';
import type { SqlExecutor } from '../../lib/graph/index.js';
import { lockedStack, writeLocks } from '../../lib/learning/lock.js';
import type { LockTarget } from '../../lib/learning/lock.js';
import { CLI_EXIT } from '../exit-codes.js';
import { paint, printResult, useColour } from '../output.js';
import type { OutputStreams } from '../output.js';
import { baselineLines, isCurrentLockBest } from './advise-baseline.js';

export interface AdviceReport {
  /** Either schema version: a cluster may run an older analyzer (v1 has no baseline). */
  document: DocumentOf<'adviser'>;
  /** Environment key of the run, e.g. `cpython-3.11.7-manylinux_2_36_x86_64`. */
  environment: string;
  recommendationType: string;
  /** What the lock files are written for. */
  python: { pythonVersion: string; pythonFullVersion: string };
  /** Where the lock's file names, URLs and sizes come from; undefined: the product's own files. */
  files: SqlExecutor | undefined;
  targets: readonly LockTarget[];
  /** Why there is no stack (printed when the document has no product). */
  failure: () => string[];
  /** Last lines of a successful run, after the lock files written (how the answer was made). */
  footer: readonly string[];
}

/** Write the locks and print; resolves to the exit code (0 written or current lock kept, 1 no stack). */
export async function reportAdvice(io: OutputStreams, json: boolean, report: AdviceReport): Promise<number> {
  const { document } = report;
  const { products, stack_info: stackInfo } = document.result;
  const product = products[0];
  if (product === undefined) {
    const lines = [...report.failure(), ...baselineLines(document)];
    printResult(io, json, document, () => lines.join('\n'));
    if (json) io.stderr.write(`${lines.join('\n')}\n`);
    return CLI_EXIT.failed;
  }
  // Recommend only if strictly better (reference §11): the user's lock stays as it is.
  const keep = isCurrentLockBest(document);
  const written = keep
    ? []
    : await writeLocks(await lockedStack(report.files, product, report.python), report.targets);
  const colour = useColour(io.stdout, io.env);
  printResult(io, json, document, () =>
    [
      paint(
        colour,
        'bold',
        `Stack for ${report.environment} (${report.recommendationType}), score ${product.score.toFixed(3)}:`,
      ),
      ...product.lock.packages.map((p) => `  ${p.name}==${p.version}`),
      '',
      ...[...stackInfo, ...product.justification].map(
        (j) =>
          `${paint(colour, j.type === 'error' ? 'red' : j.type === 'warning' ? 'yellow' : 'dim', j.type)}: ${j.message}`,
      ),
      '',
      ...baselineLines(document),
      ...written.map((w) => `wrote ${w}`),
      ...report.footer,
    ].join('\n'),
  );
  // --json prints only the document: say on stderr why no lock was written.
  if (json && keep) io.stderr.write(`${baselineLines(document).join('\n')}\n`);
  return CLI_EXIT.ok;
}
