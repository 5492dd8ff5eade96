// LocalWorkflowEngine: the WorkflowEngine port on one machine. It loads the same YAML as the cluster
// (workflows/), refuses at load time anything it cannot run, and runs submitted workflows in this
// process (steps through the step registry, other commands as local processes), keeping a JSON run
// record per workflow in a state directory that other processes can read.
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors/index.js';
import type { Logger } from '../../log/index.js';
import { silentLogger } from '../../log/index.js';
import type { ArtifactStore } from '../../storage/index.js';
import { WorkflowNotFoundError } from '../errors.js';
import { summarize } from '../argo/argo-engine.js';
import { pollUntilFinal } from '../argo/watch.js';
import { isValidWorkflowName } from '../names.js';
import type {
  ListOptions,
  StepRegistry,
  SubmitRequest,
  SubmitResult,
  WatchOptions,
  WorkflowEngine,
  WorkflowLogLine,
  WorkflowStatus,
  WorkflowSummary,
} from '../types.js';
import { loadWorkflowDirectory } from './loader.js';
import type { Catalogue, LoadedResource } from './model.js';
import { WorkflowRunner } from './runner.js';
import { LocalSemaphores } from './semaphores.js';
import { RunStateStore } from './state.js';
import type { RunRecord } from './state.js';

export interface LocalEngineConfig {
  /** The loaded workflows/ directory (see `LocalWorkflowEngine.fromDirectory`). */
  catalogue: Catalogue;
  /** Where run records, node directories and logs go, e.g. `~/.thoth/workflows`. */
  stateDir: string;
  /** Artifact store for key-only artifacts (the same store the steps use). */
  store: ArtifactStore;
  /** Steps run in process for `thoth-step <name>` containers. */
  registry: StepRegistry;
  /** Semaphore limits by `<configmap>/<key>` (the ConfigMap the chart renders); default 1 each. */
  semaphoreLimits?: Record<string, number>;
  defaultSemaphoreLimit?: number;
  /** Multiplier for retry backoff waits (1 = as written; 0 = no waiting, for tests). */
  backoffScale?: number;
  logger?: Logger;
}

const TERMINAL = new Set(['Succeeded', 'Failed', 'Error']);

export class LocalWorkflowEngine implements WorkflowEngine {
  readonly kind = 'local';
  private readonly state: RunStateStore;
  private readonly semaphores: LocalSemaphores;
  private readonly running = new Map<string, Promise<void>>();
  private readonly logger: Logger;

  constructor(private readonly config: LocalEngineConfig) {
    this.state = new RunStateStore(config.stateDir);
    this.semaphores = new LocalSemaphores(config.semaphoreLimits ?? {}, config.defaultSemaphoreLimit ?? 1);
    this.logger = (config.logger ?? silentLogger).child({ component: 'local-workflow-engine' });
  }

  /** Load `workflowsDir` (refusing unsupported features) and build an engine over it. */
  static async fromDirectory(
    workflowsDir: string,
    config: Omit<LocalEngineConfig, 'catalogue'>,
  ): Promise<LocalWorkflowEngine> {
    return new LocalWorkflowEngine({ ...config, catalogue: await loadWorkflowDirectory(workflowsDir) });
  }

  private source(request: SubmitRequest): LoadedResource {
    const kind = request.resourceKind ?? 'WorkflowTemplate';
    const map =
      kind === 'CronWorkflow' ? this.config.catalogue.cronWorkflows : this.config.catalogue.workflowTemplates;
    const resource = map.get(request.template);
    if (resource === undefined) {
      throw new InputError(`no ${kind} named "${request.template}" in the workflows directory`, {
        context: { template: request.template },
      });
    }
    if (resource.spec.entrypoint === undefined) {
      throw new InputError(
        `${kind} "${request.template}" has no entrypoint; it is a library, not a pipeline`,
      );
    }
    return resource;
  }

  /** Submitted values over declared defaults; unknown names, missing values and enum misses are InputErrors, as Argo refuses them. */
  private bindParameters(resource: LoadedResource, given: Record<string, string>): Record<string, string> {
    const declared = resource.spec.arguments?.parameters ?? [];
    const names = new Set(declared.map((p) => p.name));
    for (const name of Object.keys(given)) {
      if (!names.has(name))
        throw new InputError(
          `${resource.name} has no parameter "${name}" (it has: ${[...names].join(', ')})`,
        );
    }
    const values: Record<string, string> = {};
    for (const p of declared) {
      const value = given[p.name] ?? p.value ?? p.default;
      if (value === undefined) throw new InputError(`${resource.name}: parameter "${p.name}" needs a value`);
      if (p.enum !== undefined && !p.enum.includes(value)) {
        throw new InputError(
          `${resource.name}: parameter "${p.name}" is "${value}", not one of ${p.enum.join(', ')}`,
        );
      }
      values[p.name] = value;
    }
    return values;
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    if (!isValidWorkflowName(request.name)) {
      throw new InputError(`workflow name "${request.name}" is not a DNS-1123 name of at most 63 characters`);
    }
    const resource = this.source(request);
    const parameters = this.bindParameters(resource, request.parameters ?? {});
    const record: RunRecord = {
      version: 1,
      name: request.name,
      template: request.template,
      resourceKind: request.resourceKind ?? 'WorkflowTemplate',
      phase: 'Pending',
      parameters,
      labels: { ...(request.labels ?? {}) },
      nodes: [],
      createdAt: new Date().toISOString(),
    };
    if (!(await this.state.create(record))) return { outcome: 'already-exists', name: request.name };
    this.logger.info({ workflow: request.name, template: request.template }, 'workflow submitted');
    this.running.set(request.name, this.execute(record, resource));
    return { outcome: 'submitted', name: request.name };
  }

  private async execute(record: RunRecord, resource: LoadedResource): Promise<void> {
    // Writes are chained so the record on disk always moves forward in order.
    let writes = Promise.resolve();
    const save = (): void => {
      const snapshot: RunRecord = structuredClone(record);
      writes = writes
        .then(() => this.state.write(snapshot))
        .catch((error: unknown) => {
          this.logger.error({ workflow: record.name, err: error }, 'cannot write run record');
        });
    };
    record.phase = 'Running';
    record.startedAt = new Date().toISOString();
    save();
    const runner = new WorkflowRunner({
      catalogue: this.config.catalogue,
      resource,
      spec: resource.spec,
      workflowName: record.name,
      parameters: record.parameters,
      store: this.config.store,
      registry: this.config.registry,
      semaphores: this.semaphores,
      runDir: this.state.runDir(record.name),
      logPath: (nodeId) => this.state.logPath(record.name, nodeId),
      logger: this.logger,
      backoffScale: this.config.backoffScale ?? 1,
      defaultArtifactKey: (workflow, nodeId, artifact) => `argo-artifacts/${workflow}/${nodeId}/${artifact}`,
      onChange: (nodes) => {
        record.nodes = nodes;
        save();
      },
    });
    const result = await runner.run();
    record.phase = result.phase;
    if (result.message !== undefined) record.message = result.message;
    record.finishedAt = new Date().toISOString();
    save();
    await writes;
    this.logger.info({ workflow: record.name, phase: record.phase }, 'workflow finished');
    this.running.delete(record.name);
  }

  async get(name: string): Promise<WorkflowStatus | undefined> {
    const record = await this.state.read(name);
    if (record === undefined) return undefined;
    const { version: _v, resourceKind: _k, createdAt: _c, ...status } = record;
    return status;
  }

  async watch(name: string, options: WatchOptions = {}): Promise<WorkflowStatus> {
    const inFlight = this.running.get(name);
    if (inFlight !== undefined && options.timeoutMs === undefined && options.onUpdate === undefined) {
      await inFlight;
      const status = await this.get(name);
      if (status === undefined) throw new WorkflowNotFoundError(name);
      return status;
    }
    return pollUntilFinal(name, (n) => this.get(n), options, 50);
  }

  async logs(name: string, options: { node?: string } = {}): Promise<WorkflowLogLine[]> {
    const record = await this.state.read(name);
    if (record === undefined) throw new WorkflowNotFoundError(name);
    const lines: WorkflowLogLine[] = [];
    for (const node of record.nodes) {
      if (node.type !== 'Pod') continue;
      if (options.node !== undefined && node.id !== options.node && node.name !== options.node) continue;
      const text = await readFile(this.state.logPath(name, node.id), 'utf8').catch(() => '');
      for (const content of text.split('\n')) if (content !== '') lines.push({ node: node.name, content });
    }
    return lines;
  }

  async list(options: ListOptions = {}): Promise<WorkflowSummary[]> {
    const records = (await this.state.list()).filter(
      (r) =>
        (options.phase === undefined || r.phase === options.phase) &&
        (options.template === undefined || r.template === options.template),
    );
    return summarize(records, options.limit);
  }

  /** Wait for every workflow this instance started. */
  async close(): Promise<void> {
    await Promise.all(this.running.values());
  }

  /** True when the run record says the workflow has finished. */
  static isFinished(status: WorkflowStatus): boolean {
    return TERMINAL.has(status.phase);
  }
}
