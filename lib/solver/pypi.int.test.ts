// Live PyPI smoke test: solve six==1.17.0 and the newest two idna releases against pypi.org for two
// environments, and validate the documents. Needs network access to pypi.org.
import { afterAll, describe, expect, it } from 'vitest';
import { HttpPackageIndex } from '../index/index.js';
import { compareVersions, parseVersion } from '../python/index.js';
import { buildSolverDocument, resolveEnvironments, solvePackage } from './index.js';
import type { VersionSelection } from './index.js';

const PYPI = 'https://pypi.org/simple';
const index = new HttpPackageIndex({ indexUrls: [PYPI], concurrency: 4 });
afterAll(() => index.close());

const ENVIRONMENTS = resolveEnvironments([
  { id: 'ubi-9-py311', python: '3.11.7', platform: 'manylinux_2_34_x86_64', osName: 'rhel', osVersion: '9' },
  { id: 'macos-py312', python: '3.12.4', platform: 'macosx_14_0_arm64' },
]);

async function solve(packageName: string, selection: VersionSelection) {
  const outcome = await solvePackage(
    { packageName, selection, environments: ENVIRONMENTS },
    { index, dependencyIndex: index, concurrency: 4 },
  );
  const document = buildSolverDocument(outcome.result, {
    documentId: 'solver-pypi-smoke',
    analyzerVersion: '0.1.0',
    startedAt: new Date(),
    durationSeconds: 0,
    arguments: { package_name: packageName },
    execution: { deployment: 'thoth-local' },
  });
  return document.result;
}

describe('live PyPI', () => {
  it('six==1.17.0: one universal wheel and an sdist, no dependencies, installable everywhere', async () => {
    const result = await solve('six', { kind: 'versions', versions: ['1.17.0'] });
    expect(result.errors).toEqual([]);
    expect(result.unresolved).toEqual([]);
    expect(result.releases).toHaveLength(1);
    const six = result.releases[0]!;
    expect(six).toMatchObject({
      name: 'six',
      version: '1.17.0',
      index_url: PYPI,
      // As the metadata writes it.
      requires_python: '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*',
      yanked: false,
      dependencies: [],
    });
    expect(['pep658', 'wheel']).toContain(six.metadata_source);
    expect(six.files.map((f) => [f.filename, f.kind])).toEqual([
      ['six-1.17.0-py2.py3-none-any.whl', 'wheel'],
      ['six-1.17.0.tar.gz', 'sdist'],
    ]);
    expect(six.files[0]!.hashes.sha256).toBe(
      '4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274',
    );
    expect(Object.values(six.installability).every((v) => v.installable && v.reason === null)).toBe(true);
  });

  it('idna newest 2: two final releases, ascending, with their files', async () => {
    const result = await solve('idna', { kind: 'newest', count: 2 });
    expect(result.errors).toEqual([]);
    expect(result.releases).toHaveLength(2);
    const [older, newer] = result.releases;
    expect(compareVersions(older!.version, newer!.version)).toBe(-1);
    expect(parseVersion(newer!.version).isPrerelease).toBe(false);
    for (const idna of result.releases) {
      expect(idna.files.some((f) => f.kind === 'wheel' && f.tags.includes('py3-none-any'))).toBe(true);
      expect(idna.installability['ubi-9-py311']).toEqual({ installable: true, reason: null, detail: null });
    }
  });
});
