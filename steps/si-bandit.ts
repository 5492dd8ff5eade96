// Step `si-bandit`: run bandit (JSON output) over the extracted sdist of a release and write its report
// for si-aggregate, which filters test files and counts findings by severity × confidence. The body is
// shared with si-cloc: check the release arguments against the package artifact, run the analyzer,
// write its report. An analyzer failure is written as the report's error (exit 0) so the aggregate
// records it; bad arguments or an artifact of another release exit 2.
//   thoth-step si-bandit --package-name flask --package-version 2.0.1 --index-url URL --package /tmp/inputs/package
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, describeError } from '../lib/errors/index.js';
import type { Env } from '../lib/runtime/index.js';
import {
  ANALYZER_VARIABLES,
  analyzePackage,
  banditCommand,
  clocCommand,
  readReleaseInfo,
} from '../lib/security/index.js';
import type { AnalyzerName } from '../lib/security/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { parseReleaseArgs } from './si-download.js';

export async function runAnalyzerStep(
  analyzer: AnalyzerName,
  argv: string[],
  io: StepIo,
  env: Env,
  now: () => Date = () => new Date(),
): Promise<number> {
  const step = `si-${analyzer}`;
  try {
    const args = parseReleaseArgs(step, argv, { package: { type: 'string' } });
    if (args === 'help') {
      const variables = Object.entries(ANALYZER_VARIABLES)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n');
      process.stdout.write(
        `usage: thoth-step ${step} --package-name NAME --package-version VERSION --index-url URL --package DIR\n` +
          `writes <outputs>/${analyzer}.json; exit codes: 0 ok (analyzer failures are recorded in the report), 2 bad input\n${variables}\n`,
      );
      return EXIT_CODES.ok.code;
    }
    const packageDir = args.values['package'];
    if (packageDir === undefined)
      throw new InputError(`${step}: missing --package (the si-download artifact)`);
    const release = await readReleaseInfo(packageDir, {
      package_name: args.name,
      package_version: args.version,
      index_url: args.indexUrl,
    });
    const command = analyzer === 'bandit' ? banditCommand(env) : clocCommand(env);
    const report = await analyzePackage(analyzer, packageDir, release, { command, now, signal: io.signal });
    await mkdir(io.outputsDir, { recursive: true });
    await writeFile(join(io.outputsDir, `${analyzer}.json`), `${JSON.stringify(report)}\n`);
    if (report.error !== null)
      io.log.warn({ error: report.error }, `${analyzer} failed; recorded in the report`);
    else
      io.log.info(
        { package: args.name, version: args.version, version_of: report.analyzer_version },
        `${analyzer} done`,
      );
    return EXIT_CODES.ok.code;
  } catch (error) {
    io.log.error({ err: error }, describeError(error));
    return exitCodeForError(error);
  }
}

export const siBanditStep: StepDefinition = {
  name: 'si-bandit',
  description: "run bandit over a release's extracted sdist; writes bandit.json",
  run: (argv, io) => runAnalyzerStep('bandit', argv, io, process.env),
};
