// Public face of the lock readers of the provenance check: Pipfile.lock, requirements.txt with hashes
// and pylock.toml become one ProvenanceLock; the format comes from the file name or is given.
import { ProjectFileError } from '../../../python/readers/index.js';
import { InputError } from '../../../errors/index.js';
import type { LockFormat, ProvenanceLock } from '../types.js';
import { readPipfileLockForProvenance } from './pipfile-lock.js';
import { readPylockTomlForProvenance } from './pylock-toml.js';
import { readRequirementsTxtForProvenance } from './requirements-txt.js';

export { normalizeIndexUrl, sha256Digests } from './common.js';

/** The index a lock without index options is installed from (pip's default). */
export const DEFAULT_INDEX_URL = 'https://pypi.org/simple';

/** The lock format a file name implies: `Pipfile.lock`, `pylock.toml` / `pylock.<name>.toml` (PEP 751), else requirements.txt. */
export function lockFormatForFileName(fileName: string): LockFormat {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base === 'Pipfile.lock') return 'pipfile-lock';
  if (/^pylock(\.[^.]+)?\.toml$/.test(base)) return 'pylock-toml';
  return 'requirements-txt';
}

export interface ReadLockOptions {
  /** The format; from the file name when omitted. */
  format?: LockFormat;
  /** Where a requirements.txt without `-i` installs from (default PyPI). */
  defaultIndexUrl?: string;
}

/** Reads a lock; throws InputError naming file, line and column when it cannot be checked. */
export function readLock(text: string, file: string, options: ReadLockOptions = {}): ProvenanceLock {
  const format = options.format ?? lockFormatForFileName(file);
  try {
    switch (format) {
      case 'pipfile-lock':
        return readPipfileLockForProvenance(text, file);
      case 'pylock-toml':
        return readPylockTomlForProvenance(text, file);
      case 'requirements-txt':
        return readRequirementsTxtForProvenance(text, file, {
          defaultIndexUrl: options.defaultIndexUrl ?? DEFAULT_INDEX_URL,
        });
    }
  } catch (error) {
    if (error instanceof ProjectFileError) throw new InputError(error.message, { cause: error });
    throw error;
  }
}
