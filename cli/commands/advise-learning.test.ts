// `thoth advise` learning lazily when the newest releases do not fit: the loopback index serves a
// small corpus whose newest `app` releases need `lib>=2` while the project pins `lib<2`, so a correct
// resolver walks `app` back to 4.0. Learning takes the newest releases first, so the graph holds only
// app 10.0…5.0 after the first round; the listing the investigator records tells the adviser that
// older releases exist, and the loop learns them instead of calling the set unsatisfiable.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCorpus } from '../../lib/index/index.js';
import type { LoopbackIndex } from '../../lib/index/index.js';
import { buildCorpus } from '../../lib/index/__fixtures__/corpus-builder.js';
import type { ReleaseSpec } from '../../lib/index/__fixtures__/corpus-builder.js';
import { RunStateStore } from '../../lib/workflows/index.js';
import { runThoth } from '../__fixtures__/run-thoth.js';

// app 1.0 … 10.0: from 5.0 on every release needs lib>=2; lib 1.0, 1.5, 2.0, 3.0.
const RELEASES: ReleaseSpec[] = [
  ...Array.from({ length: 10 }, (_, i) => ({
    project: 'app',
    version: `${i + 1}.0`,
    requires: i + 1 >= 5 ? ['lib>=2'] : ['lib>=1'],
  })),
  ...['1.0', '1.5', '2.0', '3.0'].map((version) => ({ project: 'lib', version })),
];

let server: LoopbackIndex;
let home: string;

beforeAll(async () => {
  server = await serveCorpus(buildCorpus(RELEASES), {});
  home = await mkdtemp(join(tmpdir(), 'thoth-advise-learning-'));
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

async function advise(
  name: string,
  requirements: string,
): Promise<{ code: number; stdout: string; stderr: string; dir: string; thothHome: string }> {
  const dir = join(home, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'requirements.txt'), requirements);
  const thothHome = join(home, `${name}-home`);
  const args = ['advise', join(dir, 'requirements.txt'), '--python-version', '3.11'];
  const run = await runThoth([...args, '--index-url', server.url, '--recommendation-type', 'latest'], {
    THOTH_HOME: thothHome,
  });
  return { ...run, dir, thothHome };
}

/** Versions of `name` solved by the run's thoth-solve workflows, newest first. */
async function solvedVersions(thothHome: string, name: string): Promise<string[]> {
  const records = await new RunStateStore(join(thothHome, 'workflows')).list();
  return records
    .filter((r) => r.template === 'thoth-solve' && r.parameters['package_name'] === name)
    .map((r) => r.parameters['package_version']!)
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
}

describe('thoth advise learning older releases', () => {
  it('walks app back past its newest releases to the newest that accepts lib<2', async () => {
    const { code, stdout, stderr, dir, thothHome } = await advise('walk-back', 'app\nlib<2\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lock = await readFile(join(dir, 'requirements.lock.txt'), 'utf8');
    expect(lock).toMatch(/^app==4\.0 /m);
    expect(lock).toMatch(/^lib==1\.5 /m);
    // The newest six first, then the older ones the listing named; 10.0…5.0 are not solved twice.
    expect(await solvedVersions(thothHome, 'app')).toEqual([
      '10.0',
      '9.0',
      '8.0',
      '7.0',
      '6.0',
      '5.0',
      '4.0',
      '3.0',
      '2.0',
      '1.0',
    ]);
    expect(stdout).not.toMatch(/unsatisfiable/);
  }, 120_000);

  it('still ends with the derivation when no listed release could help', async () => {
    const { code, stdout, dir, thothHome } = await advise('no-way', 'app>=5\nlib<2\n');
    expect(code).toBe(1);
    expect(stdout).toMatch(/Because .*we can conclude/s);
    expect(stdout).toMatch(/app/);
    // Only the releases the requirement admits were learned.
    expect(await solvedVersions(thothHome, 'app')).toEqual(['10.0', '9.0', '8.0', '7.0', '6.0', '5.0']);
    expect((await readFile(join(dir, 'requirements.txt'), 'utf8')).length).toBeGreaterThan(0);
  }, 120_000);
});
