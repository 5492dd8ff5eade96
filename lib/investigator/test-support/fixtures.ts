// Test helpers shared by the investigator's unit and integration tests: envelopes, configured
// environments, handler dependencies, and seeding the graph with solved releases and adviser runs.
import { randomUUID } from 'node:crypto';
import type { EnvironmentIdentity, MessageEnvelope } from '../../contracts/index.js';
import type { SqlExecutor } from '../../graph/index.js';
import { silentLogger } from '../../log/index.js';
import type { Logger } from '../../log/index.js';
import type { WorkflowEngine } from '../../workflows/index.js';
import type { GraphStore } from '../../graph/index.js';
import { InvestigatorMetrics } from '../metrics.js';
import type { InvestigatorDeps, InvestigatorPolicy } from '../types.js';

export const INDEX = 'https://pypi.org/simple';

export const ENVIRONMENTS: EnvironmentIdentity[] = [
  { id: 'rhel-9-py311', os_name: 'rhel', os_version: '9', python_version: '3.11', platform: 'linux-x86_64' },
  { id: 'ubi-9-py312', os_name: 'ubi', os_version: '9', python_version: '3.12', platform: 'linux-x86_64' },
];

export function envelope(type: string, payload: Record<string, unknown>, key?: string): MessageEnvelope {
  const name = typeof payload['package_name'] === 'string' ? payload['package_name'] : 'x';
  const version = typeof payload['package_version'] === 'string' ? payload['package_version'] : 'any';
  return {
    id: randomUUID(),
    type,
    version: 1,
    key: key ?? `pypi:${name}:${version}`,
    occurred_at: new Date().toISOString(),
    producer: { component: 'test', version: '0' },
    correlation_id: randomUUID(),
    causation_id: null,
    payload,
  };
}

export const released = (name: string, version: string): MessageEnvelope =>
  envelope('PackageReleased', {
    package_name: name,
    package_version: version,
    index_url: INDEX,
    upload_time: null,
  });

export function policy(overrides: Partial<InvestigatorPolicy> = {}): InvestigatorPolicy {
  return {
    environments: ENVIRONMENTS,
    limits: {},
    backPressurePollMs: 20,
    maxJobAttempts: 3,
    maxVersionsPerPackage: 3,
    extraIndexUrls: [],
    artifactPrefix: 'data/test',
    ...overrides,
  };
}

export function deps(
  graph: GraphStore,
  engine: WorkflowEngine,
  overrides: Partial<InvestigatorDeps> = {},
  logger: Logger = silentLogger,
): InvestigatorDeps {
  return {
    graph,
    engine,
    publish: () => Promise.resolve(),
    policy: policy(),
    metrics: new InvestigatorMetrics(),
    logger,
    producer: { component: 'investigator', version: 'test' },
    now: () => new Date(),
    newId: randomUUID,
    ...overrides,
  };
}

/** Tables the tests write, emptied between tests (the schema stays). */
export async function truncateGraph(db: SqlExecutor): Promise<void> {
  await db.exec(`TRUNCATE job, adviser_unresolved, adviser_run, security_indicator_run, release_verdict,
    python_file, python_dependency, python_release, runtime_environment, solver_run, python_index
    RESTART IDENTITY CASCADE`);
}

/** A release on INDEX with files; returns its id. */
export async function seedRelease(
  db: SqlExecutor,
  name: string,
  version: string,
  files: { filename: string; sha256: string }[] = [],
): Promise<number> {
  await db.query(`INSERT INTO python_index (url) VALUES ($1) ON CONFLICT (url) DO NOTHING`, [INDEX]);
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO python_release (package_name, version, normalized_version, index_id)
     VALUES ($1, $2, $2, (SELECT id FROM python_index WHERE url = $3))
     ON CONFLICT (package_name, normalized_version, index_id) DO UPDATE SET version = EXCLUDED.version
     RETURNING id`,
    [name, version, INDEX],
  );
  const id = Number(row!.id);
  for (const f of files) {
    await db.query(
      `INSERT INTO python_file (release_id, filename, kind, sha256) VALUES ($1, $2, 'wheel', $3)`,
      [id, f.filename, f.sha256],
    );
  }
  return id;
}

/** A verdict for the release in one environment: the release counts as solved there. */
export async function seedVerdict(
  db: SqlExecutor,
  name: string,
  version: string,
  environmentId: string,
): Promise<void> {
  const releaseId = await seedRelease(db, name, version);
  const [env] = await db.query<{ id: string }>(
    `INSERT INTO runtime_environment (key, python_version) VALUES ($1, '3.11')
     ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id`,
    [environmentId],
  );
  await db.query(
    `INSERT INTO release_verdict (release_id, environment_id, installable) VALUES ($1, $2, true)
     ON CONFLICT DO NOTHING`,
    [releaseId, Number(env!.id)],
  );
}

/** An adviser run that lacked `unresolved` and asks for a re-run. */
export async function seedAdviserRun(
  db: SqlExecutor,
  documentId: string,
  unresolved: { name: string; specifier?: string }[],
  environmentKey: string | null = null,
): Promise<void> {
  const [run] = await db.query<{ id: string }>(
    `INSERT INTO adviser_run (document_id, datetime, recommendation_type, environment_key, need_re_run)
     VALUES ($1, now(), 'stable', $2, true) RETURNING id`,
    [documentId, environmentKey],
  );
  for (const u of unresolved) {
    await db.query(
      `INSERT INTO adviser_unresolved (adviser_run_id, package_name, version, index_url) VALUES ($1, $2, $3, '')`,
      [Number(run!.id), u.name, u.specifier ?? ''],
    );
  }
}
