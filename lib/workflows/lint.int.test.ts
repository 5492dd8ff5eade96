// Every file in workflows/ (and every fixture template the local engine tests run) passes the pinned
// Argo CLI's strict offline lint. Needs the CLI: scripts/argo/install-cli.sh installs it; without it
// this test fails and says how to install it, it does not skip.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const lint = join(root, 'scripts', 'argo', 'lint.sh');

describe('argo lint --offline', () => {
  it('has its install script', () => {
    expect(existsSync(join(root, 'scripts', 'argo', 'install-cli.sh'))).toBe(true);
  });

  it.each([['workflows'], ['lib/workflows/engine/__fixtures__/workflows']])('passes on %s', async (dir) => {
    const result = await run('bash', [lint, join(root, dir)]).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    if ('code' in result && result.code === 2) {
      throw new Error(`Argo CLI missing: ${result.stderr.trim()}`);
    }
    expect('code' in result ? `${result.stdout}${result.stderr}` : result.stdout).toContain(
      'no linting errors found!',
    );
  });
});
