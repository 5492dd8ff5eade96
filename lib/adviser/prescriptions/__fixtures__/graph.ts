// A small knowledge graph for prescription tests, as solver documents synced into a real PGlite graph:
// web-client 1.0 needs http-core>=1.0; http-core has 1.0, 1.1 and 2.0 (the "known-bad" release of
// examples/prescriptions). Environment debian-12-py311.
import type { SolverDocument } from '../../../contracts/index.js';
import { migrate, PgliteGraphStore, syncDocument } from '../../../graph/index.js';
import { ENVIRONMENT, ENVIRONMENT_KEY, solverDocumentOf } from '../../__fixtures__/solver-document.js';
import type { SolverRelease } from '../../__fixtures__/solver-document.js';

export { ENVIRONMENT, ENVIRONMENT_KEY };

type Release = SolverRelease;

function release(name: string, version: string, requires: Array<[string, string]> = []): Release {
  return {
    name,
    version,
    index_url: 'https://pypi.org/simple',
    requires_python: '>=3.8',
    yanked: false,
    yanked_reason: null,
    metadata_version: null,
    metadata_source: 'pep658',
    files: [
      {
        filename: `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`,
        kind: 'wheel',
        tags: ['py3-none-any'],
        hashes: { sha256: Buffer.from(`${name}${version}`).toString('hex').padEnd(64, '0').slice(0, 64) },
        size: 1000,
        upload_time: '2024-01-01T00:00:00Z',
        url: `https://files.example/${name}-${version}-py3-none-any.whl`,
      },
    ],
    dependencies: requires.map(([dep, specifier]) => ({
      name: dep,
      specifier,
      extras: [],
      marker: null,
      extra: null,
      marker_results: { [ENVIRONMENT_KEY]: true },
    })),
    installability: { [ENVIRONMENT_KEY]: { installable: true, reason: null, detail: null } },
  };
}

function solverDocument(documentId: string, releases: Release[]): SolverDocument {
  return solverDocumentOf(documentId, releases);
}

/** An in-memory PGlite graph holding web-client and http-core. */
export async function httpCoreGraph(): Promise<PgliteGraphStore> {
  const graph = await PgliteGraphStore.open();
  await migrate(graph);
  await syncDocument(graph, 'solver', solverDocument('solver-web-client', [release('web-client', '1.0', [['http-core', '>=1.0']])]));
  await syncDocument(
    graph,
    'solver',
    solverDocument('solver-http-core', [release('http-core', '1.0'), release('http-core', '1.1'), release('http-core', '2.0')]),
  );
  return graph;
}
