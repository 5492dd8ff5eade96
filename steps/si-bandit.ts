// Step `si-bandit`: run bandit (JSON output) over the extracted sdist of a release and write its report
// for si-aggregate, which filters test files and counts findings by severity × confidence. The body is
// shared with si-cloc: check the release arguments against the package artifact, run the analyzer,
// write its report. An analyzer failure is written as the report's error (exit 0) so the aggregate
// records it; bad arguments or an artifact of another release exit 2.
//   thoth-step si-bandit --package-name flask --package-version 2.0.1 --index-url URL --package /tmp/inputs/package
import type { Env } from '../lib/runtime/index.js';
import {
  ANALYZER_VARIABLES,
  analyzePackage,
  banditCommand,
  clocCommand,
  readReleaseInfo,
} from '../lib/security/index.js';
import type { AnalyzerName } from '../lib/security/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { requiredFlag } from './flags.js';
import { openOutputs, runStep } from './run-step.js';
import { parseReleaseArgs } from './si-download.js';

function usage(analyzer: AnalyzerName): string {
  const variables = Object.entries(ANALYZER_VARIABLES)
    .map(([k, v]) => `  ${k}: ${v}`)
    .join('\n');
  return (
    `usage: thoth-step si-${analyzer} --package-name NAME --package-version VERSION --index-url URL --package DIR\n` +
    `writes <outputs>/${analyzer}.json; exit codes: 0 ok (analyzer failures are recorded in the report), 2 bad input\n${variables}`
  );
}

export function runAnalyzerStep(
  analyzer: AnalyzerName,
  argv: string[],
  io: StepIo,
  env: Env,
  now: () => Date = () => new Date(),
): Promise<number> {
  const step = `si-${analyzer}`;
  const parse = (args: string[]) => parseReleaseArgs(step, args, { package: { type: 'string' } });
  return runStep(argv, io, { name: step, usage: usage(analyzer), parse }, async (args) => {
    const packageDir = requiredFlag(step, '--package', args.values['package'], ' (the si-download artifact)');
    const release = await readReleaseInfo(packageDir, {
      package_name: args.name,
      package_version: args.version,
      index_url: args.indexUrl,
    });
    const command = analyzer === 'bandit' ? banditCommand(env) : clocCommand(env);
    const report = await analyzePackage(analyzer, packageDir, release, { command, now, signal: io.signal });
    await (await openOutputs(io)).text(`${analyzer}.json`, `${JSON.stringify(report)}\n`);
    if (report.error !== null)
      io.log.warn({ error: report.error }, `${analyzer} failed; recorded in the report`);
    else
      io.log.info(
        { package: args.name, version: args.version, version_of: report.analyzer_version },
        `${analyzer} done`,
      );
  });
}

export const siBanditStep: StepDefinition = {
  name: 'si-bandit',
  description: "run bandit over a release's extracted sdist; writes bandit.json",
  run: (argv, io) => runAnalyzerStep('bandit', argv, io, process.env),
};
