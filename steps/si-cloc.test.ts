// si-cloc through its step definition (as `thoth-step si-cloc` runs it), with real cloc on a small sdist.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/log/index.js';
import { buildSmallSdist } from '../lib/security/__fixtures__/small-sdist.js';
import { extractArchive, PACKAGE_ARTIFACT, summarizeCloc, writeReleaseInfo } from '../lib/security/index.js';
import { siClocStep } from './si-cloc.js';

describe('si-cloc step', () => {
  it('counts the lines of the extracted sdist per language', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thoth-step-'));
    const packageDir = join(dir, 'package');
    await extractArchive(
      'pkg-1.0.tar.gz',
      await buildSmallSdist(),
      join(packageDir, PACKAGE_ARTIFACT.source),
    );
    const release = { package_name: 'pkg', package_version: '1.0', index_url: 'https://pypi.org/simple' };
    await writeReleaseInfo(packageDir, { ...release, released_at: null });
    const io = {
      outputsDir: join(dir, 'out'),
      inputsDir: dir,
      log: silentLogger,
      signal: new AbortController().signal,
    };
    const argv = [
      '--package-name=pkg',
      '--package-version=1.0',
      `--index-url=${release.index_url}`,
      `--package=${packageDir}`,
    ];
    expect(siClocStep.name).toBe('si-cloc');
    expect(await siClocStep.run(argv, io)).toBe(0);
    const report = JSON.parse(await readFile(join(io.outputsDir, 'cloc.json'), 'utf8')) as {
      report: unknown;
      analyzer_version: string;
    };
    expect(summarizeCloc(report.report, report.analyzer_version).languages['Python']).toEqual({
      files: 6,
      blank: 9,
      comment: 2,
      code: 17,
    });
  });
});
