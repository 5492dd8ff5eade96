import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsvText, readOsvRecord } from './index.js';

const fixtures = join(import.meta.dirname, '__fixtures__', 'advisory-db', 'vulns');

describe('reading OSV records leniently', () => {
  it('reads a pypa YAML record: normalized names, GIT ranges ignored and counted, versions as text', async () => {
    const path = join(fixtures, 'jinja2', 'PYSEC-0000-T1.yaml');
    const read = parseOsvText(await readFile(path, 'utf8'), 'PYSEC-0000-T1.yaml');
    expect(read.kind).toBe('record');
    if (read.kind !== 'record') return;
    expect(read.notes).toEqual({ ignoredRanges: 1, ignoredAffected: 0, droppedEvents: 0 });
    expect(read.record).toMatchObject({
      id: 'PYSEC-0000-T1',
      aliases: ['CVE-0000-0001', 'GHSA-test-0000-0001'],
      modified: '2024-01-10T12:00:00.000000Z',
      published: '2021-02-01T20:15:00Z',
      withdrawn: undefined,
      severity: [],
      references: [
        { type: 'ADVISORY', url: 'https://example.org/advisories/PYSEC-0000-T1' },
        { type: 'FIX', url: 'https://example.org/jinja2/commit/abc123' },
      ],
    });
    expect(read.record.affected).toEqual([
      {
        name: 'jinja2',
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.11.3' }] }],
        // The unquoted 2.10 stays "2.10" (a YAML float would be 2.1).
        versions: ['2.0rc1', '2.0', '2.10', '2.11.0'],
      },
    ]);
  });

  it('drops affected entries of other ecosystems', async () => {
    const path = join(fixtures, 'jinja2', 'PYSEC-0000-T2.yaml');
    const read = parseOsvText(await readFile(path, 'utf8'), 'x.yaml');
    expect(read.kind === 'record' && read.notes.ignoredAffected).toBe(1);
    expect(read.kind === 'record' && read.record.affected.map((a) => a.ranges.length)).toEqual([2]);
  });

  it('reads OSV JSON with severity and limit events', async () => {
    const path = join(fixtures, 'urllib3', 'GHSA-test-0000-0004.json');
    const read = parseOsvText(await readFile(path, 'utf8'), 'GHSA-test-0000-0004.json');
    expect(read.kind === 'record' && read.record.severity).toEqual([
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
    ]);
    expect(read.kind === 'record' && read.record.affected[0]!.ranges[0]!.events).toEqual([
      { introduced: '1.0' },
      { limit: '1.26.5' },
    ]);
  });

  it.each([
    ['not an object', [], 'not an object'],
    ['no id', { modified: '2024-01-01T00:00:00Z' }, 'no id'],
    ['no modified', { id: 'X-1' }, 'X-1: no valid modified timestamp'],
    ['a bad modified', { id: 'X-1', modified: 'yesterday' }, 'X-1: no valid modified timestamp'],
  ])('skips a record with %s', (_label, data, reason) => {
    expect(readOsvRecord(data, 'src')).toEqual({ kind: 'skipped', source: 'src', reason });
  });

  it('drops malformed events and references, keeping the record', () => {
    const read = readOsvRecord(
      {
        id: 'X-2',
        modified: '2024-01-01T00:00:00Z',
        aliases: ['X-2', 'CVE-1', 'CVE-1'],
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'Foo_Bar' },
            ranges: [
              {
                type: 'ECOSYSTEM',
                events: [{ introduced: '0', fixed: '1.0' }, { fixed: 2 }, 'junk', { unknown: '1' }],
              },
            ],
          },
          { package: { ecosystem: 'PyPI' } },
        ],
        references: [{ type: 'web', url: 'https://example.org/a' }, { url: 'javascript:alert(1)' }, 7],
      },
      'inline',
    );
    expect(read.kind).toBe('record');
    if (read.kind !== 'record') return;
    expect(read.notes).toEqual({ ignoredRanges: 0, ignoredAffected: 1, droppedEvents: 3 });
    // The alias equal to the id and the duplicate are dropped; a numeric event version is kept as text.
    expect(read.record.aliases).toEqual(['CVE-1']);
    expect(read.record.affected).toEqual([
      { name: 'foo-bar', ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: '2' }] }], versions: [] },
    ]);
    expect(read.record.references).toEqual([{ type: 'WEB', url: 'https://example.org/a' }]);
  });

  it('reports unparseable text as a skip with the source', () => {
    const read = parseOsvText('{ not json', 'bad.json');
    expect(read.kind).toBe('skipped');
    expect(read.kind === 'skipped' && read.reason).toMatch(/^cannot parse: /);
  });
});
