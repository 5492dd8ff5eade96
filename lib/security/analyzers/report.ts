// The intermediate report each analyzer step (si-bandit, si-cloc) writes for si-aggregate: which release
// was analyzed, with which analyzer version, when, and the analyzer's raw JSON (or why it failed). The
// release identity travels with the report because si-aggregate gets only the two files.
import type { ErrorInfo } from '../../contracts/index.js';
import { InputError } from '../../errors/index.js';

/** The analyzed release; `released_at` is the sdist's upload time when the index published it. */
export interface AnalyzedRelease {
  package_name: string;
  package_version: string;
  index_url: string;
  released_at: string | null;
}

export type AnalyzerName = 'bandit' | 'cloc';

export interface AnalyzerReport {
  /** Format marker, so a wrong file given to si-aggregate fails with a clear message. */
  format: 'thoth-analyzer-report';
  analyzer: AnalyzerName;
  analyzer_version: string | null;
  release: AnalyzedRelease;
  /** When the analyzer started (RFC 3339) and how long it ran, seconds. */
  datetime: string;
  duration: number;
  /** Why the run failed as a whole; `report` is null then. */
  error: ErrorInfo | null;
  /** The analyzer's own JSON output, paths relative to the source root. */
  report: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check a report read from `file` (our own format: strict). */
export function parseAnalyzerReport(data: unknown, file: string, expected: AnalyzerName): AnalyzerReport {
  const fail = (what: string): never => {
    throw new InputError(`${file}: not a ${expected} report from si-${expected} (${what})`, {
      context: { file },
    });
  };
  if (!isObject(data) || data['format'] !== 'thoth-analyzer-report') return fail('no format marker');
  if (data['analyzer'] !== expected) return fail(`analyzer is ${JSON.stringify(data['analyzer'])}`);
  const release = data['release'];
  if (
    !isObject(release) ||
    typeof release['package_name'] !== 'string' ||
    typeof release['package_version'] !== 'string' ||
    typeof release['index_url'] !== 'string' ||
    !(release['released_at'] === null || typeof release['released_at'] === 'string')
  ) {
    return fail('release must have package_name, package_version, index_url, released_at');
  }
  if (typeof data['datetime'] !== 'string' || typeof data['duration'] !== 'number') {
    return fail('datetime and duration are required');
  }
  const error = data['error'];
  if (!(
    error === null ||
    (isObject(error) && typeof error['code'] === 'string' && typeof error['message'] === 'string')
  )) {
    return fail('error must be null or {code, message}');
  }
  if (!(data['analyzer_version'] === null || typeof data['analyzer_version'] === 'string')) {
    return fail('analyzer_version must be a string or null');
  }
  return data as unknown as AnalyzerReport;
}
