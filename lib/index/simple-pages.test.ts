import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IndexPageError } from './errors.js';
import { readHtmlProjectPage, unescapeHtml } from './simple-html.js';
import { readJsonProjectPage } from './simple-json.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (name: string) => ({
  pageUrl: `https://pypi.org/simple/${name}/`,
  indexUrl: 'https://pypi.org/simple/',
  requestedName: name,
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('PEP 691 JSON and PEP 503 HTML pages recorded from PyPI read the same', () => {
  it.each(['six', 'celery-5.0-trimmed'])('%s', (name) => {
    const project = name.split('-')[0]!;
    const json = readJsonProjectPage(fixture(`pypi-simple-${name}.json`), context(project));
    const html = readHtmlProjectPage(fixture(`pypi-simple-${name}.html`), context(project));
    expect(json.files.length).toBeGreaterThan(0);
    expect(json.droppedFiles).toEqual([]);
    expect(html.droppedFiles).toEqual([]);
    // HTML lacks PEP 700 size and upload time; everything else must agree.
    const strip = (f: (typeof json.files)[number]) => ({ ...f, size: undefined, uploadTime: undefined });
    // PyPI orders the two representations differently.
    const byName = (a: { filename: string }, b: { filename: string }) => a.filename.localeCompare(b.filename);
    expect(html.files.map(strip).sort(byName)).toEqual(json.files.map(strip).sort(byName));
    expect(json.apiVersion).toBe('1.1');
    expect(json.versions).toBeDefined();
  });

  it('keeps PEP 592 yank reasons and unescapes data-requires-python (celery 5.0.6, `>=3.6,` as published)', () => {
    for (const read of [readJsonProjectPage, readHtmlProjectPage]) {
      const format = read === readJsonProjectPage ? 'json' : 'html';
      const page = read(fixture(`pypi-simple-celery-5.0-trimmed.${format}`), context('celery'));
      const file = page.files.find((f) => f.filename === 'celery-5.0.6.tar.gz')!;
      expect(file).toMatchObject({
        yanked: true,
        yankedReason: 'Backporting of patches did not succeed',
        requiresPython: '>=3.6,',
        hashes: { sha256: 'd08b59bcd449406228895a261be2d1ec4abc830d28dee4dfd273b46e8aa023e3' },
      });
      expect(page.files.find((f) => f.filename === 'celery-5.0.0.tar.gz')).toMatchObject({
        yanked: false,
        yankedReason: undefined,
      });
    }
  });

  it('reads PEP 700 size and upload-time from JSON', () => {
    const page = readJsonProjectPage(fixture('pypi-simple-six.json'), context('six'));
    expect(page.files.find((f) => f.filename === 'six-1.9.0.tar.gz')).toMatchObject({
      size: 29127,
      uploadTime: '2015-01-02T16:38:06.621099Z',
      coreMetadata: false,
    });
  });
});

describe('readHtmlProjectPage edge cases', () => {
  const page = (anchors: string) => `<!DOCTYPE html><html><body>${anchors}</body></html>`;
  it.each([
    [
      'PEP 714 data-core-metadata wins over data-dist-info-metadata',
      '<a href="f/a-1-py3-none-any.whl" data-dist-info-metadata="sha256=00" data-core-metadata="sha256=AB">a-1-py3-none-any.whl</a>',
      { coreMetadata: { hashes: { sha256: 'ab' } } },
    ],
    [
      'bare data-core-metadata="true"',
      '<a href="a-1.tar.gz" data-core-metadata="true">a-1.tar.gz</a>',
      { coreMetadata: { hashes: {} } },
    ],
    [
      'bare data-yanked',
      '<a href="a-1.tar.gz" data-yanked>a-1.tar.gz</a>',
      { yanked: true, yankedReason: undefined },
    ],
    [
      'single-quoted, numeric references',
      "<a href='a-1.tar.gz' data-requires-python='&#62;=3.8&#x2C;&lt;4'>a-1.tar.gz</a>",
      { requiresPython: '>=3.8,<4' },
    ],
    [
      'relative href resolves against the page',
      '<a href="../../files/a-1.tar.gz#sha256=AA">a-1.tar.gz</a>',
      { url: 'https://pypi.org/files/a-1.tar.gz', hashes: { sha256: 'aa' } },
    ],
    [
      'empty anchor text falls back to the URL',
      '<a href="https://x.org/p/a-1.tar.gz"></a>',
      { filename: 'a-1.tar.gz' },
    ],
    [
      'credentials in a link are removed',
      '<a href="https://u:p@x.org/a-1.tar.gz">a-1.tar.gz</a>',
      { url: 'https://x.org/a-1.tar.gz' },
    ],
  ])('%s', (_, anchors, expected) => {
    const result = readHtmlProjectPage(page(anchors), context('a'));
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject(expected);
  });

  it('honours <base href> and drops anchors without href, counting them', () => {
    const result = readHtmlProjectPage(
      '<html><head><base href="https://mirror.example/pkgs/"></head><body><a href="a-1.tar.gz">a-1.tar.gz</a><a name="x">x</a></body></html>',
      context('a'),
    );
    expect(result.files[0]!.url).toBe('https://mirror.example/pkgs/a-1.tar.gz');
    expect(result.droppedFiles).toEqual([{ entry: 'x', reason: 'the anchor has no href' }]);
  });

  it('unescapes HTML references', () => {
    expect(unescapeHtml('&lt;&gt;&amp;&quot;&#39;&#x41;&unknown;')).toBe(`<>&"'A&unknown;`);
  });
});

describe('malformed pages are typed errors naming the URL and the defect, never an empty list', () => {
  it.each([
    ['json', 'not json at all', 'the body is not JSON'],
    ['json', '[]', 'the JSON body is not an object'],
    [
      'json',
      '{"meta": {"api-version": "1.1"}, "files": "oops"}',
      'the `files` key is missing or not an array',
    ],
    [
      'json',
      '{"meta": {"api-version": "2.0"}, "files": []}',
      'unsupported api-version 2.0 (this client reads 1.x)',
    ],
    ['html', 'this is not an index page', 'the body has no HTML markup (no <html>, <body> or <a> tag)'],
    [
      'html',
      '<html><head><meta name="pypi:repository-version" content="2.0"></head></html>',
      'unsupported pypi:repository-version 2.0',
    ],
  ])('%s: %j', (format, body, reason) => {
    const read = format === 'json' ? readJsonProjectPage : readHtmlProjectPage;
    const error = thrown(() => read(body, context('a')));
    expect(error).toBeInstanceOf(IndexPageError);
    expect((error as IndexPageError).code).toBe('malformed-index-page');
    expect((error as IndexPageError).url).toBe('https://pypi.org/simple/a/');
    expect((error as IndexPageError).reason).toContain(reason);
  });

  it('drops a malformed JSON file entry and says why', () => {
    const page = readJsonProjectPage(
      JSON.stringify({
        meta: { 'api-version': '1.1' },
        name: 'a',
        files: [
          { filename: 'a-1.tar.gz', url: 'a-1.tar.gz', hashes: {} },
          { filename: 'a-2.tar.gz', hashes: {} },
          42,
          { filename: 'a-3.tar.gz', url: 'a-3.tar.gz', hashes: 'nope' },
        ],
      }),
      context('a'),
    );
    expect(page.files.map((f) => f.filename)).toEqual(['a-1.tar.gz']);
    expect(page.droppedFiles).toEqual([
      { entry: 'a-2.tar.gz', reason: 'no `url`' },
      { entry: 'files[2]', reason: 'the entry is not an object' },
      { entry: 'a-3.tar.gz', reason: '`hashes` is not an object' },
    ]);
  });
});
