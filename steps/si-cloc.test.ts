// si-cloc through its step definition (as `thoth-step si-cloc` runs it), with real cloc on a small sdist.
import { describe, expect, it } from 'vitest';
import { summarizeCloc } from '../lib/security/index.js';
import { packageArtifact, releaseArgs } from './__fixtures__/package-artifact.js';
import { stepIo } from './__fixtures__/step-io.js';
import { siClocStep } from './si-cloc.js';

describe('si-cloc step', () => {
  it('counts the lines of the extracted sdist per language', async () => {
    const io = await stepIo();
    expect(siClocStep.name).toBe('si-cloc');
    expect(await siClocStep.run(releaseArgs(await packageArtifact(null)), io)).toBe(0);
    const report = await io.outputJson<{ report: unknown; analyzer_version: string }>('cloc.json');
    expect(summarizeCloc(report.report, report.analyzer_version).languages['Python']).toEqual({
      files: 6,
      blank: 9,
      comment: 2,
      code: 17,
    });
  });
});
