// Shared setup for the differential tests: one packaging oracle per test file. Missing THOTH_PYTHON
// or a missing packaging library makes the tests fail (never skip), with the command that fixes it.
import { afterAll, beforeAll } from 'vitest';
import { PackagingOracle } from '../../oracle/index.js';

/**
 * Starts the oracle before the file's tests and stops it after; call at module level. When it cannot
 * start, every test that asks for it fails with the reason (a failing beforeAll would only mark the
 * tests skipped).
 */
export function useOracle(): () => PackagingOracle {
  let oracle: PackagingOracle | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      oracle = await PackagingOracle.start();
    } catch (error) {
      failure = error;
    }
  }, 60_000);
  afterAll(async () => {
    await oracle?.close();
  });
  return () => {
    if (oracle === undefined) throw failure ?? new Error('the packaging oracle was used outside a test');
    return oracle;
  };
}

/** Python's None for an optional pre-release flag. */
export const PRERELEASE_POLICIES = [null, true, false] as const;

/** Our option object for a Python-side policy value. */
export function policy(p: boolean | null): { prereleases?: boolean } {
  return p === null ? {} : { prereleases: p };
}

/** Formats up to `limit` mismatches for an assertion message. */
export function report(mismatches: unknown[], limit = 15): string {
  return `${mismatches.length} mismatches:\n${mismatches
    .slice(0, limit)
    .map((m) => JSON.stringify(m))
    .join('\n')}`;
}
