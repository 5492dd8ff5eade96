// Live PyPI: the client reads real project pages (PEP 691 JSON and PEP 503 HTML) and real metadata
// (PEP 658 when advertised, else wheel range reads; sdist PKG-INFO) for three small projects.
import { afterAll, describe, expect, it } from 'vitest';
import { HttpPackageIndex } from './client.js';
import type { ProjectPage } from './types.js';

const PYPI = 'https://pypi.org/simple/';
const index = new HttpPackageIndex({ indexUrls: [PYPI], concurrency: 4 });
const htmlIndex = new HttpPackageIndex({ indexUrls: [PYPI], format: 'html', concurrency: 4 });
afterAll(async () => {
  await index.close();
  await htmlIndex.close();
});

async function page(client: HttpPackageIndex, name: string): Promise<ProjectPage> {
  const result = await client.getProject(name);
  if (result.kind !== 'project') throw new Error(`${name} not found on PyPI`);
  return result;
}

describe('live PyPI', () => {
  it.each([
    ['six', '1.17.0', 'six-1.17.0-py2.py3-none-any.whl'],
    ['idna', '3.10', 'idna-3.10-py3-none-any.whl'],
    ['packaging', '24.2', 'packaging-24.2-py3-none-any.whl'],
  ])('%s: project page and the metadata of %s', async (name, version, filename) => {
    const json = await page(index, name);
    expect(json).toMatchObject({ format: 'json', normalizedName: name, droppedFiles: [] });
    expect(json.versions).toContain(version);
    const file = json.files.find((f) => f.filename === filename)!;
    expect(file.hashes['sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(file.size).toBeGreaterThan(0);
    expect(file.uploadTime).toMatch(/^20\d\d-/);
    const metadata = await index.getCoreMetadata(file);
    expect(metadata).toMatchObject({ kind: 'metadata', name, version });
    expect(['pep658', 'wheel-range']).toContain(metadata.kind === 'metadata' && metadata.source);

    const html = await page(htmlIndex, name);
    expect(html.format).toBe('html');
    expect(html.files.find((f) => f.filename === filename)?.hashes).toEqual(file.hashes);
  });

  it('reads a PEP 643 sdist (packaging 24.2) from its PKG-INFO', async () => {
    const sdist = (await page(index, 'packaging')).files.find((f) => f.filename === 'packaging-24.2.tar.gz')!;
    const metadata = await index.getCoreMetadata(sdist);
    expect(metadata).toMatchObject({
      kind: 'metadata',
      source: 'sdist-pkg-info',
      name: 'packaging',
      version: '24.2',
    });
  });

  it('answers a project PyPI does not have with not-found', async () => {
    expect((await index.getProject('thoth-no-such-project-4f1c2a')).kind).toBe('not-found');
  });
});
