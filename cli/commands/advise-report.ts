// How `thoth advise` ends, whichever way the advice was made (in process, or by a cluster's workflow):
// from the advise-result document, write the lock files of the best product (all or none) and print
// the stack and its justification, or the reasons there is none; `--json` prints the document.
import type { AdviserDocument } from '../../lib/contracts/index.js';
import type { SqlExecutor } from '../../lib/graph/index.js';
import { lockedStack, writeLocks } from '../../lib/learning/lock.js';
import type { LockTarget } from '../../lib/learning/lock.js';
import { CLI_EXIT } from '../exit-codes.js';
import { paint, printResult, useColour } from '../output.js';
import type { OutputStreams } from '../output.js';
import { baselineLines } from './advise-baseline.js';

export interface AdviceReport {
  document: AdviserDocument;
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

/** Write the locks and print; resolves to the exit code (0 written, 1 no stack). */
export async function reportAdvice(io: OutputStreams, json: boolean, report: AdviceReport): Promise<number> {
  const { document } = report;
  const { products, stack_info: stackInfo, baseline } = document.result;
  const product = products[0];
  if (product === undefined) {
    const lines = [...report.failure(), ...baselineLines(baseline, products)];
    printResult(io, json, document, () => lines.join('\n'));
    if (json) io.stderr.write(`${lines.join('\n')}\n`);
    return CLI_EXIT.failed;
  }
  const stack = await lockedStack(report.files, product, report.python);
  const written = await writeLocks(stack, report.targets);
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
      ...baselineLines(baseline, products),
      ...written.map((w) => `wrote ${w}`),
      ...report.footer,
    ].join('\n'),
  );
  return CLI_EXIT.ok;
}
