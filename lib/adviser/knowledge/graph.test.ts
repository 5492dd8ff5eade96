// End to end on the real graph (embedded PGlite): the fixture universe synced from a solver document,
// the fixture OSV records imported with lib/security's importer (a range for web, an explicit list for
// helper), a security-indicator document synced for one release; GraphKnowledgeSource loads releases,
// advisories and indicators in bulk and advise() uses them per recommendation type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, PgliteGraphStore, syncDocument } from '../../graph/index.js';
import { importOsvRecords, readOsvDirectory } from '../../security/index.js';
import {
  ENVIRONMENT,
  ENVIRONMENT_KEY,
  OSV_DIR,
  req,
  solverDocument,
} from '../__fixtures__/security/scenario.js';
import { advise } from '../advise.js';
import type { AdviseInput } from '../advise.js';
import { GraphKnowledgeSource } from './graph.js';

let db: PgliteGraphStore;

beforeAll(async () => {
  db = await PgliteGraphStore.open();
  await migrate(db);
  await syncDocument(db, 'solver', solverDocument());
  const imported = await importOsvRecords(db, readOsvDirectory(OSV_DIR));
  expect(imported.imported).toBe(2);
  expect(
    imported.newlyAffected.map((a) => `${a.advisoryId} ${a.packageName}==${a.version} ${a.matchedBy}`).sort(),
  ).toEqual([
    'GHSA-test-web1 web==1.3 range',
    'GHSA-test-web1 web==1.4 range',
    'PYSEC-test-helper helper==2.0 versions',
  ]);
}, 60_000);
afterAll(async () => {
  await db.close();
});

async function run(over: Partial<AdviseInput> = {}) {
  const knowledge = new GraphKnowledgeSource(db, ENVIRONMENT_KEY);
  await knowledge.warm(['web']);
  return advise({
    knowledge,
    environment: ENVIRONMENT,
    requirements: [req('web')],
    recommendationType: 'security',
    ...over,
  });
}

type Outcome = Awaited<ReturnType<typeof run>>;
const pins = (outcome: Outcome, n = 0) =>
  outcome.products[n]!.lock.packages.map((p) => `${p.name}==${p.version}`);

describe('GraphKnowledgeSource with security knowledge', () => {
  it('loads advisories with the closure: two more queries for the whole batch, none per release', async () => {
    const knowledge = new GraphKnowledgeSource(db, ENVIRONMENT_KEY);
    await knowledge.warm(['web']);
    // Two closure levels (web, then helper), then advisories and indicators once for both.
    expect(knowledge.queries).toBe(4);
    const web = await knowledge.releases('web');
    const helper = await knowledge.releases('helper');
    expect(knowledge.queries).toBe(4);
    const ids = (rs: typeof web) =>
      Object.fromEntries(rs.map((r) => [r.version, (r.advisories ?? []).map((a) => a.id)]));
    expect(ids(web)).toEqual({
      '1.0': [],
      '1.1': [],
      '1.2': [],
      '1.3': ['GHSA-test-web1'],
      '1.4': ['GHSA-test-web1'],
    });
    expect(ids(helper)).toEqual({ '1.0': [], '2.0': ['PYSEC-test-helper'] });
    expect(web.find((r) => r.version === '1.4')!.advisories![0]).toEqual({
      id: 'GHSA-test-web1',
      aliases: ['CVE-2099-0001'],
      summary: "web's session cookies can be forged (test record, not a real advisory)",
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      link: 'https://github.com/advisories/GHSA-test-web1',
      affected: [
        { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.3' }, { fixed: '1.5' }] }], versions: [] },
      ],
    });
  });

  it('security: the stack avoids every affected release and names the advisories it avoided', async () => {
    const outcome = await run();
    expect(pins(outcome)).toEqual(['helper==1.0', 'web==1.2']);
    expect(outcome.stackInfo.filter((j) => j.unit === 'CveSieve').map((j) => j.advisory_id)).toEqual([
      'GHSA-test-web1',
      'PYSEC-test-helper',
    ]);
    expect(
      outcome.products[0]!.justification.filter((j) => j.unit === 'CveWrap').map((j) => j.message),
    ).toEqual([
      'helper 1.0 avoids PYSEC-test-helper/CVE-2099-0002, which affects the newer helper 2.0 (==2.0).',
      'web 1.2 avoids GHSA-test-web1/CVE-2099-0001 (critical, CVSS 9.8), which affects the newer web 1.4, 1.3 (>=1.3, <1.5).',
    ]);
  });

  it('stable: the chosen stack scores strictly better than the latest stack, and says why', async () => {
    const latest = await run({ recommendationType: 'stable', limits: { limit: 1 } });
    expect(pins(latest)).toEqual(['helper==2.0', 'web==1.4']);
    const outcome = await run({ recommendationType: 'stable' });
    const best = outcome.products[0]!;
    expect(pins(outcome)).toEqual(['helper==2.0', 'web==1.2']);
    expect(best.score).toBeGreaterThan(latest.products[0]!.score);
    expect(best.justification).toContainEqual(
      expect.objectContaining({
        unit: 'CveWrap',
        package_name: 'web',
        advisory_id: 'GHSA-test-web1',
        version_range: '>=1.3, <1.5',
        link: 'https://github.com/advisories/GHSA-test-web1',
      }),
    );
    // helper 2.0 is kept: its penalty (−0.2) is cheaper than going back to helper 1.0 (−0.5), and the
    // justification says so.
    expect(best.justification).toContainEqual(
      expect.objectContaining({
        unit: 'CvePenalizationStep',
        advisory_id: 'PYSEC-test-helper',
        type: 'warning',
      }),
    );
  });

  it('allow-cve keeps the releases of the named advisories', async () => {
    const outcome = await run({ labels: { 'allow-cve': 'CVE-2099-0001' } });
    expect(pins(outcome)).toEqual(['helper==1.0', 'web==1.4']);
  });

  it('gives the same output for the same input and seed', async () => {
    for (const recommendationType of ['security', 'stable'] as const) {
      const a = await run({ recommendationType, seed: 11 });
      const b = await run({ recommendationType, seed: 11 });
      expect(b.products).toEqual(a.products);
      expect(b.stackInfo).toEqual(a.stackInfo);
      expect(b.statistics).toEqual(a.statistics);
    }
  });

  it('security without a safe release: the derivation names the advisory and its range', async () => {
    const outcome = await run({ requirements: [req('web', '>=1.3')] });
    expect(outcome.products).toEqual([]);
    expect(outcome.error!.derivation!.incompatibilities).toContainEqual(
      expect.objectContaining({
        cause: {
          kind: 'unavailable',
          package: 'web',
          specifier: '>=1.3',
          reason: 'security',
          detail: 'CveSieve: GHSA-test-web1/CVE-2099-0001 affects web>=1.3, <1.5',
        },
      }),
    );
    expect(outcome.stackInfo).toContainEqual(
      expect.objectContaining({ unit: 'CveSieve', advisory_id: 'GHSA-test-web1', package_name: 'web' }),
    );
  });

  it('security indicators synced into the graph steer the security type away from flagged sources', async () => {
    const zero = { undefined: 0, low: 0, medium: 0, high: 0 };
    await syncDocument(db, 'security-indicator', {
      metadata: {
        ...solverDocument().metadata,
        analyzer: 'thoth-security-indicator',
        document_id: 'security-indicator-web-1-2',
      },
      result: {
        package_name: 'web',
        package_version: '1.2',
        index_url: 'https://pypi.org/simple',
        released_at: null,
        error: null,
        bandit: {
          bandit_version: '1.9.4',
          by_severity: { undefined: zero, low: zero, medium: zero, high: { ...zero, high: 3 } },
          files_with_issues: 2,
          files_analyzed: 4,
          files_filtered: 0,
          files_total: 4,
        },
        cloc: {
          cloc_version: '1.96',
          languages: { Python: { files: 4, blank: 50, comment: 20, code: 1200 } },
          sum: { files: 4, blank: 50, comment: 20, code: 1200 },
        },
      },
    });
    const outcome = await run();
    expect(pins(outcome)).toEqual(['helper==1.0', 'web==1.1']);
    const stable = await run({ recommendationType: 'stable' });
    expect(stable.products.map((p) => p.lock.packages.find((x) => x.name === 'web')!.version)).not.toContain(
      '1.2',
    );
  });
});
