// One analyzer run as the si-bandit and si-cloc steps do it: read the release identity si-download left
// beside the source, run the analyzer, and turn a failure of the analyzer into the report's `error` so
// the aggregate records it as data instead of the workflow losing the document.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, ThothError } from '../../errors/index.js';
import { runBandit } from './bandit.js';
import { runCloc } from './cloc.js';
import type { RunOptions } from './run.js';
import type { AnalyzedRelease, AnalyzerName, AnalyzerReport } from './report.js';

/** Layout of the `package` artifact si-download writes: the extracted sdist and the release identity. */
export const PACKAGE_ARTIFACT = { source: 'source', release: 'release.json' } as const;

/** Write `release.json` into a package artifact directory. */
export async function writeReleaseInfo(packageDir: string, release: AnalyzedRelease): Promise<void> {
  await writeFile(join(packageDir, PACKAGE_ARTIFACT.release), `${JSON.stringify(release, null, 2)}\n`);
}

/**
 * The release identity of a package artifact; `expected` (from the step's arguments) must agree, so an
 * artifact of another release is never analyzed under the wrong name.
 */
export async function readReleaseInfo(
  packageDir: string,
  expected: Omit<AnalyzedRelease, 'released_at'>,
): Promise<AnalyzedRelease> {
  const file = join(packageDir, PACKAGE_ARTIFACT.release);
  let data: Partial<AnalyzedRelease>;
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as Partial<AnalyzedRelease>;
  } catch (error) {
    throw new InputError(`${file}: cannot read the release identity si-download writes`, {
      cause: error,
      context: { file },
    });
  }
  for (const key of ['package_name', 'package_version', 'index_url'] as const) {
    if (data[key] !== expected[key]) {
      throw new InputError(
        `${file}: ${key} is ${JSON.stringify(data[key])} but the step was given ${JSON.stringify(expected[key])}`,
        { context: { file } },
      );
    }
  }
  return { ...expected, released_at: typeof data.released_at === 'string' ? data.released_at : null };
}

export interface AnalyzeOptions extends RunOptions {
  command: string;
  /** The clock (injected so reports are repeatable in tests). */
  now: () => Date;
}

/** Run `analyzer` over the artifact's source and build its report; analyzer failures become `error`. */
export async function analyzePackage(
  analyzer: AnalyzerName,
  packageDir: string,
  release: AnalyzedRelease,
  options: AnalyzeOptions,
): Promise<AnalyzerReport> {
  const started = options.now();
  const source = join(packageDir, PACKAGE_ARTIFACT.source);
  const run = analyzer === 'bandit' ? runBandit : runCloc;
  let outcome: { version: string | undefined; report: unknown } | undefined;
  let error: AnalyzerReport['error'] = null;
  try {
    outcome = await run(source, options.command, options);
  } catch (failure) {
    if (!(failure instanceof ThothError)) throw failure;
    error = { code: failure.code, message: failure.message };
  }
  return {
    format: 'thoth-analyzer-report',
    analyzer,
    analyzer_version: outcome?.version ?? null,
    release,
    datetime: started.toISOString(),
    duration: Math.max(0, (options.now().getTime() - started.getTime()) / 1000),
    error,
    report: outcome?.report ?? null,
  };
}
