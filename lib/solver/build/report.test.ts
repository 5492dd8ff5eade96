// pip's report (PEP 566 JSON metadata) back to core metadata, on the shape pip 26 writes.
import { describe, expect, it } from 'vitest';
import { jsonMetadataToText, metadataFromReport } from './index.js';

const REPORT = {
  version: '1',
  pip_version: '26.3',
  install: [
    {
      download_info: { url: 'file:///tmp/x/src/dynamicpkg-1.0', dir_info: {} },
      is_direct: true,
      requested: true,
      metadata: {
        metadata_version: '2.4',
        name: 'dynamicpkg',
        version: '1.0',
        dynamic: ['license-file'],
        requires_dist: ['requests>=2.31', 'idna>=3.4', 'pysocks>=1.7; extra == "socks"'],
        provides_extra: ['socks'],
        keywords: ['a', 'b'],
        project_url: ['Home, https://example.org'],
        license: 'line one\nline two',
        description: 'The long description.\n',
      },
    },
  ],
  environment: {},
};

describe('metadata from a pip report', () => {
  it('gives the fields back with their multiple values, folded lines and body', () => {
    const metadata = metadataFromReport(JSON.stringify(REPORT), 'dynamicpkg-1.0.tar.gz');
    expect(metadata).toMatchObject({
      source: 'sdist-build',
      metadataVersion: '2.4',
      name: 'dynamicpkg',
      version: '1.0',
      requiresDist: ['requests>=2.31', 'idna>=3.4', 'pysocks>=1.7; extra == "socks"'],
      providesExtra: ['socks'],
      filename: 'dynamicpkg-1.0.tar.gz',
    });
    const text = jsonMetadataToText(REPORT.install[0]!.metadata);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Metadata-Version: 2.4',
      'Name: dynamicpkg',
      'Version: 1.0',
    ]);
    expect(text).toContain('Keywords: a,b\n');
    expect(text).toContain('Project-URL: Home, https://example.org\n');
    expect(text).toContain('License: line one\n        line two\n');
    expect(text.endsWith('\n\nThe long description.\n')).toBe(true);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    [
      'two distributions',
      JSON.stringify({ install: [REPORT.install[0], REPORT.install[0]] }),
      /lists 2 distributions/,
    ],
    ['no metadata', JSON.stringify({ install: [{}] }), /no metadata object/],
  ])('%s is a malformed-metadata error', (_, text, message) => {
    expect(() => metadataFromReport(text, 'x-1.0.tar.gz')).toThrow(message);
  });
});
