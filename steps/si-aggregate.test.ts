// The security-indicator chain without the index: package artifact → si-bandit → si-cloc → si-aggregate
// with real tools; the document validates, lands in the artifact store with --store, and graph-sync's
// reader accepts it. Bad inputs exit 2.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../lib/contracts/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import { packageArtifact, releaseArgs } from './__fixtures__/package-artifact.js';
import { stepIo, tempDir } from './__fixtures__/step-io.js';
import { runSiAggregate } from './si-aggregate.js';
import { runAnalyzerStep } from './si-bandit.js';

describe('si-aggregate', () => {
  it('aggregates real bandit and cloc reports into a stored, valid security-indicator document', async () => {
    const home = await tempDir('thoth-home-');
    const env = {
      ...process.env,
      THOTH_HOME: home,
      THOTH_GRAPH_URL: undefined,
      THOTH_ARTIFACTS_URL: undefined,
    };
    const release = releaseArgs(await packageArtifact());
    const bandit = await stepIo();
    const cloc = await stepIo();
    expect(await runAnalyzerStep('bandit', release, bandit, env)).toBe(0);
    expect(await runAnalyzerStep('cloc', release, cloc, env)).toBe(0);

    const io = await stepIo();
    const argv = [
      '--document-id=security-indicators-5e6f7a8b',
      `--bandit=${join(bandit.outputsDir, 'bandit.json')}`,
      `--cloc=${join(cloc.outputsDir, 'cloc.json')}`,
      '--store',
    ];
    expect(await runSiAggregate(argv, io, env)).toBe(0);
    const document = parseDocument('security-indicator', await io.outputJson('document.json'));
    expect(document.result).toMatchObject({
      package_name: 'pkg',
      error: null,
      bandit: { files_total: 6, files_filtered: 2, files_analyzed: 4, files_with_issues: 2 },
      cloc: { sum: { files: 7, code: 19 } },
    });
    expect(document.result.bandit!.by_severity.low.high).toBe(2);
    expect(document.result.bandit!.by_severity.high.low).toBe(0);
    expect(document.metadata.environment.deployment).toBe('thoth-local');
    const stored = await openDocuments(readRuntimeConfig(env)).getDocument(
      'security-indicator',
      'security-indicators-5e6f7a8b',
    );
    expect(stored).toEqual(document);
  });

  it.each([
    [['--document-id=x-1', '--bandit=/nonexistent/b.json', '--cloc=/nonexistent/c.json'], 2],
    [['--bandit=a', '--cloc=b'], 2],
    [['--document-id=Not_A_Name', '--bandit=a', '--cloc=b'], 2],
  ])('exits 2 for %j', async (argv, code) => {
    expect(await runSiAggregate(argv, await stepIo(), { THOTH_HOME: tmpdir() })).toBe(code);
  });

  it('exits 2 when a report is not an analyzer report', async () => {
    const io = await stepIo();
    const file = join(io.inputsDir, 'bandit.json');
    await writeFile(file, JSON.stringify({ results: [] }));
    expect(
      await runSiAggregate(['--document-id=x-1', `--bandit=${file}`, `--cloc=${file}`], io, {
        THOTH_HOME: tmpdir(),
      }),
    ).toBe(2);
  });
});
