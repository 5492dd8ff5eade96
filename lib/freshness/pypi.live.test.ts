// Live smoke test against pypi.org: PyPI's XML-RPC changelog by serial answers, and the last hour holds
// at least one new release. A live test (`npm run test:live`, not part of `npm test`): the network of
// the development machines refuses POST to pypi.org (HTTP 405), so it cannot run there. A network or
// host error fails it; it never skips.
import { describe, expect, it } from 'vitest';
import { changelogLastSerial, changelogSinceSerial, PYPI_XMLRPC_URL } from './index.js';

describe('PyPI changelog (live)', () => {
  it('lists at least one new release uploaded in the last hour', async () => {
    const last = await changelogLastSerial(PYPI_XMLRPC_URL);
    expect(last).toBeGreaterThan(20_000_000);
    // PyPI logs several thousand events an hour (uploads, file additions, yanks); the last 5,000
    // serials reach back far enough to hold the last hour's new releases, in one call.
    const entries = await changelogSinceSerial(PYPI_XMLRPC_URL, last - 5_000);
    expect(entries.length).toBeGreaterThan(0);
    const hourAgo = Date.now() / 1000 - 3600;
    const released = entries.filter(
      (e) => e.action === 'new release' && e.version !== null && e.timestamp >= hourAgo,
    );
    expect(released.length).toBeGreaterThan(0);
    expect(Math.max(...entries.map((e) => e.serial))).toBeLessThanOrEqual(last + 10_000);
  }, 120_000);
});
