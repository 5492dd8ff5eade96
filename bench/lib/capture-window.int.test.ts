// The capture helpers of large workloads on real data: the version window over urllib3's history
// from the committed boto3-urllib3 corpus, and pip-report metadata turned back into METADATA that
// lib/index parses. (Integration project only because bench/ is outside the unit project's globs.)
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseCoreMetadata } from '../../lib/index/index.js';
import { parseVersion } from '../../lib/python/index.js';
import { metadataText } from './sdist-metadata.js';
import { windowVersions } from './windowed-index.js';

const corpus = await loadCorpus(new URL('../corpora/boto3-urllib3.jsonl.gz', import.meta.url).pathname);
const urllib3 = corpus.projects.get('urllib3')!.releases.map((r) => parseVersion(r.version));

describe('windowVersions on urllib3 up to 2020 (0.3 … 1.26.2)', () => {
  it('keeps exactly the newest N with series none', () => {
    const kept = windowVersions(urllib3, { newest: 3, series: 'none' });
    expect([...kept]).toEqual(['1.26.2', '1.26.1', '1.26.0']);
  });

  it('adds the newest final release of every minor series', () => {
    const kept = windowVersions(urllib3, { newest: 3, series: 'minor' });
    for (const v of ['1.25.11', '1.24.3', '1.23', '1.10.4', '1.2.2', '0.3']) expect(kept.has(v)).toBe(true);
    // Older releases of a series that are not among the newest three stay out.
    for (const v of ['1.25.10', '1.24.2', '1.10.3']) expect(kept.has(v)).toBe(false);
    // 28 minor series (0.3 … 1.26), plus 1.26.1 and 1.26.0 among the newest three.
    expect(kept.size).toBe(30);
  });

  it('keeps one release per major series with series major', () => {
    expect([...windowVersions(urllib3, { newest: 1, series: 'major' })]).toEqual(['1.26.2', '0.3']);
  });
});

describe('metadataText', () => {
  it('round-trips pip report metadata through the core-metadata parser', () => {
    const text = metadataText({
      metadata_version: '2.4',
      name: 'python-nvd3',
      version: '0.16.0',
      requires_dist: ['python-slugify>=1.2.5', 'Jinja2>=2.8'],
      provides_extra: [],
    });
    const parsed = parseCoreMetadata(text, {
      filename: 'python-nvd3-0.16.0.tar.gz',
      source: 'sdist-pkg-info',
    });
    expect([parsed.name, parsed.version, parsed.requiresPython]).toEqual([
      'python-nvd3',
      '0.16.0',
      undefined,
    ]);
    expect(parsed.requiresDist).toEqual(['python-slugify>=1.2.5', 'Jinja2>=2.8']);
  });
});
