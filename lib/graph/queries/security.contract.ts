// Behaviour of the adviser's bulk security reads on both backends: advisories linked to the releases
// of a set of packages (entries and links of other packages left out, withdrawn advisories left out)
// and the newest successful security-indicator aggregate per release, each in one query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listReleasesByName,
  loadReleaseAdvisories,
  loadSecurityIndicators,
  migrate,
  replaceAffectedReleases,
  syncDocument,
  upsertAdvisory,
  upsertEnvironments,
  upsertRelease,
  upsertSolverRun,
} from '../index.js';
import type { AdvisoryRecord, GraphStore, ReleaseRecord } from '../index.js';

const PYPI = 'https://pypi.org/simple';
const MIRROR = 'https://mirror.example/simple';
const ENV = { key: 'cp311-manylinux_2_17_x86_64', pythonVersion: '3.11' };

function release(name: string, version: string, indexUrl = PYPI): ReleaseRecord {
  return {
    name,
    version,
    indexUrl,
    requiresPython: null,
    yanked: false,
    yankedReason: null,
    uploadTime: null,
    metadataSource: 'core-metadata',
    files: [],
    dependencies: [],
    verdicts: [{ environmentKey: ENV.key, installable: true, reason: null, error: null }],
  };
}

function advisory(id: string, overrides: Partial<AdvisoryRecord> = {}): AdvisoryRecord {
  return {
    advisoryId: id,
    aliases: [],
    summary: `${id} summary`,
    details: null,
    severity: [],
    link: `https://osv.dev/vulnerability/${id}`,
    references: [],
    published: null,
    modified: '2024-01-01T00:00:00Z',
    withdrawn: null,
    affected: [],
    ...overrides,
  };
}

const ZERO = { undefined: 0, low: 0, medium: 0, high: 0 };

function indicatorDocument(
  documentId: string,
  version: string,
  datetime: string,
  high: number,
  error: null | { code: string; message: string } = null,
): unknown {
  return {
    metadata: {
      analyzer: 'thoth-security-indicator',
      analyzer_version: '0.1.0',
      schema_version: 1,
      document_id: documentId,
      datetime,
      duration: 1,
      arguments: {},
      environment: {
        deployment: 'thoth-test',
        hostname: 'test',
        node_version: '20.0.0',
        platform: 'linux-x64',
        os_name: 'debian',
        os_version: '12',
      },
    },
    result: {
      package_name: 'web',
      package_version: version,
      index_url: PYPI,
      released_at: null,
      error,
      bandit:
        error === null
          ? {
              bandit_version: '1.9.4',
              by_severity: { undefined: ZERO, low: ZERO, medium: ZERO, high: { ...ZERO, high } },
              files_with_issues: high > 0 ? 1 : 0,
              files_analyzed: 3,
              files_filtered: 0,
              files_total: 3,
            }
          : null,
      cloc:
        error === null
          ? {
              cloc_version: '1.96',
              languages: { Python: { files: 3, blank: 10, comment: 5, code: 900 } },
              sum: { files: 3, blank: 10, comment: 5, code: 900 },
            }
          : null,
    },
  };
}

export function describeSecurityQueries(name: string, open: () => Promise<GraphStore>): void {
  describe(`graph security reads: ${name}`, () => {
    let db: GraphStore;
    beforeAll(async () => {
      db = await open();
      await migrate(db);
      await db.transaction(async (tx) => {
        const envs = await upsertEnvironments(tx, [ENV]);
        const run = await upsertSolverRun(tx, {
          documentId: 'solver-security-contract',
          solverVersion: '0.1.0',
          datetime: '2024-01-03T00:00:00Z',
          durationMs: 1,
        });
        for (const r of [
          release('web', '1.0'),
          release('web', '1.1'),
          release('web', '1.1', MIRROR),
          release('lib', '2.0'),
          release('other', '0.1'),
        ]) {
          await upsertRelease(tx, r, r.version, envs, run);
        }
        const rows = await listReleasesByName(tx, ['web', 'lib', 'other']);
        const id = (n: string, v: string, index = PYPI): number =>
          rows.find((r) => r.packageName === n && r.version === v && r.indexUrl === index)!.releaseId;
        const a = await upsertAdvisory(
          tx,
          advisory('GHSA-aaaa', {
            aliases: ['CVE-2024-0001'],
            severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
            affected: [
              {
                packageName: 'web',
                ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.1' }, { fixed: '1.2' }] }],
                versions: [],
              },
              { packageName: 'other', ranges: [], versions: ['0.1'] },
            ],
          }),
        );
        await replaceAffectedReleases(tx, a, [
          id('web', '1.1'),
          id('web', '1.1', MIRROR),
          id('other', '0.1'),
        ]);
        const b = await upsertAdvisory(
          tx,
          advisory('PYSEC-bbbb', { affected: [{ packageName: 'lib', ranges: [], versions: ['2.0'] }] }),
        );
        await replaceAffectedReleases(tx, b, [id('lib', '2.0')]);
        const gone = await upsertAdvisory(
          tx,
          advisory('PYSEC-gone', {
            withdrawn: '2024-02-01T00:00:00Z',
            affected: [{ packageName: 'web', ranges: [], versions: ['1.0'] }],
          }),
        );
        await replaceAffectedReleases(tx, gone, [id('web', '1.0')]);
      });
      await syncDocument(
        db,
        'security-indicator',
        indicatorDocument('si-old', '1.0', '2024-01-01T00:00:00Z', 5),
      );
      await syncDocument(
        db,
        'security-indicator',
        indicatorDocument('si-new', '1.0', '2024-02-01T00:00:00Z', 1),
      );
      await syncDocument(
        db,
        'security-indicator',
        indicatorDocument('si-failed', '1.1', '2024-03-01T00:00:00Z', 0, {
          code: 'bandit-file-errors',
          message: 'bandit could not parse a file',
        }),
      );
    });
    afterAll(async () => {
      await db.close();
    });

    it('returns the advisories of the named packages with their entries and linked releases only', async () => {
      const advisories = await loadReleaseAdvisories(db, ['web', 'lib']);
      expect(advisories).toEqual([
        {
          advisoryId: 'GHSA-aaaa',
          aliases: ['CVE-2024-0001'],
          summary: 'GHSA-aaaa summary',
          severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
          link: 'https://osv.dev/vulnerability/GHSA-aaaa',
          references: [],
          affected: [
            {
              packageName: 'web',
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.1' }, { fixed: '1.2' }] }],
              versions: [],
            },
          ],
          releases: [
            { packageName: 'web', version: '1.1', indexUrl: MIRROR },
            { packageName: 'web', version: '1.1', indexUrl: PYPI },
          ],
        },
        expect.objectContaining({
          advisoryId: 'PYSEC-bbbb',
          affected: [{ packageName: 'lib', ranges: [], versions: ['2.0'] }],
          releases: [{ packageName: 'lib', version: '2.0', indexUrl: PYPI }],
        }),
      ]);
    });

    it('leaves out withdrawn advisories and packages without links', async () => {
      expect(await loadReleaseAdvisories(db, ['nothing-here'])).toEqual([]);
      expect(await loadReleaseAdvisories(db, [])).toEqual([]);
      const web = await loadReleaseAdvisories(db, ['web']);
      expect(web.map((a) => a.advisoryId)).toEqual(['GHSA-aaaa']);
    });

    it('returns the newest successful security-indicator run per release', async () => {
      const indicators = await loadSecurityIndicators(db, ['web', 'lib']);
      expect(indicators).toEqual([
        {
          packageName: 'web',
          version: '1.0',
          indexUrl: PYPI,
          documentId: 'si-new',
          datetime: '2024-02-01T00:00:00.000Z',
          bySeverity: { undefined: ZERO, low: ZERO, medium: ZERO, high: { ...ZERO, high: 1 } },
          filesAnalyzed: 3,
          pythonFiles: 3,
          pythonLinesOfCode: 900,
          totalLinesOfCode: 900,
        },
      ]);
      expect(await loadSecurityIndicators(db, [])).toEqual([]);
    });
  });
}
