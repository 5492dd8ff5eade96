// Real bandit (from the Thoth venv: bash scripts/python-env.sh) and real cloc (apt-get install -y cloc)
// on a small sdist built in the test; a missing tool fails these tests with its install hint.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../contracts/index.js';
import { buildSmallSdist } from '../__fixtures__/small-sdist.js';
import { extractArchive } from '../extract/index.js';
import {
  aggregateIndicators,
  banditCommand,
  clocCommand,
  emptySeverityCounts,
  isTestPath,
  parseAnalyzerReport,
  runBandit,
  runCloc,
  summarizeBandit,
  summarizeCloc,
} from './index.js';
import type { AnalyzerReport } from './index.js';

const release = {
  package_name: 'pkg',
  package_version: '1.0',
  index_url: 'https://pypi.org/simple',
  released_at: '2024-01-02T03:04:05Z',
};

function report(
  analyzer: 'bandit' | 'cloc',
  body: unknown,
  extra: Partial<AnalyzerReport> = {},
): AnalyzerReport {
  return {
    format: 'thoth-analyzer-report',
    analyzer,
    analyzer_version: analyzer === 'bandit' ? '1.9.4' : '1.96',
    release,
    datetime: analyzer === 'bandit' ? '2024-05-01T10:00:01Z' : '2024-05-01T10:00:00Z',
    duration: 1.5,
    error: null,
    report: body,
    ...extra,
  };
}

const options = {
  documentId: 'security-indicator-0a1b2c3d',
  analyzerVersion: '0.1.0',
  environment: { deployment: 'thoth-local', hostname: 'test', node_version: '20', platform: 'linux-x64' },
};

describe('bandit summary: severity is the first axis', () => {
  it('counts by_severity[issue_severity][issue_confidence] (the original swapped them)', () => {
    const summary = summarizeBandit(
      {
        results: [
          { filename: './a.py', issue_severity: 'HIGH', issue_confidence: 'LOW' },
          { filename: './a.py', issue_severity: 'LOW', issue_confidence: 'HIGH' },
          { filename: './a.py', issue_severity: 'LOW', issue_confidence: 'HIGH' },
          { filename: './b.py', issue_severity: 'MEDIUM', issue_confidence: 'weird' },
          { filename: './tests/test_a.py', issue_severity: 'HIGH', issue_confidence: 'HIGH' },
        ],
        metrics: { _totals: {}, './a.py': {}, './b.py': {}, './c.py': {}, './tests/test_a.py': {} },
        errors: [],
      },
      '1.9.4',
    );
    const expected = emptySeverityCounts();
    expected.high.low = 1;
    expected.low.high = 2;
    expected.medium.undefined = 1;
    expect(summary.aggregate).toEqual({
      bandit_version: '1.9.4',
      by_severity: expected,
      files_with_issues: 2,
      files_analyzed: 3,
      files_filtered: 1,
      files_total: 4,
    });
  });

  it('reads a malformed report as empty rather than failing', () => {
    expect(summarizeBandit('nonsense', 'x').aggregate.files_total).toBe(0);
    expect(summarizeCloc(null, '1.96')).toEqual({
      cloc_version: '1.96',
      languages: {},
      sum: { files: 0, blank: 0, comment: 0, code: 0 },
    });
  });

  it.each([
    ['tests/test_x.py', true],
    ['pkg/tests/helpers.py', true],
    ['pkg/test/data/x.py', true],
    ['pkg/testing/util.py', true],
    ['pkg/conftest.py', true],
    ['pkg/core_test.py', true],
    ['pkg/contest.py', false],
    ['pkg/latest.py', false],
    ['pkg/testsuite.py', false],
  ])('isTestPath(%s) is %s', (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

describe('real bandit and cloc on a small sdist', () => {
  let source: string;
  let banditReport: AnalyzerReport;
  let clocReport: AnalyzerReport;

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'thoth-si-'));
    const extracted = await extractArchive('pkg-1.0.tar.gz', await buildSmallSdist(), join(work, 'source'));
    source = extracted.root!;
    const bandit = await runBandit(source, banditCommand(process.env));
    const cloc = await runCloc(source, clocCommand(process.env));
    banditReport = report('bandit', bandit.report, { analyzer_version: bandit.version ?? null });
    clocReport = report('cloc', cloc.report, { analyzer_version: cloc.version ?? null });
  }, 120_000);

  it('bandit finds the planted issues by severity × confidence, test files filtered', () => {
    const summary = summarizeBandit(banditReport.report, banditReport.analyzer_version!);
    const expected = emptySeverityCounts();
    expected.low.high = 2; // B403 import pickle, B404 import subprocess
    expected.high.high = 1; // B602 shell=True
    expected.medium.high = 1; // B301 pickle.loads
    expected.low.medium = 1; // B107 hard-coded password default
    expected.medium.low = 1; // B608 SQL built from a string
    expect(summary.aggregate.by_severity).toEqual(expected);
    expect(summary.aggregate).toMatchObject({
      files_with_issues: 2,
      files_analyzed: 4,
      files_filtered: 2,
      files_total: 6,
    });
    expect(summary.errors).toEqual([]);
    expect(summary.ignoredErrors).toEqual([
      { filename: 'tests/data/broken.py', reason: 'syntax error while parsing AST from file' },
    ]);
    expect(banditReport.analyzer_version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('cloc counts lines per language', () => {
    const summary = summarizeCloc(clocReport.report, clocReport.analyzer_version!);
    expect(summary.languages).toEqual({
      Python: { files: 6, blank: 9, comment: 2, code: 17 },
      Markdown: { files: 1, blank: 1, comment: 0, code: 2 },
    });
    expect(summary.sum).toEqual({ files: 7, blank: 10, comment: 2, code: 19 });
  });

  it('aggregates into a document that validates as security-indicator v1', () => {
    const document = aggregateIndicators(banditReport, clocReport, options);
    expect(() => parseDocument('security-indicator', document)).not.toThrow();
    expect(document.metadata).toMatchObject({
      analyzer: 'thoth-security-indicator',
      document_id: 'security-indicator-0a1b2c3d',
      datetime: '2024-05-01T10:00:00Z',
      duration: 3,
      arguments: { package_name: 'pkg', package_version: '1.0', index_url: 'https://pypi.org/simple' },
    });
    expect(document.result).toMatchObject({
      released_at: '2024-01-02T03:04:05Z',
      error: null,
      bandit: { files_total: 6 },
      cloc: { sum: { code: 19 } },
    });
    expect(document.result.bandit!.by_severity.high.high).toBe(1);
  });

  it('records bandit errors in non-test files as the result error (the original forced false)', async () => {
    const work = await mkdtemp(join(tmpdir(), 'thoth-si-'));
    const extracted = await extractArchive(
      'pkg-1.0.tar.gz',
      await buildSmallSdist({ 'pkg-1.0/pkg/py2.py': 'print "hello"\n' }),
      join(work, 'source'),
    );
    const bandit = await runBandit(extracted.root!, banditCommand(process.env));
    const document = aggregateIndicators(report('bandit', bandit.report), clocReport, options);
    expect(document.result.error).toEqual({
      code: 'bandit-file-errors',
      message: 'bandit could not analyze 1 file(s): pkg/py2.py (syntax error while parsing AST from file)',
    });
    expect(document.result.bandit).toBeNull();
    expect(document.result.cloc).toBeNull();
  });
});

describe('aggregation of failed or mismatched reports', () => {
  it('carries an analyzer failure into the document', () => {
    const failed = report('cloc', null, {
      error: { code: 'analyzer-failed', message: 'cloc: exited with 2' },
    });
    const document = aggregateIndicators(report('bandit', {}), failed, options);
    expect(document.result).toMatchObject({
      error: { code: 'analyzer-failed', message: 'cloc: exited with 2' },
      bandit: null,
      cloc: null,
    });
  });

  it('refuses reports of two different releases', () => {
    const other = report('cloc', {}, { release: { ...release, package_version: '2.0' } });
    expect(() => aggregateIndicators(report('bandit', {}), other, options)).toThrow(
      'the bandit report is of pkg==1.0 from https://pypi.org/simple but the cloc report of pkg==2.0 from https://pypi.org/simple',
    );
  });

  it.each([
    [{}, 'no format marker'],
    [{ format: 'thoth-analyzer-report', analyzer: 'cloc' }, 'analyzer is "cloc"'],
    [{ format: 'thoth-analyzer-report', analyzer: 'bandit', release: {} }, 'release must have'],
  ])('parseAnalyzerReport refuses %j', (data, message) => {
    expect(() => parseAnalyzerReport(data, 'bandit.json', 'bandit')).toThrow(message);
  });
});
