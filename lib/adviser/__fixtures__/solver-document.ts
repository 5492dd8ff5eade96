// The environment and solver-document envelope that the adviser's graph-backed tests share: one
// Debian 12 / CPython 3.11.7 / x86_64 environment, and a solver document around the given releases,
// ready for lib/graph's syncDocument.
import type { SolverDocument } from '../../contracts/index.js';
import { defaultEnvironment } from '../../python/index.js';
import type { AdviserEnvironment } from '../types.js';

export const ENVIRONMENT_KEY = 'debian-12-py311';

export const ENVIRONMENT: AdviserEnvironment = {
  pythonVersion: '3.11.7',
  markers: defaultEnvironment({ python: '3.11.7', platform: 'linux', machine: 'x86_64' }),
};

export type SolverRelease = SolverDocument['result']['releases'][number];

/** A solver document holding `releases`, solved for ENVIRONMENT_KEY. */
export function solverDocumentOf(
  documentId: string,
  releases: SolverRelease[],
  datetime = '2024-06-01T12:00:00Z',
): SolverDocument {
  return {
    metadata: {
      analyzer: 'thoth-solver',
      analyzer_version: '0.1.0',
      schema_version: 1,
      document_id: documentId,
      datetime,
      duration: 1,
      arguments: {},
      environment: { deployment: 'test', hostname: 'test', node_version: '20.0.0', platform: 'linux-x64' },
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
