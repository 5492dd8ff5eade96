// graph-refresh as a step over the embedded graph: UnresolvedPackage for releases without a verdict and
// SIUnanalyzedPackage for releases without indicators, capped by --count; bad arguments exit 2.
import { describe, expect, it } from 'vitest';
import { parseUnresolvedPackage } from '../lib/contracts/index.js';
import { upsertEnvironments } from '../lib/graph/index.js';
import { addBareReleases, withHomeGraph } from './__fixtures__/graph.js';
import { stepIo, thothHome } from './__fixtures__/step-io.js';
import { parseGraphRefreshArgs, runGraphRefresh } from './graph-refresh.js';

describe('graph-refresh step', () => {
  it('writes capped UnresolvedPackage and SIUnanalyzedPackage messages', async () => {
    const { home, env } = await thothHome();
    await withHomeGraph(home, async (graph) => {
      const environments = await upsertEnvironments(graph, [
        {
          key: 'ubi-9-py311',
          osName: 'rhel',
          osVersion: '9',
          pythonVersion: '3.11',
          platform: 'linux-x86_64',
        },
      ]);
      // Only 1.0 is solved; none has security indicators.
      await addBareReleases(graph, 'flask', ['1.0', '2.0', '3.0'], {
        environments,
        verdicts: (version) =>
          version === '1.0'
            ? [{ environmentKey: 'ubi-9-py311', installable: true, reason: null, error: null }]
            : [],
      });
    });

    const io = await stepIo();
    expect(await runGraphRefresh(['--count=1'], io, env)).toBe(0);
    const messages = await io.outputJson<{ type: string; key: string; payload: unknown }[]>('messages.json');
    expect(messages.map((m) => [m.type, m.key])).toEqual([
      ['UnresolvedPackage', 'pypi:flask:2.0'],
      ['SIUnanalyzedPackage', 'pypi:flask:1.0'],
    ]);
    expect(parseUnresolvedPackage(messages[0]!.payload).environment?.id).toBe('ubi-9-py311');
    expect(await io.output('unsolved')).toBe('1');

    const noSi = await stepIo();
    expect(await runGraphRefresh(['--count=800', '--security-indicators=false'], noSi, env)).toBe(0);
    expect(await noSi.output('unanalysed')).toBe('0');
    expect(await noSi.output('unsolved')).toBe('2');
  }, 60_000);

  it('refuses bad arguments with exit 2', async () => {
    expect(() => parseGraphRefreshArgs(['--count=0'])).toThrow(/positive integer/);
    expect(() => parseGraphRefreshArgs(['--count=ten'])).toThrow(/positive integer/);
    expect(parseGraphRefreshArgs([])).toMatchObject({ count: 800, securityIndicators: true });
    expect(await runGraphRefresh(['--security-indicators=yes'], await stepIo(), {})).toBe(2);
  });
});
