import { describe, expect, it } from 'vitest';
import type { StoredAdvisory } from '../graph/index.js';
import { auditAgainst, parseLockedPins } from './audit.js';

describe('parseLockedPins', () => {
  it('reads name==version pins, skipping comments, options and hashes', () => {
    const text = [
      '# generated',
      '--index-url https://pypi.org/simple',
      'Jinja2==2.10.1 \\',
      '    --hash=sha256:abc',
      'urllib3[socks]===1.26.4  # pinned',
      'idna==3.7 ; python_version >= "3.8"',
      '',
    ].join('\n');
    expect(parseLockedPins(text)).toEqual([
      { name: 'Jinja2', version: '2.10.1' },
      { name: 'urllib3', version: '1.26.4' },
      { name: 'idna', version: '3.7' },
    ]);
  });

  it('names the line that is not a pin', () => {
    expect(() => parseLockedPins('six==1.16.0\nrequests>=2\n')).toThrow(
      'line 2: "requests>=2" is not a name==version pin',
    );
  });
});

describe('auditAgainst', () => {
  const advisory: StoredAdvisory = {
    rowId: 1,
    advisoryId: 'PYSEC-0000-A',
    aliases: ['CVE-0000-1'],
    summary: 'test',
    details: null,
    severity: [],
    link: 'https://example.org/a',
    references: [
      { type: 'ADVISORY', url: 'https://example.org/a' },
      { type: 'FIX', url: 'https://example.org/fix' },
    ],
    published: null,
    modified: '2024-01-01T00:00:00Z',
    withdrawn: null,
    affected: [
      {
        packageName: 'demo',
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: [{ introduced: '1.0' }, { fixed: '1.5' }, { introduced: '2.0' }, { fixed: '2.0.3' }],
          },
        ],
        versions: ['0.9'],
      },
    ],
  };

  it.each([
    ['0.9', 'versions'],
    ['1.4.9', 'range'],
    ['2.0.2', 'range'],
    ['1.5', undefined],
    ['2.0.3', undefined],
  ])('demo==%s matched by %s', (version, matchedBy) => {
    const findings = auditAgainst([{ name: 'Demo', version }], [advisory]);
    expect(findings.map((f) => f.matchedBy)).toEqual(matchedBy === undefined ? [] : [matchedBy]);
  });

  it('reports fixes lowest first and every link once', () => {
    const [finding] = auditAgainst([{ name: 'demo', version: '1.2' }], [advisory]);
    expect(finding).toMatchObject({
      fixedIn: ['1.5', '2.0.3'],
      rangesText: ['>=1.0, <1.5, >=2.0, <2.0.3'],
      links: ['https://example.org/a', 'https://example.org/fix'],
    });
  });
});
