// Test support for the step tests that need knowledge in the graph before the step runs: the embedded
// graph a THOTH_HOME names (<home>/graph, what readRuntimeConfig opens), and releases known by name and
// version only.
import { join } from 'node:path';
import { migrate, PgliteGraphStore, upsertRelease } from '../../lib/graph/index.js';
import type { GraphStore, VerdictRecord } from '../../lib/graph/index.js';

/** Open the migrated embedded graph of `home`, run `use` with it, close it. */
export async function withHomeGraph<T>(home: string, use: (graph: GraphStore) => Promise<T>): Promise<T> {
  const graph = await PgliteGraphStore.open(join(home, 'graph'));
  try {
    await migrate(graph);
    return await use(graph);
  } finally {
    await graph.close();
  }
}

/** Record PyPI releases of `name` with no files, dependencies or metadata, and the verdicts given. */
export async function addBareReleases(
  graph: GraphStore,
  name: string,
  versions: readonly string[],
  options: {
    verdicts?: (version: string) => VerdictRecord[];
    environments?: ReadonlyMap<string, number>;
  } = {},
): Promise<void> {
  for (const version of versions) {
    const release = {
      name,
      version,
      indexUrl: 'https://pypi.org/simple',
      requiresPython: null,
      yanked: false,
      yankedReason: null,
      uploadTime: null,
      metadataSource: null,
      files: [],
      dependencies: [],
      verdicts: options.verdicts?.(version) ?? [],
    };
    await upsertRelease(graph, release, version, options.environments ?? new Map(), null);
  }
}
