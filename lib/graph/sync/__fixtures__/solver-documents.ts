// Solver documents for graph-sync tests, built in code so each test can vary one field.
import type { SolverDocument } from '../../../contracts/index.js';

const ENVIRONMENTS: SolverDocument['result']['environments'] = [
  {
    identity: { id: 'debian-12-py311', os_name: 'debian', os_version: '12', python_version: '3.11', platform: 'linux-x86_64' },
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
];

type Release = SolverDocument['result']['releases'][number];

export function release(name: string, version: string, deps: Array<[string, string, string | null, string | null]> = []): Release {
  const hash = (s: string): string => Buffer.from(s).toString('hex').padEnd(64, '0').slice(0, 64);
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
        filename: `${name}-${version}-py3-none-any.whl`,
        kind: 'wheel',
        tags: ['py3-none-any'],
        hashes: { sha256: hash(`${name}${version}`) },
        size: 1000,
        upload_time: '2024-01-01T00:00:00Z',
        url: `https://files.example/${name}-${version}-py3-none-any.whl`,
      },
    ],
    dependencies: deps.map(([dep, specifier, marker, extra]) => ({
      name: dep,
      specifier,
      extras: [],
      marker,
      extra,
      marker_results: { 'debian-12-py311': marker === null ? true : marker.includes('win32') ? false : true },
    })),
    installability: { 'debian-12-py311': { installable: true, reason: null, detail: null } },
  };
}

export function solverDocument(documentId: string, releases: Release[]): SolverDocument {
  return {
    metadata: {
      analyzer: 'thoth-solver',
      analyzer_version: '0.1.0',
      schema_version: 1,
      document_id: documentId,
      datetime: '2024-03-01T12:00:00Z',
      duration: 1.5,
      arguments: {},
      environment: { deployment: 'test', hostname: 'h', node_version: '20', platform: 'linux-x64', os_name: 'debian', os_version: '12' },
    },
    result: { environments: ENVIRONMENTS, releases, errors: [], unresolved: [], unparsed: [] },
  } as SolverDocument;
}
