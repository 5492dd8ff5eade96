// bandit: run it on a source tree (`bandit -r -f json`) and count its findings by SEVERITY first, then
// CONFIDENCE. The original aggregator indexed the severity bucket by the issue's confidence and the
// confidence bucket by its severity; here each axis is read from its own field and tests pin that down.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BanditAggregate, BanditSeverityCounts } from '../../contracts/index.js';
import { AnalyzerError } from '../errors.js';
import { runAnalyzer, versionFrom } from './run.js';
import type { RunOptions } from './run.js';
import { isTestPath } from './test-paths.js';

const LEVELS = ['undefined', 'low', 'medium', 'high'] as const;
type Level = (typeof LEVELS)[number];

/** A file bandit could not analyze (syntax error, unreadable), as bandit reports it. */
export interface BanditFileError {
  filename: string;
  reason: string;
}

export interface BanditSummary {
  aggregate: BanditAggregate;
  /** Errors in non-test files: the analysis of the release is incomplete. */
  errors: BanditFileError[];
  /** Errors in test files (broken fixtures are common), ignored like their findings. */
  ignoredErrors: BanditFileError[];
}

/** Run bandit over `sourceDir`; returns its version and its JSON (paths relative to `sourceDir`). */
export async function runBandit(
  sourceDir: string,
  command = 'bandit',
  options: RunOptions = {},
): Promise<{ version: string | undefined; report: unknown }> {
  const versionRun = await runAnalyzer('bandit', command, ['--version'], options);
  const scratch = await mkdtemp(join(tmpdir(), 'thoth-bandit-'));
  try {
    const output = join(scratch, 'bandit.json');
    // -q: no progress lines; "." with cwd so reported file names are relative to the source root.
    const run = await runAnalyzer('bandit', command, ['-r', '-q', '-f', 'json', '-o', output, '.'], {
      ...options,
      cwd: sourceDir,
    });
    // bandit exits 1 when it found issues; anything else is a failure of bandit itself.
    if (run.exitCode !== 0 && run.exitCode !== 1) {
      throw new AnalyzerError('bandit', `exited with ${run.exitCode}: ${lastLine(run.stderr)}`);
    }
    let text: string;
    try {
      text = await readFile(output, 'utf8');
    } catch {
      throw new AnalyzerError('bandit', `wrote no report (exit ${run.exitCode}): ${lastLine(run.stderr)}`);
    }
    try {
      return { version: versionFrom(versionRun.stdout), report: JSON.parse(text) as unknown };
    } catch (error) {
      throw new AnalyzerError('bandit', `wrote a report that is not JSON`, { cause: error });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

const stripDot = (path: string): string => path.replace(/^\.\//, '');

function level(value: unknown): Level {
  const lower = typeof value === 'string' ? value.toLowerCase() : 'undefined';
  return (LEVELS as readonly string[]).includes(lower) ? (lower as Level) : 'undefined';
}

export function emptySeverityCounts(): BanditSeverityCounts {
  const row = (): BanditSeverityCounts['low'] => ({ undefined: 0, low: 0, medium: 0, high: 0 });
  return { undefined: row(), low: row(), medium: row(), high: row() };
}

/**
 * Summarize bandit's JSON (read leniently: it is a third party's format) over non-test files:
 * `by_severity[issue_severity][issue_confidence]` counts, file counts, and bandit's own errors.
 */
export function summarizeBandit(report: unknown, banditVersion: string): BanditSummary {
  const data = (typeof report === 'object' && report !== null ? report : {}) as {
    results?: unknown;
    metrics?: unknown;
    errors?: unknown;
  };
  const metrics = (typeof data.metrics === 'object' && data.metrics !== null ? data.metrics : {}) as Record<
    string,
    unknown
  >;
  const files = Object.keys(metrics)
    .filter((k) => k !== '_totals')
    .map(stripDot);
  const errors: BanditFileError[] = [];
  const ignoredErrors: BanditFileError[] = [];
  for (const item of Array.isArray(data.errors) ? data.errors : []) {
    const e = item as { filename?: unknown; reason?: unknown };
    const entry = { filename: stripDot(String(e.filename ?? '')), reason: String(e.reason ?? 'unknown') };
    (isTestPath(entry.filename) ? ignoredErrors : errors).push(entry);
  }
  const erroredFiles = new Set([...errors, ...ignoredErrors].map((e) => e.filename));
  const bySeverity = emptySeverityCounts();
  const withIssues = new Set<string>();
  for (const item of Array.isArray(data.results) ? data.results : []) {
    const result = item as { filename?: unknown; issue_severity?: unknown; issue_confidence?: unknown };
    const filename = stripDot(String(result.filename ?? ''));
    if (isTestPath(filename)) continue;
    // Severity is the first axis, confidence the second: by_severity.high.low = high severity, low confidence.
    bySeverity[level(result.issue_severity)][level(result.issue_confidence)]++;
    withIssues.add(filename);
  }
  const filtered = files.filter(isTestPath);
  const analyzed = files.filter((f) => !isTestPath(f) && !erroredFiles.has(f));
  return {
    aggregate: {
      bandit_version: banditVersion,
      by_severity: bySeverity,
      files_with_issues: withIssues.size,
      files_analyzed: analyzed.length,
      files_filtered: filtered.length,
      files_total: files.length,
    },
    errors,
    ignoredErrors,
  };
}
