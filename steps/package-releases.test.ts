// package-releases and package-update as steps over the embedded graph the environment names, against
// a loopback index that switches corpora: messages.json holds exactly the new release (then nothing),
// and exactly the vanished project, release and re-uploaded file (then nothing); bad arguments exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCorpus } from '../lib/index/index.js';
import type { LoopbackIndex } from '../lib/index/index.js';
import { corpusOf, seedFromIndex } from '../lib/freshness/__fixtures__/support.js';
import { withHomeGraph } from './__fixtures__/graph.js';
import { stepIo, thothHome } from './__fixtures__/step-io.js';
import type { TestStepIo } from './__fixtures__/step-io.js';
import { parsePackageReleasesArgs, runPackageReleases } from './package-releases.js';
import { parsePackageUpdateArgs, runPackageUpdate } from './package-update.js';

const messagesOf = async (io: TestStepIo): Promise<{ type: string; key: string }[]> =>
  (await io.outputJson<{ type: string; key: string }[]>('messages.json')).map(({ type, key }) => ({
    type,
    key,
  }));

const before = corpusOf([
  { project: 'alpha', version: '1.0' },
  { project: 'alpha', version: '1.1' },
  { project: 'beta', version: '1.0' },
]);
const after = corpusOf([
  { project: 'alpha', version: '1.0', extra: ['Summary: rebuilt'] },
  { project: 'alpha', version: '1.1' },
  { project: 'alpha', version: '2.0' },
]);

describe('package-releases and package-update steps', () => {
  let index: LoopbackIndex;
  let env: Record<string, string>;

  beforeAll(async () => {
    const { home, env: homeEnv } = await thothHome();
    env = homeEnv;
    index = await serveCorpus(before, { port: 0 });
    await withHomeGraph(home, (graph) => seedFromIndex(graph, index.url, ['alpha', 'beta']));
  }, 60_000);
  afterAll(async () => {
    await index?.close();
  });

  it('announces each change once', async () => {
    const baseline = await stepIo();
    expect(await runPackageReleases(['--only-if-package-seen=true'], baseline, env)).toBe(0);
    expect(await messagesOf(baseline)).toEqual([]);
    expect(await baseline.output('released')).toBe('0');

    const port = index.port;
    await index.close();
    index = await serveCorpus(after, { port });

    const releases = await stepIo();
    expect(await runPackageReleases(['--only-if-package-seen=true'], releases, env)).toBe(0);
    expect(await messagesOf(releases)).toEqual([{ type: 'PackageReleased', key: 'pypi:alpha:2.0' }]);
    const again = await stepIo();
    expect(await runPackageReleases(['--only-if-package-seen=true'], again, env)).toBe(0);
    expect(await messagesOf(again)).toEqual([]);

    const update = await stepIo();
    expect(await runPackageUpdate([], update, env)).toBe(0);
    expect((await messagesOf(update)).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { type: 'HashMismatch', key: 'pypi:alpha:1.0' },
      { type: 'MissingPackage', key: 'pypi:beta' },
    ]);
    const updateAgain = await stepIo();
    expect(await runPackageUpdate([], updateAgain, env)).toBe(0);
    expect(await messagesOf(updateAgain)).toEqual([]);
  });

  it('refuses bad arguments with exit 2', async () => {
    expect(() => parsePackageReleasesArgs(['--only-if-package-seen=maybe'])).toThrow(/true or false/);
    expect(() => parsePackageReleasesArgs(['--changelog', 'pypi'])).toThrow(/INDEX_URL=XMLRPC_URL/);
    expect(parsePackageReleasesArgs(['--only-if-package-seen=false'])).toMatchObject({
      scope: { kind: 'all' },
    });
    expect(parsePackageReleasesArgs(['--package', 'Flask'])).toMatchObject({
      scope: { kind: 'list', names: ['Flask'] },
    });
    expect(() => parsePackageUpdateArgs(['--index-url', 'ftp://x'])).toThrow(/http/);
    expect(await runPackageReleases(['--bogus'], await stepIo(), env)).toBe(2);
    expect(await runPackageUpdate(['--index-url', 'nope'], await stepIo(), env)).toBe(2);
  });
});
