// The corpus format and capture: the recorded PyPI corpus loads, encodes deterministically, and a
// capture through the loopback index (real HTTP) gives back what was served.
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusFormatError } from '../errors.js';
import { parseCoreMetadata } from '../metadata.js';
import { serveCorpus } from '../server/index.js';
import type { LoopbackIndex } from '../server/index.js';
import { buildCorpus } from '../__fixtures__/corpus-builder.js';
import { captureCorpus, decodeCorpus, encodeCorpus, loadCorpus } from './index.js';
import type { Corpus } from './index.js';

const FIXTURE = new URL('../__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname;
const servers: LoopbackIndex[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function capture(
  corpus: Corpus,
  options: Partial<Parameters<typeof captureCorpus>[0]> & { requirements: string[] },
) {
  const server = await serveCorpus(corpus);
  servers.push(server);
  const result = await captureCorpus({
    indexUrl: server.url,
    now: () => new Date('2025-02-01T00:00:00Z'),
    ...options,
  });
  return { result, server };
}

const versionsWithMetadata = (corpus: Corpus, project: string): string[] =>
  corpus.projects
    .get(project)!
    .releases.filter((r) => r.metadata !== undefined)
    .map((r) => r.version)
    .sort();

describe('the recorded corpus (requests<2.33 from PyPI, cutoff 2025-01-01)', () => {
  it('loads with its header and the closure of requests', async () => {
    const corpus = await loadCorpus(FIXTURE);
    expect(corpus.header).toMatchObject({
      format: 'thoth-index-corpus',
      format_version: 1,
      index_url: 'https://pypi.org/simple/',
      cutoff: '2025-01-01T00:00:00.000Z',
      requirements: ['requests<2.33'],
      version_scope: 'specifier',
    });
    expect([...corpus.projects.keys()].sort()).toEqual([
      'certifi',
      'chardet',
      'charset-normalizer',
      'idna',
      'requests',
      'urllib3',
    ]);
    const requests = corpus.projects.get('requests')!;
    const release = requests.releases.find((r) => r.version === '2.32.3')!;
    expect(release.metadata_file).toBe('requests-2.32.3-py3-none-any.whl');
    expect(
      parseCoreMetadata(release.metadata!, { filename: release.metadata_file!, source: 'corpus' })
        .requiresDist,
    ).toContain('certifi >=2017.4.17');
    // Original hashes and upload times are kept for solver documents.
    expect(requests.files.find((f) => f.filename === 'requests-2.32.3-py3-none-any.whl')).toMatchObject({
      sha256: '70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6',
      upload_time: '2024-05-29T15:37:47.027275Z',
    });
    for (const project of corpus.projects.values()) {
      for (const file of project.files)
        expect(Date.parse(file.upload_time!)).toBeLessThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
    }
  });

  it('encodes to the same bytes it was read from', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(FIXTURE);
    expect(encodeCorpus(decodeCorpus(bytes, FIXTURE)).equals(bytes)).toBe(true);
  });

  it('is captured again through the loopback index with the same releases and metadata', async () => {
    const corpus = await loadCorpus(FIXTURE);
    const { result, server } = await capture(corpus, {
      requirements: ['requests<2.33'],
      cutoff: '2025-01-01T00:00:00Z',
      versionScope: 'specifier',
    });
    expect([...result.projects.keys()].sort()).toEqual([...corpus.projects.keys()].sort());
    for (const name of corpus.projects.keys()) {
      expect(versionsWithMetadata(result, name)).toEqual(versionsWithMetadata(corpus, name));
    }
    const original = corpus.projects.get('urllib3')!.releases.find((r) => r.version === '2.2.3')!;
    const again = result.projects.get('urllib3')!.releases.find((r) => r.version === '2.2.3')!;
    expect(again.metadata).toBe(original.metadata);
    expect(server.counters.metadata).toBeGreaterThan(200);
    expect(result.header).toMatchObject({ captured_at: '2025-02-01T00:00:00.000Z', index_url: server.url });
  });
});

describe('captureCorpus walks the closure', () => {
  const corpus = buildCorpus([
    {
      project: 'a',
      version: '1.0',
      requires: ['b; extra == "x"', 'c; extra == "y"', 'd; python_version < "3"', 'e<2', 'ghost'],
    },
    { project: 'b', version: '1.0' },
    { project: 'c', version: '1.0' },
    { project: 'd', version: '1.0' },
    { project: 'e', version: '1.0' },
    { project: 'e', version: '2.0', requires: ['f'], uploadTime: '2024-01-01T00:00:00Z' },
    { project: 'f', version: '1.0' },
    { project: 'late', version: '1.0', uploadTime: '2030-01-01T00:00:00Z' },
  ]);

  it.each([
    [
      'requested extras only; markers ignored without environments',
      { requirements: ['a[x]'] },
      ['a', 'b', 'd', 'e', 'f'],
    ],
    [
      'markers evaluated against the given environments',
      { requirements: ['a[x]'], environments: [{ python_version: '3.12' }] },
      ['a', 'b', 'e', 'f'],
    ],
    [
      'only admitted versions with versionScope "specifier"',
      { requirements: ['a'], versionScope: 'specifier' as const },
      ['a', 'd', 'e'],
    ],
  ])('%s', async (_, options, projects) => {
    const { result } = await capture(corpus, options);
    expect([...result.projects.keys()].sort()).toEqual(projects);
    expect(result.header.not_found).toEqual(['ghost']);
  });

  it('drops files uploaded after the cutoff', async () => {
    const { result } = await capture(corpus, { requirements: ['late', 'b'], cutoff: '2025-01-01T00:00:00Z' });
    expect(result.projects.get('late')!.files).toEqual([]);
    expect(result.projects.get('b')!.files).toHaveLength(1);
  });
});

describe('decodeCorpus', () => {
  it.each([
    ['garbage', Buffer.from([0x1f, 0x8b, 0x6e, 0x6f, 0x74]), 'not a gzip stream'],
    ['no header', Buffer.from('{"name": "x"}\n'), 'line 1 is not a thoth-index-corpus header'],
    [
      'a future version',
      Buffer.from('{"format": "thoth-index-corpus", "format_version": 9}\n'),
      'format_version 9 is not 1',
    ],
    [
      'a truncated file',
      Buffer.from(
        '{"format": "thoth-index-corpus", "format_version": 1, "project_count": 2}\n{"normalized_name": "a", "files": [], "releases": []}\n',
      ),
      'the header announces 2 projects, the file has 1 (truncated?)',
    ],
  ])('rejects %s', (_, bytes, reason) => {
    expect(() => decodeCorpus(bytes, 'x.jsonl.gz')).toThrow(CorpusFormatError);
    expect(() => decodeCorpus(bytes, 'x.jsonl.gz')).toThrow(reason);
  });
});
