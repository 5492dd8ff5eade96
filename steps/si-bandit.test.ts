// si-bandit and si-cloc as steps: reports carry the release identity from the package artifact, an
// analyzer that cannot run becomes the report's error (exit 0), an artifact of another release exits 2.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnalyzerReport } from '../lib/security/index.js';
import { PACKAGE_INDEX as INDEX, packageArtifact, releaseArgs } from './__fixtures__/package-artifact.js';
import { stepIo } from './__fixtures__/step-io.js';
import { runAnalyzerStep } from './si-bandit.js';

let packageDir: string;
const argv = (version = '1.0'): string[] => releaseArgs(packageDir, version);
const clock = (): (() => Date) => {
  let t = Date.parse('2024-05-01T10:00:00Z');
  return () => new Date((t += 1000));
};

beforeAll(async () => {
  packageDir = await packageArtifact();
});

describe('si-bandit and si-cloc steps', () => {
  it.each(['bandit', 'cloc'] as const)(
    '%s writes a report of the release with real results',
    async (analyzer) => {
      const io = await stepIo();
      expect(await runAnalyzerStep(analyzer, argv(), io, process.env, clock())).toBe(0);
      const file = join(io.outputsDir, `${analyzer}.json`);
      const report = parseAnalyzerReport(await io.outputJson(`${analyzer}.json`), file, analyzer);
      expect(report).toMatchObject({
        analyzer,
        error: null,
        datetime: '2024-05-01T10:00:01.000Z',
        duration: 1,
        release: {
          package_name: 'pkg',
          package_version: '1.0',
          index_url: INDEX,
          released_at: '2024-01-02T03:04:05Z',
        },
      });
      expect(report.analyzer_version).toMatch(/^\d+\.\d+/);
      expect(JSON.stringify(report.report)).toContain(analyzer === 'bandit' ? 'B602' : '"Python"');
    },
  );

  it('records an analyzer that cannot run as the report error', async () => {
    const io = await stepIo();
    const env = { THOTH_CLOC: '/nonexistent/cloc' };
    expect(await runAnalyzerStep('cloc', argv(), io, env, clock())).toBe(0);
    const report = await io.outputJson<{ error: unknown; report: unknown }>('cloc.json');
    expect(report.error).toEqual({
      code: 'analyzer-failed',
      message: 'cloc: "/nonexistent/cloc" is not installed or not on PATH',
    });
    expect(report.report).toBeNull();
  });

  it('exits 2 for an artifact of another release or a missing --package', async () => {
    expect(await runAnalyzerStep('bandit', argv('2.0'), await stepIo(), process.env)).toBe(2);
    expect(
      await runAnalyzerStep(
        'bandit',
        ['--package-name=pkg', '--package-version=1.0', `--index-url=${INDEX}`],
        await stepIo(),
        process.env,
      ),
    ).toBe(2);
  });
});
