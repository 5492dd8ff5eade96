import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetadataParseError } from './errors.js';
import { compareMetadataVersions, parseCoreMetadata, stripDescription } from './metadata.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
const parse = (text: string | Buffer) =>
  parseCoreMetadata(text, { filename: 'x-1.0-py3-none-any.whl', source: 'pep658' });

describe('parseCoreMetadata', () => {
  it('reads a real METADATA (requests 2.32.3, recorded from PyPI)', () => {
    const m = parse(fixture('pypi-metadata-requests-2.32.3.txt'));
    expect(m).toMatchObject({
      metadataVersion: '2.1',
      name: 'requests',
      version: '2.32.3',
      requiresPython: '>=3.8',
      providesExtra: ['security', 'socks', 'use_chardet_on_py3'],
      summary: 'Python HTTP for Humans.',
    });
    expect(m.requiresDist).toEqual([
      'charset-normalizer <4,>=2',
      'idna <4,>=2.5',
      'urllib3 <3,>=1.21.1',
      'certifi >=2017.4.17',
      "PySocks !=1.5.7,>=1.5.6 ; extra == 'socks'",
      "chardet <6,>=3.0.2 ; extra == 'use_chardet_on_py3'",
    ]);
    expect(m.fields['classifier']).toContain('Programming Language :: Python :: 3.12');
    expect(m.fields['description']![0]).toContain('Requests');
  });

  it('reads a real METADATA with a folded Description header (six 1.17.0)', () => {
    const m = parse(fixture('pypi-metadata-six-1.17.0.txt'));
    expect(m).toMatchObject({ name: 'six', version: '1.17.0', requiresDist: [] });
    expect(m.requiresPython).toBe('>=2.7, !=3.0.*, !=3.1.*, !=3.2.*');
  });

  it.each([
    [
      'CRLF line endings',
      'Metadata-Version: 2.1\r\nName: a\r\nVersion: 1\r\nRequires-Dist: b\r\n',
      { name: 'a', requiresDist: ['b'] },
    ],
    ['missing Metadata-Version defaults to 1.0', 'Name: a\nVersion: 1\n', { metadataVersion: '1.0' }],
    [
      'folded Requires-Dist',
      'Name: a\nVersion: 1\nRequires-Dist: b;\n  python_version < "3"\n',
      { requiresDist: ['b; python_version < "3"'] },
    ],
    [
      'empty Requires-Python is absent',
      'Name: a\nVersion: 1\nRequires-Python: \n',
      { requiresPython: undefined },
    ],
    [
      'Dynamic is lowercased',
      'Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Requires-Dist\n',
      { dynamic: ['requires-dist'] },
    ],
    [
      'a non-header line starts the body',
      'Name: a\nVersion: 1\nthis is prose\nRequires-Dist: b\n',
      { requiresDist: [] },
    ],
    [
      'Latin-1 bytes',
      Buffer.from('Name: a\nVersion: 1\nAuthor: Ren\xe9\n', 'latin1'),
      { fields: expect.objectContaining({ author: ['René'] }) },
    ],
  ])('is lenient: %s', (_, input, expected) => {
    expect(parse(input)).toMatchObject(expected);
  });

  it.each([
    ['', 'the metadata is empty'],
    ['<!DOCTYPE html>\n<p>not metadata</p>', 'the first line is not a header: "<!DOCTYPE html>"'],
    ['Metadata-Version: 2.1\nVersion: 1\n', 'there is no Name field'],
    ['Metadata-Version: 2.1\nName: a\n', 'there is no Version field'],
    ['Name: a\0\nVersion: 1', 'the metadata contains NUL bytes (binary data, not a metadata file)'],
  ])('rejects %j with a reason', (input, reason) => {
    const error = (() => {
      try {
        parse(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MetadataParseError);
    expect(error).toMatchObject({ code: 'malformed-metadata', reason, file: 'x-1.0-py3-none-any.whl' });
  });

  it('rejects metadata of another project when the expected project is known', () => {
    expect(() =>
      parseCoreMetadata('Name: other\nVersion: 1\n', {
        filename: 'a-1-py3-none-any.whl',
        source: 'pep658',
        expectedProject: 'a',
      }),
    ).toThrow(/Name is "other" but the file belongs to project "a"/);
  });
});

describe('stripDescription', () => {
  it('keeps every header but the description, and parses to the same dependencies', () => {
    const text = fixture('pypi-metadata-requests-2.32.3.txt').toString();
    const stripped = stripDescription(text);
    expect(stripped.length).toBeLessThan(text.length / 2);
    expect(parse(stripped).requiresDist).toEqual(parse(text).requiresDist);
    expect(parse(stripped).fields['description']).toBeUndefined();
  });
});

describe('compareMetadataVersions', () => {
  it.each([
    ['2.2', '2.2', 0],
    ['2.10', '2.2', 1],
    ['1.1', '2.2', -1],
    ['2.4', '2.2', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareMetadataVersions(a, b))).toBe(sign);
  });
});
