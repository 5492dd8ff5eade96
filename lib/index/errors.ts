// Errors of the package-index client, in the lib/errors tree. "One project or file is bad" errors are
// not retriable and name the URL and the reason; "the index is down" is an IndexHostError (retriable).
import { HostError, ThothError } from '../errors/index.js';
import type { ThothErrorOptions } from '../errors/index.js';

/** The index host failed as a whole (5xx, 429, timeout, refused or reset connection), after retries. */
export class IndexHostError extends HostError {
  /** The URL that failed, credentials removed. */
  readonly url: string;
  constructor(url: string, message: string, options: ThothErrorOptions = {}) {
    super(hostOf(url), message, { ...options, context: { url, ...options.context } });
    this.url = url;
  }
}

/** A project page (PEP 503 HTML or PEP 691 JSON) that cannot be read as one; names the URL and the defect. */
export class IndexPageError extends ThothError {
  readonly url: string;
  readonly reason: string;
  constructor(url: string, reason: string, options: ThothErrorOptions = {}) {
    super('malformed-index-page', `malformed index page ${url}: ${reason}`, {
      ...options,
      context: { url, reason, ...options.context },
    });
    this.url = url;
    this.reason = reason;
  }
}

/** The index refused a request for a reason a retry cannot fix (401, 403, 410, other 4xx). */
export class IndexRequestRejectedError extends ThothError {
  readonly url: string;
  readonly status: number;
  constructor(url: string, status: number, options: ThothErrorOptions = {}) {
    const hint = status === 401 || status === 403 ? ' (check the index credentials)' : '';
    super('index-request-rejected', `index refused ${url} with HTTP ${status}${hint}`, {
      ...options,
      context: { url, status, ...options.context },
    });
    this.url = url;
    this.status = status;
  }
}

/** A file the project page advertised is missing (404 on the file or its `.metadata`). */
export class IndexFileNotFoundError extends ThothError {
  readonly url: string;
  constructor(url: string, options: ThothErrorOptions = {}) {
    super('index-file-not-found', `index has no file at ${url}`, {
      ...options,
      context: { url, ...options.context },
    });
    this.url = url;
  }
}

/** Core metadata (METADATA, PKG-INFO, a `.metadata` file) that cannot be read; names the file and the defect. */
export class MetadataParseError extends ThothError {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string, options: ThothErrorOptions = {}) {
    super('malformed-metadata', `malformed core metadata of ${file}: ${reason}`, {
      ...options,
      context: { file, reason, ...options.context },
    });
    this.file = file;
    this.reason = reason;
  }
}

/** Bytes whose digest differs from the one the index published (PEP 658 metadata, a downloaded file). */
export class HashMismatchError extends ThothError {
  constructor(what: string, algorithm: string, expected: string, actual: string) {
    super('hash-mismatch', `${algorithm} of ${what} is ${actual}, the index published ${expected}`, {
      context: { file: what, algorithm, expected, actual },
    });
  }
}

/** A zip or tar archive whose structure cannot be read (no central directory, bad local header, …). */
export class ArchiveFormatError extends ThothError {
  constructor(file: string, reason: string, options: ThothErrorOptions = {}) {
    super('malformed-archive', `cannot read archive ${file}: ${reason}`, {
      ...options,
      context: { file, reason, ...options.context },
    });
  }
}

/** A corpus file that is not in the format lib/index/corpus writes. */
export class CorpusFormatError extends ThothError {
  constructor(file: string, reason: string, options: ThothErrorOptions = {}) {
    super('malformed-corpus', `malformed corpus ${file}: ${reason}`, {
      ...options,
      context: { file, reason, ...options.context },
    });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
