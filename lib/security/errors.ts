// Errors of lib/security, all in the one ThothError tree with stable kebab-case codes.
import { ThothError } from '../errors/index.js';
import type { ThothErrorOptions } from '../errors/index.js';

/** An advisory source (URL, archive) could not be read as a whole; retriable when the host failed. */
export class OsvSourceError extends ThothError {
  readonly source: string;
  constructor(source: string, reason: string, options: ThothErrorOptions = {}) {
    super('osv-source-failed', `cannot read OSV advisories from ${source}: ${reason}`, {
      ...options,
      context: { source, ...options.context },
    });
    this.source = source;
  }
}

/** Why an archive was refused: each case is a kind of attack or resource abuse. */
export type UnsafeArchiveReason =
  | 'absolute-path'
  | 'path-traversal'
  | 'link-escape'
  | 'hard-link'
  | 'special-file'
  | 'too-many-files'
  | 'file-too-large'
  | 'total-too-large'
  | 'compression-ratio'
  | 'unsupported-format'
  | 'corrupt-archive';

/** An archive that would write outside its directory or exhaust resources; never retriable. */
export class UnsafeArchiveError extends ThothError {
  readonly reason: UnsafeArchiveReason;
  readonly entry: string | undefined;
  constructor(archive: string, reason: UnsafeArchiveReason, detail: string, entry?: string) {
    super('unsafe-archive', `refused to extract ${archive}: ${detail}`, {
      retriable: false,
      context: { file: archive, reason, ...(entry === undefined ? {} : { entry }) },
    });
    this.reason = reason;
    this.entry = entry;
  }
}

/** An analyzer (bandit, cloc) is not installed or failed to run; never retriable. */
export class AnalyzerError extends ThothError {
  readonly analyzer: string;
  constructor(analyzer: string, message: string, options: ThothErrorOptions = {}) {
    super('analyzer-failed', `${analyzer}: ${message}`, {
      ...options,
      retriable: false,
      context: { analyzer, ...options.context },
    });
    this.analyzer = analyzer;
  }
}
