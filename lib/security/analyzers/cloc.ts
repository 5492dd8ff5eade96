// cloc: run it on a source tree (`cloc --json`) and keep its per-language counters.
import type { ClocAggregate, LineCounts } from '../../contracts/index.js';
import { AnalyzerError } from '../errors.js';
import { runAnalyzer, versionFrom } from './run.js';
import type { RunOptions } from './run.js';

/** Run cloc over `sourceDir`; returns its version and its JSON. */
export async function runCloc(
  sourceDir: string,
  command = 'cloc',
  options: RunOptions = {},
): Promise<{ version: string | undefined; report: unknown }> {
  const versionRun = await runAnalyzer('cloc', command, ['--version'], options);
  const run = await runAnalyzer('cloc', command, ['--json', '--quiet', '.'], { ...options, cwd: sourceDir });
  if (run.exitCode !== 0) {
    throw new AnalyzerError(
      'cloc',
      `exited with ${run.exitCode}: ${run.stderr.trim().split('\n').pop() ?? ''}`,
    );
  }
  // cloc prints nothing at all for a tree without countable files.
  const text = run.stdout.trim() === '' ? '{}' : run.stdout;
  try {
    return { version: versionFrom(versionRun.stdout), report: JSON.parse(text) as unknown };
  } catch (error) {
    throw new AnalyzerError('cloc', 'printed output that is not JSON', { cause: error });
  }
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;

function lineCounts(value: unknown): LineCounts {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    files: count(v['nFiles']),
    blank: count(v['blank']),
    comment: count(v['comment']),
    code: count(v['code']),
  };
}

/** cloc's JSON as counters per language plus the sum; `header` is metadata, not a language. */
export function summarizeCloc(report: unknown, clocVersion: string): ClocAggregate {
  const data = (typeof report === 'object' && report !== null ? report : {}) as Record<string, unknown>;
  const languages: Record<string, LineCounts> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'header' || key === 'SUM') continue;
    languages[key] = lineCounts(value);
  }
  return { cloc_version: clocVersion, languages, sum: lineCounts(data['SUM']) };
}
