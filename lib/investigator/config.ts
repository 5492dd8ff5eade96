// The investigator's configuration from environment variables, checked at start: every problem is
// collected and reported in one InputError, so a bad deployment fails once with the whole list.
// Graph, artifact store and deployment come from lib/runtime (THOTH_GRAPH_URL, THOTH_ARTIFACTS_URL, …).
import type { EnvironmentIdentity } from '../contracts/index.js';
import { checkContract } from '../contracts/index.js';
import { InputError } from '../errors/index.js';
import { readRuntimeConfig } from '../runtime/index.js';
import type { Env, RuntimeConfig } from '../runtime/index.js';
import { parseEnvironmentShorthand, resolveEnvironment } from '../solver/index.js';
import { handledTypes } from './handlers/index.js';
import { solverEnvironment } from './learn.js';
import type { InvestigatorPolicy, JobKind } from './types.js';
import { JOB_KINDS } from './types.js';

export type EngineConfig =
  | { kind: 'local'; workflowsDir: string; stateDir: string | undefined }
  | { kind: 'argo'; baseUrl: string; namespace: string; tokenFile: string | undefined };

export interface InvestigatorConfig {
  runtime: RuntimeConfig;
  kafka: { brokers: string[]; clientId: string };
  /** Consumer group shared by every investigator replica. */
  groupId: string;
  /** Message types consumed (their topics are `<deployment>.<kebab-type>`). */
  messageTypes: string[];
  engine: EngineConfig;
  policy: InvestigatorPolicy;
  /** Handler attempts before a record goes to the dead letters. */
  deadLetterAttempts: number;
  /** Partitions processed at the same time by this replica. */
  partitionsConcurrently: number;
  /** Commit after this many finished records of a partition (and at batch ends and on stop). */
  commitEveryRecords: number;
  /** Port of /metrics, /healthz and /readyz. */
  httpPort: number;
  /** How often submitted jobs are followed up (reconcile.ts). */
  reconcileIntervalMs: number;
  logLevel: string;
}

/** Every variable read besides lib/runtime's, with its meaning and default. */
export const INVESTIGATOR_VARIABLES: Readonly<Record<string, string>> = {
  THOTH_KAFKA_BROKERS: 'comma-separated host:port of Kafka bootstrap brokers (required)',
  THOTH_KAFKA_CLIENT_ID: 'kafkajs client id (default thoth-investigator)',
  THOTH_INVESTIGATOR_GROUP_ID: 'consumer group (default <deployment>.investigator)',
  THOTH_INVESTIGATOR_MESSAGE_TYPES: 'comma-separated message types to consume (default: every handled type)',
  THOTH_WORKFLOW_ENGINE: 'local or argo (default local)',
  THOTH_WORKFLOWS_DIR: 'local engine: the workflows/ directory (default workflows)',
  THOTH_WORKFLOW_STATE_DIR: 'local engine: run records (default $THOTH_HOME/workflows)',
  THOTH_ARGO_URL: 'argo engine: Argo server base URL (required with argo)',
  THOTH_ARGO_NAMESPACE: 'argo engine: namespace of templates and workflows (required with argo)',
  THOTH_ARGO_TOKEN_FILE: 'argo engine: file holding a ServiceAccount token (omit for auth-mode=server)',
  THOTH_INVESTIGATOR_ENVIRONMENTS:
    "JSON list of environments to solve for, each {id, os_name, os_version, python_version, platform}; verdicts are recorded under the id, platform is sysconfig's (linux-x86_64: manylinux_2_34) or a platform tag (required)",
  THOTH_INVESTIGATOR_LIMITS: `per-kind limits of submitted jobs, kind=n,… (kinds: ${JOB_KINDS.join(', ')}; default none)`,
  THOTH_INVESTIGATOR_DEAD_LETTER_ATTEMPTS: 'handler attempts before dead-lettering (default 5)',
  THOTH_INVESTIGATOR_MAX_JOB_ATTEMPTS: 'workflow attempts per job before it is exhausted (default 3)',
  THOTH_INVESTIGATOR_MAX_VERSIONS: 'versions solved for an UnresolvedPackage without a version (default 5)',
  THOTH_INVESTIGATOR_INDEX_URLS: 'comma-separated index URLs accepted besides those enabled in the graph',
  THOTH_INVESTIGATOR_BACK_PRESSURE_POLL_MS: 'wait between capacity checks at a limit (default 5000)',
  THOTH_INVESTIGATOR_RECONCILE_INTERVAL_MS: 'how often submitted jobs are followed up (default 15000)',
  THOTH_INVESTIGATOR_PARTITIONS_CONCURRENTLY: 'partitions processed at once per replica (default 4)',
  THOTH_INVESTIGATOR_COMMIT_EVERY: 'commit after this many finished records per partition (default 1)',
  THOTH_INVESTIGATOR_PORT: 'port of /metrics, /healthz, /readyz (default 8080)',
  THOTH_LOG_LEVEL: 'pino level (default info)',
};

const MESSAGING_NAME = /^[a-zA-Z0-9._-]+$/;

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function readEnvironments(raw: string | undefined, problems: string[]): EnvironmentIdentity[] {
  const name = 'THOTH_INVESTIGATOR_ENVIRONMENTS';
  if (raw === undefined || raw.trim() === '') {
    problems.push(`${name} is required: a JSON list of environments to solve for`);
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    problems.push(`${name} must be JSON (${(error as Error).message})`);
    return [];
  }
  if (!Array.isArray(data) || data.length === 0) {
    problems.push(`${name} must be a non-empty JSON list`);
    return [];
  }
  const out: EnvironmentIdentity[] = [];
  const ids = new Set<string>();
  data.forEach((item, i) => {
    const violations = checkContract('common/environment-identity.v1', item);
    if (violations.length > 0) {
      problems.push(`${name}[${i}] ${violations.map((v) => `${v.pointer || '/'} ${v.message}`).join(', ')}`);
      return;
    }
    const environment = item as EnvironmentIdentity;
    if (ids.has(environment.id)) problems.push(`${name}[${i}] repeats environment id "${environment.id}"`);
    // thoth-solve is asked for exactly this environment (learn.ts solverEnvironment): refuse at start
    // what every solve would refuse later, e.g. a platform the solver cannot place.
    try {
      resolveEnvironment(parseEnvironmentShorthand(solverEnvironment(environment)));
    } catch (error) {
      problems.push(`${name}[${i}] cannot be solved for: ${(error as Error).message}`);
    }
    ids.add(environment.id);
    out.push(environment);
  });
  return out;
}

function readLimits(raw: string | undefined, problems: string[]): Partial<Record<JobKind, number>> {
  const limits: Partial<Record<JobKind, number>> = {};
  for (const entry of list(raw)) {
    const [kind, value, ...rest] = entry.split('=');
    const n = Number(value);
    if (!JOB_KINDS.includes(kind as JobKind)) {
      problems.push(`THOTH_INVESTIGATOR_LIMITS: unknown kind "${kind}" (known: ${JOB_KINDS.join(', ')})`);
    } else if (rest.length > 0 || !Number.isInteger(n) || n < 1) {
      problems.push(`THOTH_INVESTIGATOR_LIMITS: "${entry}" must be <kind>=<positive integer>`);
    } else limits[kind as JobKind] = n;
  }
  return limits;
}

/** Read and check the investigator's configuration; throws one InputError listing every problem. */
export function readInvestigatorConfig(env: Env): InvestigatorConfig {
  const problems: string[] = [];
  let runtime: RuntimeConfig | undefined;
  try {
    runtime = readRuntimeConfig(env);
  } catch (error) {
    problems.push((error as Error).message.replace(/^invalid configuration: /, ''));
  }
  const deployment = runtime?.layout.deployment ?? 'thoth-local';

  const brokers = list(env['THOTH_KAFKA_BROKERS']);
  if (brokers.length === 0) problems.push('THOTH_KAFKA_BROKERS is required (host:port,…)');
  for (const broker of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(broker)) {
      problems.push(`THOTH_KAFKA_BROKERS: "${broker}" must be host:port`);
    }
  }

  const groupId = env['THOTH_INVESTIGATOR_GROUP_ID'] ?? `${deployment}.investigator`;
  if (!MESSAGING_NAME.test(groupId)) {
    problems.push(`THOTH_INVESTIGATOR_GROUP_ID must be letters, digits, ".", "_" and "-" (got "${groupId}")`);
  }

  const handled = handledTypes();
  const requested = list(env['THOTH_INVESTIGATOR_MESSAGE_TYPES']);
  for (const type of requested) {
    if (!handled.includes(type)) {
      problems.push(
        `THOTH_INVESTIGATOR_MESSAGE_TYPES: no handler for "${type}" (handled: ${handled.join(', ')})`,
      );
    }
  }
  const messageTypes = requested.length > 0 ? requested : handled;

  let engine: EngineConfig = {
    kind: 'local',
    workflowsDir: env['THOTH_WORKFLOWS_DIR'] ?? 'workflows',
    stateDir: env['THOTH_WORKFLOW_STATE_DIR'],
  };
  const engineKind = env['THOTH_WORKFLOW_ENGINE'] ?? 'local';
  if (engineKind === 'argo') {
    const baseUrl = env['THOTH_ARGO_URL'];
    const namespace = env['THOTH_ARGO_NAMESPACE'];
    if (baseUrl === undefined || !/^https?:\/\//.test(baseUrl)) {
      problems.push('THOTH_ARGO_URL is required with THOTH_WORKFLOW_ENGINE=argo (http:// or https://)');
    }
    if (namespace === undefined || namespace === '') {
      problems.push('THOTH_ARGO_NAMESPACE is required with THOTH_WORKFLOW_ENGINE=argo');
    }
    engine = {
      kind: 'argo',
      baseUrl: baseUrl ?? '',
      namespace: namespace ?? '',
      tokenFile: env['THOTH_ARGO_TOKEN_FILE'],
    };
  } else if (engineKind !== 'local') {
    problems.push(`THOTH_WORKFLOW_ENGINE must be local or argo (got "${engineKind}")`);
  }

  const environments = readEnvironments(env['THOTH_INVESTIGATOR_ENVIRONMENTS'], problems);
  const limits = readLimits(env['THOTH_INVESTIGATOR_LIMITS'], problems);
  const extraIndexUrls = list(env['THOTH_INVESTIGATOR_INDEX_URLS']);
  for (const url of extraIndexUrls) {
    if (!/^https?:\/\//.test(url))
      problems.push(`THOTH_INVESTIGATOR_INDEX_URLS: "${url}" is not an http(s) URL`);
  }

  const config: InvestigatorConfig = {
    runtime: runtime ?? (undefined as unknown as RuntimeConfig),
    kafka: { brokers, clientId: env['THOTH_KAFKA_CLIENT_ID'] ?? 'thoth-investigator' },
    groupId,
    messageTypes,
    engine,
    policy: {
      environments,
      limits,
      backPressurePollMs: integer(
        env,
        'THOTH_INVESTIGATOR_BACK_PRESSURE_POLL_MS',
        5000,
        10,
        600_000,
        problems,
      ),
      maxJobAttempts: integer(env, 'THOTH_INVESTIGATOR_MAX_JOB_ATTEMPTS', 3, 1, 100, problems),
      maxVersionsPerPackage: integer(env, 'THOTH_INVESTIGATOR_MAX_VERSIONS', 5, 1, 1000, problems),
      extraIndexUrls,
      artifactPrefix:
        runtime === undefined ? '' : [runtime.layout.prefix, deployment].filter((p) => p !== '').join('/'),
    },
    deadLetterAttempts: integer(env, 'THOTH_INVESTIGATOR_DEAD_LETTER_ATTEMPTS', 5, 1, 100, problems),
    partitionsConcurrently: integer(env, 'THOTH_INVESTIGATOR_PARTITIONS_CONCURRENTLY', 4, 1, 1000, problems),
    commitEveryRecords: integer(env, 'THOTH_INVESTIGATOR_COMMIT_EVERY', 1, 1, 100_000, problems),
    httpPort: integer(env, 'THOTH_INVESTIGATOR_PORT', 8080, 0, 65535, problems),
    reconcileIntervalMs: integer(
      env,
      'THOTH_INVESTIGATOR_RECONCILE_INTERVAL_MS',
      15_000,
      100,
      3_600_000,
      problems,
    ),
    logLevel: env['THOTH_LOG_LEVEL'] ?? 'info',
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(
      `THOTH_LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent (got "${config.logLevel}")`,
    );
  }
  if (problems.length > 0) {
    throw new InputError(`invalid investigator configuration:\n  - ${problems.join('\n  - ')}`, {
      context: { problems },
    });
  }
  return config;
}
