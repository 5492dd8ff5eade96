// The security tests' package universe, built once and served two ways: as an in-memory knowledge
// source (advisories linked by lib/security's range evaluation) and as a solver document for the real
// graph. The advisories are the OSV records in ./osv (a range with a fix and a CVSS vector for web, an
// explicit list without severity for helper). Invented packages: no index publishes them.
import type { SolverDocument } from '../../../contracts/index.js';
import { readOsvDirectory } from '../../../security/index.js';
import type { OsvRecord } from '../../../security/index.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../../knowledge/index.js';
import type { FixtureAdvisory, ReleaseSpec } from '../../knowledge/index.js';
import { ENVIRONMENT, ENVIRONMENT_KEY, solverDocumentOf } from '../solver-document.js';
import type { SolverRelease } from '../solver-document.js';

export const OSV_DIR = new URL('./osv', import.meta.url).pathname;
export const OSV_REQUESTS_DIR = new URL('./osv-requests', import.meta.url).pathname;
export { ENVIRONMENT, ENVIRONMENT_KEY };

/**
 * web 1.3 and 1.4 are affected by GHSA-test-web1 (critical); helper 2.0 by PYSEC-test-helper. Five web
 * releases make one step back cheaper (VersionDistanceStep) than a critical advisory (CvePenalization).
 */
export const UNIVERSE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  web: {
    '1.0': ['helper>=1'],
    '1.1': ['helper>=1'],
    '1.2': ['helper>=1'],
    '1.3': ['helper>=1'],
    '1.4': ['helper>=1'],
  },
  helper: { '1.0': [], '2.0': [] },
};

export { req } from '../knowledge.js';

/** The OSV records of `dir` (throws on a record the reader skips: fixtures must all be readable). */
export async function osvRecords(dir = OSV_DIR): Promise<OsvRecord[]> {
  const out: OsvRecord[] = [];
  for await (const read of readOsvDirectory(dir)) {
    if (read.kind === 'skipped') throw new Error(`fixture ${read.source}: ${read.reason}`);
    out.push(read.record);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** An OSV record as the in-memory source takes advisories. */
export function fixtureAdvisory(record: OsvRecord): FixtureAdvisory {
  return {
    id: record.id,
    aliases: record.aliases,
    summary: record.summary ?? null,
    severity: record.severity,
    link: record.references.find((r) => r.type === 'ADVISORY')?.url ?? null,
    affected: record.affected.map((a) => ({ packageName: a.name, ranges: a.ranges, versions: a.versions })),
  };
}

const HASH = 'b'.repeat(64);

/** The universe in memory, with per-release overrides (e.g. security indicators). */
export async function inMemoryKnowledge(
  overrides: Readonly<Record<string, ReleaseSpec>> = {},
): Promise<InMemoryKnowledgeSource> {
  const advisories = (await osvRecords()).map(fixtureAdvisory);
  const releases = Object.entries(UNIVERSE).flatMap(([name, versions]) =>
    Object.entries(versions).map(([version, requires]) =>
      fixtureRelease(name, version, { requires, hashes: [HASH], ...overrides[`${name}==${version}`] }),
    ),
  );
  return new InMemoryKnowledgeSource(releases, { advisories });
}

/** The universe as one solver document (every release installable in ENVIRONMENT_KEY). */
export function solverDocument(): SolverDocument {
  const releases = Object.entries(UNIVERSE).flatMap(([name, versions]) =>
    Object.entries(versions).map(([version, requires]) => ({
      name,
      version,
      index_url: 'https://pypi.org/simple',
      requires_python: '>=3.8',
      yanked: false,
      yanked_reason: null,
      metadata_version: '2.1',
      metadata_source: 'pep658',
      files: [
        {
          filename: `${name}-${version}-py3-none-any.whl`,
          kind: 'wheel',
          tags: ['py3-none-any'],
          hashes: { sha256: Buffer.from(`${name}-${version}`).toString('hex').padEnd(64, '0') },
          size: 1000,
          upload_time: '2024-01-01T00:00:00Z',
          url: `https://files.example/${name}-${version}-py3-none-any.whl`,
        },
      ],
      dependencies: requires.map((text) => {
        const [, dep, specifier] = /^([a-z0-9-]+)(.*)$/.exec(text)!;
        return { name: dep!, specifier: specifier!, extras: [], marker: null, extra: null, marker_results: {} };
      }),
      installability: { [ENVIRONMENT_KEY]: { installable: true, reason: null, detail: null } },
    })),
  );
  return solverDocumentOf('solver-security-fixture', releases as SolverRelease[], '2024-05-05T00:00:00Z');
}
