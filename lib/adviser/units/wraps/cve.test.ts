// CveWrap: a product names the advisories of the newer releases it does not use, per package, and
// nothing for a package whose chosen release is the newest or is itself affected.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, inMemoryKnowledge, req } from '../../__fixtures__/security/scenario.js';
import { advise } from '../../advise.js';

describe('CveWrap', () => {
  it('says which advisories the security stack avoided', async () => {
    const outcome = await advise({
      knowledge: await inMemoryKnowledge(),
      environment: ENVIRONMENT,
      requirements: [req('web')],
      recommendationType: 'security',
    });
    expect(outcome.products[0]!.justification.filter((j) => j.unit === 'CveWrap')).toEqual([
      {
        type: 'info',
        message:
          'helper 1.0 avoids PYSEC-test-helper/CVE-2099-0002, which affects the newer helper 2.0 (==2.0).',
        link: 'https://osv.dev/vulnerability/PYSEC-test-helper',
        package_name: 'helper',
        advisory_id: 'PYSEC-test-helper',
        version_range: '==2.0',
        unit: 'CveWrap',
      },
      {
        type: 'info',
        message:
          'web 1.2 avoids GHSA-test-web1/CVE-2099-0001 (critical, CVSS 9.8), which affects the newer web 1.4, 1.3 (>=1.3, <1.5).',
        link: 'https://github.com/advisories/GHSA-test-web1',
        package_name: 'web',
        advisory_id: 'GHSA-test-web1',
        version_range: '>=1.3, <1.5',
        unit: 'CveWrap',
      },
    ]);
  });

  it('adds nothing when the chosen releases are the newest', async () => {
    const outcome = await advise({
      knowledge: await inMemoryKnowledge(),
      environment: ENVIRONMENT,
      requirements: [req('web')],
      recommendationType: 'latest',
    });
    expect(outcome.products[0]!.justification.filter((j) => j.unit === 'CveWrap')).toEqual([]);
  });
});
