// Public face of lib/security/analyzers: running bandit and cloc on an sdist's source, the reports the
// analyzer steps exchange, and their aggregation into a security-indicator document.
export { runAnalyzer, versionFrom } from './run.js';
export type { RunOptions, RunResult } from './run.js';
export { isTestPath } from './test-paths.js';
export { emptySeverityCounts, runBandit, summarizeBandit } from './bandit.js';
export type { BanditFileError, BanditSummary } from './bandit.js';
export { runCloc, summarizeCloc } from './cloc.js';
export { parseAnalyzerReport } from './report.js';
export type { AnalyzedRelease, AnalyzerName, AnalyzerReport } from './report.js';
export { aggregateIndicators } from './aggregate.js';
export type { AggregateOptions } from './aggregate.js';
export { ANALYZER_VARIABLES, banditCommand, clocCommand } from './commands.js';
export type { AnalyzerEnv } from './commands.js';
export { analyzePackage, PACKAGE_ARTIFACT, readReleaseInfo, writeReleaseInfo } from './analyze.js';
export type { AnalyzeOptions } from './analyze.js';
