// Which parts of Argo's Workflow language the local engine implements. Every field of every
// resource is checked against this table at load time: a field the engine implements passes
// (`run`), a field that only matters to a cluster passes and is documented as such (`inert`:
// resources, securityContext, ttlStrategy, podGC, metrics…), and anything else is refused with an
// UnsupportedFeatureError naming the field and the template. Nothing is ignored silently.
import { UnsupportedFeatureError } from '../errors.js';

/** `run`: implemented; `inert`: accepted, no local effect; a string: refused, the string says what it is. */
type Rule = 'run' | 'inert' | { refuse: string } | Shape | { list: Shape } | { map: 'any' };
interface Shape {
  fields: Record<string, Rule>;
}

const shape = (fields: Record<string, Rule>): Shape => ({ fields });
const list = (s: Shape): { list: Shape } => ({ list: s });
const refuse = (what: string): { refuse: string } => ({ refuse: what });
const anyMap = { map: 'any' } as const;

const PARAMETER = shape({
  name: 'run',
  value: 'run',
  default: 'run',
  enum: 'run',
  description: 'inert',
  valueFrom: shape({
    path: 'run',
    default: 'run',
    parameter: 'run',
    configMapKeyRef: refuse('parameter valueFrom.configMapKeyRef'),
    expression: refuse('parameter valueFrom.expression'),
    jqFilter: refuse('parameter valueFrom.jqFilter'),
    jsonPath: refuse('parameter valueFrom.jsonPath'),
    event: refuse('parameter valueFrom.event'),
    supplied: refuse('suspend-supplied parameters'),
  }),
  globalName: refuse('global output parameters (globalName)'),
});

const ARTIFACT = shape({
  name: 'run',
  path: 'run',
  from: 'run',
  optional: 'run',
  s3: shape({ key: 'run' }),
  raw: shape({ data: 'run' }),
  archive: shape({ none: shape({}) }),
  mode: 'inert',
  recurseMode: 'inert',
  globalName: refuse('global output artifacts (globalName)'),
  artifactGC: 'inert',
  deleted: 'inert',
});

const ARGUMENTS = shape({ parameters: list(PARAMETER), artifacts: list(ARTIFACT) });

const SYNCHRONIZATION = shape({
  semaphores: list(
    shape({ configMapKeyRef: shape({ name: 'run', key: 'run', optional: 'inert' }), namespace: 'inert' }),
  ),
  semaphore: shape({
    configMapKeyRef: shape({ name: 'run', key: 'run', optional: 'inert' }),
    namespace: 'inert',
  }),
  mutexes: list(shape({ name: 'run', namespace: 'inert' })),
  mutex: shape({ name: 'run', namespace: 'inert' }),
});

const RETRY = shape({
  limit: 'run',
  retryPolicy: 'run',
  expression: 'run',
  backoff: shape({ duration: 'run', factor: 'run', maxDuration: 'run', cap: refuse('retry backoff.cap') }),
  affinity: refuse('retryStrategy.affinity (node anti-affinity between retries)'),
});

const TEMPLATE_REF = shape({
  name: 'run',
  template: 'run',
  clusterScope: refuse('ClusterWorkflowTemplate references'),
});

const TASK_COMMON: Record<string, Rule> = {
  name: 'run',
  template: 'run',
  templateRef: TEMPLATE_REF,
  arguments: ARGUMENTS,
  when: 'run',
  withItems: 'run',
  withParam: 'run',
  withSequence: shape({ count: 'run', start: 'run', end: 'run', format: refuse('withSequence.format') }),
  continueOn: shape({ failed: 'run', error: 'run' }),
  onExit: 'run',
  hooks: refuse('lifecycle hooks (hooks); only onExit is supported'),
  inline: refuse('inline templates'),
};

const DAG_TASK = shape({ ...TASK_COMMON, dependencies: 'run', depends: 'run' });
const STEP = shape(TASK_COMMON);

const CONTAINER = shape({
  name: 'inert',
  image: 'inert',
  imagePullPolicy: 'inert',
  command: 'run',
  args: 'run',
  workingDir: 'run',
  env: list(
    shape({
      name: 'run',
      value: 'run',
      // A Secret or ConfigMap reference has no value on a laptop; the local process gets its
      // configuration from its own environment instead.
      valueFrom: 'inert',
    }),
  ),
  envFrom: 'inert',
  resources: 'inert',
  securityContext: 'inert',
  terminationMessagePolicy: 'inert',
  volumeMounts: refuse('volumeMounts (use artifacts)'),
  ports: refuse('container ports'),
  livenessProbe: refuse('livenessProbe'),
  readinessProbe: refuse('readinessProbe'),
  startupProbe: refuse('startupProbe'),
  lifecycle: refuse('container lifecycle hooks'),
  stdin: refuse('stdin'),
  tty: refuse('tty'),
});

const TEMPLATE = shape({
  name: 'run',
  inputs: ARGUMENTS,
  outputs: shape({
    parameters: list(PARAMETER),
    artifacts: list(ARTIFACT),
    result: refuse('outputs.result'),
    exitCode: 'run',
  }),
  container: CONTAINER,
  dag: shape({ tasks: list(DAG_TASK), failFast: 'inert', target: refuse('dag.target') }),
  steps: { list: shape({}) }, // checked by hand: a list of lists of steps
  retryStrategy: RETRY,
  timeout: 'run',
  activeDeadlineSeconds: 'run',
  synchronization: SYNCHRONIZATION,
  metadata: 'inert',
  metrics: 'inert',
  nodeSelector: 'inert',
  tolerations: 'inert',
  affinity: 'inert',
  securityContext: 'inert',
  serviceAccountName: 'inert',
  automountServiceAccountToken: 'inert',
  priorityClassName: 'inert',
  podSpecPatch: refuse('podSpecPatch'),
  script: refuse('script templates'),
  resource: refuse('resource templates'),
  suspend: refuse('suspend templates'),
  http: refuse('HTTP templates'),
  plugin: refuse('plugin templates'),
  containerSet: refuse('containerSet templates'),
  data: refuse('data templates'),
  sidecars: refuse('sidecars'),
  initContainers: refuse('initContainers'),
  volumes: refuse('volumes'),
  daemon: refuse('daemon templates'),
  memoize: refuse('memoization'),
  parallelism: refuse('template parallelism'),
  archiveLocation: refuse('archiveLocation'),
  hostAliases: refuse('hostAliases'),
  failFast: 'inert',
  executor: 'inert',
  schedulerName: 'inert',
});

// templateDefaults is a Template whose fields are merged into every template of the matching type.
const TEMPLATE_DEFAULTS = TEMPLATE;

const WORKFLOW_SPEC = shape({
  entrypoint: 'run',
  arguments: ARGUMENTS,
  templates: list(TEMPLATE),
  templateDefaults: TEMPLATE_DEFAULTS,
  onExit: 'run',
  activeDeadlineSeconds: 'run',
  synchronization: SYNCHRONIZATION,
  workflowTemplateRef: shape({ name: 'run', clusterScope: refuse('ClusterWorkflowTemplate references') }),
  ttlStrategy: 'inert',
  podGC: 'inert',
  metrics: 'inert',
  serviceAccountName: 'inert',
  automountServiceAccountToken: 'inert',
  securityContext: 'inert',
  podMetadata: 'inert',
  workflowMetadata: 'inert',
  nodeSelector: 'inert',
  tolerations: 'inert',
  affinity: 'inert',
  priority: 'inert',
  podPriorityClassName: 'inert',
  podDisruptionBudget: 'inert',
  archiveLogs: 'inert',
  artifactGC: 'inert',
  imagePullSecrets: 'inert',
  executor: 'inert',
  schedulerName: 'inert',
  hooks: refuse('workflow lifecycle hooks (hooks); only onExit is supported'),
  volumes: refuse('volumes'),
  volumeClaimTemplates: refuse('volumeClaimTemplates'),
  volumeClaimGC: refuse('volumeClaimGC'),
  parallelism: refuse('workflow parallelism'),
  retryStrategy: refuse('workflow-level retryStrategy'),
  suspend: refuse('suspended workflows'),
  shutdown: refuse('shutdown'),
  artifactRepositoryRef: refuse('artifactRepositoryRef (the local engine has one artifact store)'),
  podSpecPatch: refuse('podSpecPatch'),
  hostNetwork: refuse('hostNetwork'),
  dnsPolicy: 'inert',
  dnsConfig: 'inert',
});

const METADATA = shape({
  name: 'run',
  generateName: 'run',
  namespace: 'inert',
  labels: anyMap,
  annotations: anyMap,
});

const CRON_SPEC = shape({
  workflowSpec: WORKFLOW_SPEC,
  // The local engine never schedules: a CronWorkflow is submitted on demand (`thoth workflows submit`).
  schedule: 'inert',
  schedules: 'inert',
  timezone: 'inert',
  concurrencyPolicy: 'inert',
  startingDeadlineSeconds: 'inert',
  successfulJobsHistoryLimit: 'inert',
  failedJobsHistoryLimit: 'inert',
  suspend: 'inert',
  workflowMetadata: 'inert',
  stopStrategy: refuse('CronWorkflow stopStrategy'),
  when: refuse('CronWorkflow when'),
});

export const RESOURCE_SHAPES: Record<string, Shape> = {
  WorkflowTemplate: shape({ apiVersion: 'run', kind: 'run', metadata: METADATA, spec: WORKFLOW_SPEC }),
  Workflow: shape({ apiVersion: 'run', kind: 'run', metadata: METADATA, spec: WORKFLOW_SPEC }),
  CronWorkflow: shape({ apiVersion: 'run', kind: 'run', metadata: METADATA, spec: CRON_SPEC }),
};

interface Where {
  file?: string;
  resource: string;
}

/** Throws UnsupportedFeatureError for the first field the engine does not implement. */
export function checkSupported(kind: string, resource: unknown, where: Where): void {
  const root = RESOURCE_SHAPES[kind];
  if (root === undefined) {
    throw new UnsupportedFeatureError(`resource kind ${kind}`, where);
  }
  checkShape(resource, root, kind, where, undefined);
}

function templateNameOf(value: unknown): string | undefined {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

function checkShape(
  value: unknown,
  s: Shape,
  path: string,
  where: Where,
  template: string | undefined,
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const rule = s.fields[key];
    const childPath = `${path}.${key}`;
    const place = { ...where, ...(template === undefined ? {} : { template }) };
    if (rule === undefined) throw new UnsupportedFeatureError(`field ${childPath}`, place);
    checkRule(child, rule, childPath, where, template, key);
  }
}

function checkRule(
  value: unknown,
  rule: Rule,
  path: string,
  where: Where,
  template: string | undefined,
  key: string,
): void {
  if (rule === 'run' || rule === 'inert') return;
  const place = { ...where, ...(template === undefined ? {} : { template }) };
  if ('refuse' in rule) throw new UnsupportedFeatureError(`${rule.refuse} (${path})`, place);
  if ('map' in rule) return;
  if ('list' in rule) {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => {
      const inTemplate = key === 'templates' ? templateNameOf(item) : template;
      if (key === 'steps') {
        // steps: a list of parallel groups, each a list of steps.
        if (!Array.isArray(item)) return;
        item.forEach((step, j) => checkShape(step, STEP, `${path}[${i}][${j}]`, where, template));
        return;
      }
      checkShape(item, rule.list, `${path}[${i}]`, where, inTemplate);
    });
    return;
  }
  checkShape(value, rule, path, where, template);
}
