// CveSieve through advise(): the security type never uses a release an advisory affects, says in
// stack_info what it removed, exempts ids of the allow-cve label, and when nothing safe is left the
// derivation's leaves name the advisories with the affected range.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, inMemoryKnowledge, req } from '../../__fixtures__/security/scenario.js';
import { advise } from '../../advise.js';
import type { AdviseInput } from '../../advise.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../../knowledge/index.js';

async function run(over: Partial<AdviseInput> = {}) {
  return advise({
    knowledge: await inMemoryKnowledge(),
    environment: ENVIRONMENT,
    requirements: [req('web')],
    recommendationType: 'security',
    ...over,
  });
}

const pins = (outcome: Awaited<ReturnType<typeof run>>) =>
  outcome.products[0]!.lock.packages.map((p) => `${p.name}==${p.version}`);

describe('CveSieve', () => {
  it('removes every affected release and reports each advisory once in stack_info', async () => {
    const outcome = await run();
    expect(outcome.error).toBeNull();
    expect(pins(outcome)).toEqual(['helper==1.0', 'web==1.2']);
    const removed = outcome.stackInfo.filter((j) => j.unit === 'CveSieve');
    expect(removed).toEqual([
      {
        type: 'info',
        message:
          "CveSieve removed web 1.4, 1.3: GHSA-test-web1/CVE-2099-0001 (critical, CVSS 9.8) affects web>=1.3, <1.5 (web's session cookies can be forged (test record, not a real advisory)).",
        link: 'https://github.com/advisories/GHSA-test-web1',
        package_name: 'web',
        advisory_id: 'GHSA-test-web1',
        version_range: '>=1.3, <1.5',
        unit: 'CveSieve',
      },
      {
        type: 'info',
        message: 'CveSieve removed helper 2.0: PYSEC-test-helper/CVE-2099-0002 affects helper==2.0.',
        link: 'https://osv.dev/vulnerability/PYSEC-test-helper',
        package_name: 'helper',
        advisory_id: 'PYSEC-test-helper',
        version_range: '==2.0',
        unit: 'CveSieve',
      },
    ]);
  });

  it('keeps releases whose advisories the allow-cve label names, by OSV id or alias', async () => {
    const outcome = await run({ labels: { 'allow-cve': 'cve-2099-0002, GHSA-unrelated' } });
    expect(pins(outcome)).toEqual(['helper==2.0', 'web==1.2']);
    expect(outcome.stackInfo).toContainEqual(
      expect.objectContaining({
        type: 'warning',
        advisory_id: 'PYSEC-test-helper',
        message: expect.stringContaining('allowed by the label allow-cve=CVE-2099-0002'),
      }),
    );
    const both = await run({ labels: { 'allow-cve': 'GHSA-test-web1,PYSEC-test-helper' } });
    expect(pins(both)).toEqual(['helper==2.0', 'web==1.4']);
  });

  it('names the advisories in the derivation when only affected releases satisfy the requirements', async () => {
    const outcome = await run({ requirements: [req('web', '>=1.3')] });
    expect(outcome.products).toEqual([]);
    expect(outcome.error?.code).toBe('unsatisfiable');
    const leaves = outcome.error!.derivation!.incompatibilities.flatMap((i) =>
      i.cause.kind === 'unavailable' ? [i.cause] : [],
    );
    expect(leaves).toEqual([
      {
        kind: 'unavailable',
        package: 'web',
        specifier: '>=1.3',
        reason: 'security',
        detail: 'CveSieve: GHSA-test-web1/CVE-2099-0001 affects web>=1.3, <1.5',
      },
    ]);
    // The prose a user reads names the advisory too.
    expect(outcome.explanation).toContain('GHSA-test-web1/CVE-2099-0001 affects web>=1.3, <1.5');
  });

  it('is not part of the other recommendation types', async () => {
    for (const recommendationType of ['latest', 'stable', 'testing', 'performance'] as const) {
      const outcome = await run({ recommendationType, limits: { limit: 1 } });
      expect(outcome.stackInfo.filter((j) => j.unit === 'CveSieve')).toEqual([]);
    }
  });

  it('lists every range an advisory removed versions through, and shortens long version lists', async () => {
    const versions = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '2.0', '2.1', '2.2'];
    const knowledge = new InMemoryKnowledgeSource(
      versions.map((v) => fixtureRelease('multi', v)),
      {
        advisories: [
          {
            id: 'PYSEC-test-multi',
            affected: [
              {
                packageName: 'multi',
                ranges: [
                  { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.8' }] },
                  { type: 'ECOSYSTEM', events: [{ introduced: '2.0' }, { last_affected: '2.1' }] },
                ],
              },
            ],
          },
        ],
      },
    );
    const outcome = await run({ knowledge, requirements: [req('multi', '<2.2')] });
    expect(outcome.products[0]!.lock.packages.map((p) => `${p.name}==${p.version}`)).toEqual(['multi==1.8']);
    expect(outcome.stackInfo.filter((j) => j.unit === 'CveSieve')).toEqual([
      expect.objectContaining({
        message:
          'CveSieve removed multi 2.1, 2.0, 1.7, 1.6, 1.5, 1.4 and 4 more: PYSEC-test-multi affects multi>=2.0, <=2.1; >=1.0, <1.8.',
        version_range: '>=2.0, <=2.1; >=1.0, <1.8',
      }),
    ]);
  });
});
