// Test support for the si-* step tests: the `package` artifact si-download would leave for pkg 1.0 (the
// extracted small sdist of lib/security's fixtures and its release.json), and the flags that name it.
import { join } from 'node:path';
import { buildSmallSdist } from '../../lib/security/__fixtures__/small-sdist.js';
import { extractArchive, PACKAGE_ARTIFACT, writeReleaseInfo } from '../../lib/security/index.js';
import { tempDir } from './step-io.js';

export const PACKAGE_INDEX = 'https://pypi.org/simple';

/** Build the artifact in a fresh temporary directory; returns its path. */
export async function packageArtifact(releasedAt: string | null = '2024-01-02T03:04:05Z'): Promise<string> {
  const packageDir = join(await tempDir('thoth-pkg-'), 'package');
  await extractArchive('pkg-1.0.tar.gz', await buildSmallSdist(), join(packageDir, PACKAGE_ARTIFACT.source));
  await writeReleaseInfo(packageDir, {
    package_name: 'pkg',
    package_version: '1.0',
    index_url: PACKAGE_INDEX,
    released_at: releasedAt,
  });
  return packageDir;
}

/** The release flags of si-bandit and si-cloc for the artifact at `packageDir`. */
export function releaseArgs(packageDir: string, version = '1.0'): string[] {
  return [
    '--package-name=pkg',
    `--package-version=${version}`,
    `--index-url=${PACKAGE_INDEX}`,
    `--package=${packageDir}`,
  ];
}
