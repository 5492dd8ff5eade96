// Aggregate the bandit and cloc reports of one release into a security-indicator document (schema
// documents/security-indicator.v1): findings by severity × confidence with severity as the first axis,
// file counts with test files filtered, and line counts. A failure of either analyzer, including files
// bandit could not analyze, is recorded as the document's `result.error` (the original forced it to false).
import { parseDocument } from '../../contracts/index.js';
import type { ErrorInfo, ExecutionEnvironment, SecurityIndicatorDocument } from '../../contracts/index.js';
import { InputError } from '../../errors/index.js';
import { summarizeBandit } from './bandit.js';
import { summarizeCloc } from './cloc.js';
import type { AnalyzerReport } from './report.js';

export interface AggregateOptions {
  /** The document id: the workflow name. */
  documentId: string;
  /** Version of Thoth writing the document. */
  analyzerVersion: string;
  /** Execution environment of the aggregating step. */
  environment: ExecutionEnvironment;
}

/** At most this many file names quoted in an error message. */
const QUOTED_FILES = 3;

function sameRelease(bandit: AnalyzerReport, cloc: AnalyzerReport): boolean {
  const a = bandit.release;
  const b = cloc.release;
  return (
    a.package_name === b.package_name &&
    a.package_version === b.package_version &&
    a.index_url === b.index_url
  );
}

/** Build and validate the document; throws InputError when the reports are of different releases. */
export function aggregateIndicators(
  bandit: AnalyzerReport,
  cloc: AnalyzerReport,
  options: AggregateOptions,
): SecurityIndicatorDocument {
  if (!sameRelease(bandit, cloc)) {
    const name = (r: AnalyzerReport): string =>
      `${r.release.package_name}==${r.release.package_version} from ${r.release.index_url}`;
    throw new InputError(`the bandit report is of ${name(bandit)} but the cloc report of ${name(cloc)}`);
  }
  let error: ErrorInfo | null = bandit.error ?? cloc.error;
  let banditAggregate = null;
  let clocAggregate = null;
  if (error === null) {
    const summary = summarizeBandit(bandit.report, bandit.analyzer_version ?? 'unknown');
    if (summary.errors.length > 0) {
      const quoted = summary.errors
        .slice(0, QUOTED_FILES)
        .map((e) => `${e.filename} (${e.reason})`)
        .join(', ');
      const more =
        summary.errors.length > QUOTED_FILES ? ` and ${summary.errors.length - QUOTED_FILES} more` : '';
      error = {
        code: 'bandit-file-errors',
        message: `bandit could not analyze ${summary.errors.length} file(s): ${quoted}${more}`,
      };
    } else {
      banditAggregate = summary.aggregate;
      clocAggregate = summarizeCloc(cloc.report, cloc.analyzer_version ?? 'unknown');
    }
  }
  const started = [bandit.datetime, cloc.datetime].sort()[0]!;
  const document: SecurityIndicatorDocument = {
    metadata: {
      analyzer: 'thoth-security-indicator',
      analyzer_version: options.analyzerVersion,
      schema_version: 1,
      document_id: options.documentId,
      datetime: started,
      duration: bandit.duration + cloc.duration,
      arguments: {
        package_name: bandit.release.package_name,
        package_version: bandit.release.package_version,
        index_url: bandit.release.index_url,
      },
      environment: options.environment,
    },
    result: {
      package_name: bandit.release.package_name,
      package_version: bandit.release.package_version,
      index_url: bandit.release.index_url,
      released_at: bandit.release.released_at,
      bandit: banditAggregate,
      cloc: clocAggregate,
      error,
    },
  };
  // Our own output: validated before anyone stores it.
  return parseDocument('security-indicator', document);
}
