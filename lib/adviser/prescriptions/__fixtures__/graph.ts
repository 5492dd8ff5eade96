// A small knowledge graph for prescription tests, as solver documents synced into a real PGlite graph:
// web-client 1.0 needs http-core>=1.0; http-core has 1.0, 1.1 and 2.0 (the "known-bad" release of
// examples/prescriptions). Environment debian-12-py311.
import type { SolverDocument } from '../../../contracts/index.js';
import { migrate, PgliteGraphStore, syncDocument } from '../../../graph/index.js';
import { defaultEnvironment } from '../../../python/index.js';
import type { AdviserEnvironment } from '../../types.js';

export const ENVIRONMENT_KEY = 'debian-12-py311';

export const ENVIRONMENT: AdviserEnvironment = {
  pythonVersion: '3.11.7',
  markers: defaultEnvironment({ python: '3.11.7', platform: 'linux', machine: 'x86_64' }),
};

type Release = SolverDocument['result']['releases'][number];

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
  return {
    metadata: {
      analyzer: 'thoth-solver',
      analyzer_version: '0.1.0',
      schema_version: 1,
      document_id: documentId,
      datetime: '2024-06-01T12:00:00Z',
      duration: 1,
      arguments: {},
      environment: { deployment: 'test', hostname: 'h', node_version: '20', platform: 'linux-x64' },
    },
    result: {
      environments: [
        {
          identity: {
            id: ENVIRONMENT_KEY,
            os_name: 'debian',
            os_version: '12',
            python_version: '3.11',
            platform: 'linux-x86_64',
          },
          python_implementation: 'cpython',
          marker_environment: {
            implementation_name: 'cpython',
            implementation_version: '3.11.7',
            os_name: 'posix',
            platform_machine: 'x86_64',
            platform_python_implementation: 'CPython',
            platform_release: '6.1.0',
            platform_system: 'Linux',
            platform_version: '#1 SMP',
            python_full_version: '3.11.7',
            python_version: '3.11',
            sys_platform: 'linux',
          },
        },
      ],
      releases,
      errors: [],
      unresolved: [],
      unparsed: [],
    },
  } as SolverDocument;
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
