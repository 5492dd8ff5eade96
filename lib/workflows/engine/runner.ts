// Executes one workflow of the local engine: resolves templates (own, templateRef, templateDefaults),
// binds parameters and artifacts, walks DAGs and steps, retries, honours when/depends/continueOn,
// fans out withItems/withParam/withSequence, runs onExit handlers, takes semaphores and enforces
// deadlines. Leaves run in process (`thoth-step <name>` through the step registry) or as local
// processes. Every node change is reported through `onChange` so the run record stays current.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { ArtifactStore } from '../../storage/index.js';
import type { Logger } from '../../log/index.js';
import { describeError } from '../../errors/index.js';
import { describeExitCode } from '../exit-codes.js';
import { WorkflowDefinitionError } from '../errors.js';
import type { NodePhase, StepRegistry, WorkflowNodeStatus } from '../types.js';
import { evaluate, parseDurationMs, substitute } from './expressions.js';
import type { Scope } from './expressions.js';
import type {
  Artifact,
  Catalogue,
  DagTask,
  LoadedResource,
  Template,
  WorkflowSpec,
  WorkflowStep,
} from './model.js';
import { POD_INPUTS_DIR, POD_OUTPUTS_DIR } from './model.js';
import type { LocalSemaphores } from './semaphores.js';
import { StepLogTap } from './step-log.js';

export interface RunOptions {
  catalogue: Catalogue;
  /** The resource the workflow was submitted from (its templates are the workflow's own). */
  resource: LoadedResource;
  spec: WorkflowSpec;
  workflowName: string;
  /** Resolved workflow parameters (submitted values over defaults). */
  parameters: Record<string, string>;
  store: ArtifactStore;
  registry: StepRegistry;
  semaphores: LocalSemaphores;
  runDir: string;
  logPath: (nodeId: string) => string;
  logger: Logger;
  /** Multiplies retry backoff durations; 1 in production, 0 in tests that do not want to wait. */
  backoffScale: number;
  /** Key under which an output artifact without `s3.key` is stored. */
  defaultArtifactKey: (workflow: string, nodeId: string, artifact: string) => string;
  onChange: (nodes: WorkflowNodeStatus[]) => void;
}

interface Outputs {
  parameters: Record<string, string>;
  /** Artifact name → store key. */
  artifacts: Record<string, string>;
  exitCode?: number;
}

interface Outcome {
  phase: NodePhase;
  message?: string;
  exitCode?: number;
  outputs: Outputs;
}

/** A template plus the resource whose templates its `template:` references resolve against. */
interface Resolved {
  template: Template;
  owner: LoadedResource;
  /** `<workflowtemplate>/<template>` for templateRef, the bare name otherwise. */
  label: string;
}

/** An argument artifact: a store key, raw data, or a `from` that named no artifact (and why). */
interface ArtifactArg {
  key?: string;
  raw?: string;
  unresolved?: string;
}

interface CallArgs {
  parameters: Map<string, string>;
  /** Artifact name → where its content comes from. */
  artifacts: Map<string, ArtifactArg>;
}

const EMPTY_OUTPUTS = (): Outputs => ({ parameters: {}, artifacts: {} });

const isFailedOrError = (p: NodePhase): boolean => p === 'Failed' || p === 'Error';

export class WorkflowRunner {
  private readonly nodes = new Map<string, WorkflowNodeStatus>();
  private readonly globals = new Map<string, string>();
  private readonly deadline = new AbortController();
  private failures: { displayName: string; message: string; phase: string; templateName: string }[] = [];

  constructor(private readonly o: RunOptions) {
    this.globals.set('workflow.name', o.workflowName);
    this.globals.set('workflow.namespace', 'local');
    this.globals.set('workflow.uid', createHash('sha256').update(o.workflowName).digest('hex').slice(0, 32));
    this.globals.set('workflow.serviceAccountName', 'local');
    for (const [k, v] of Object.entries(o.parameters)) this.globals.set(`workflow.parameters.${k}`, v);
  }

  /** Run to the end and return the workflow's phase and message. Never throws for a step's failure. */
  async run(): Promise<{ phase: 'Succeeded' | 'Failed' | 'Error'; message?: string }> {
    const spec = this.o.spec;
    const deadlineSeconds = spec.activeDeadlineSeconds;
    const timer =
      deadlineSeconds === undefined
        ? undefined
        : setTimeout(() => this.deadline.abort(new Error('workflow deadline')), deadlineSeconds * 1000);
    let release: (() => void) | undefined;
    try {
      release = await this.o.semaphores.acquire(this.syncKeys(spec.synchronization), this.deadline.signal);
      const entry = this.resolve({ template: spec.entrypoint }, this.o.resource);
      const main = await this.runTemplate(
        entry,
        { parameters: new Map(), artifacts: new Map() },
        this.o.workflowName,
        this.o.workflowName,
      );
      let phase: 'Succeeded' | 'Failed' | 'Error' =
        main.phase === 'Succeeded' || main.phase === 'Skipped'
          ? 'Succeeded'
          : main.phase === 'Error'
            ? 'Error'
            : 'Failed';
      let message = main.message;
      if (this.deadline.signal.aborted) {
        phase = 'Failed';
        message = `Step exceeded its deadline: workflow activeDeadlineSeconds ${deadlineSeconds}`;
      }
      if (spec.onExit !== undefined) {
        // The exit handler sees the outcome through {{workflow.status}} and {{workflow.failures}}.
        this.globals.set('workflow.status', phase);
        this.globals.set('workflow.failures', JSON.stringify(this.failures));
        const handler = await this.runTemplate(
          this.resolve({ template: spec.onExit }, this.o.resource),
          { parameters: new Map(), artifacts: new Map() },
          `${this.o.workflowName}.onExit`,
          `${this.o.workflowName}.onExit`,
        );
        if (isFailedOrError(handler.phase) && phase === 'Succeeded') {
          phase = 'Failed';
          message = `exit handler failed: ${handler.message ?? ''}`;
        }
      }
      return message === undefined ? { phase } : { phase, message };
    } catch (error) {
      return { phase: 'Error', message: describeError(error) };
    } finally {
      release?.();
      if (timer) clearTimeout(timer);
    }
  }

  private syncKeys(sync: WorkflowSpec['synchronization']): string[] {
    if (sync === undefined) return [];
    const keys: string[] = [];
    const sems = [...(sync.semaphores ?? []), ...(sync.semaphore ? [sync.semaphore] : [])];
    for (const s of sems) keys.push(`${s.configMapKeyRef?.name ?? ''}/${s.configMapKeyRef?.key ?? ''}`);
    for (const m of [...(sync.mutexes ?? []), ...(sync.mutex ? [sync.mutex] : [])])
      keys.push(`mutex/${m.name ?? ''}`);
    return keys;
  }

  private resolve(
    call: { template?: string; templateRef?: { name?: string; template?: string } },
    owner: LoadedResource,
  ): Resolved {
    let template: Template | undefined;
    let label: string;
    if (call.templateRef) {
      const refOwner = this.o.catalogue.workflowTemplates.get(call.templateRef.name ?? '');
      template = refOwner?.spec.templates?.find((t) => t.name === call.templateRef?.template);
      label = `${call.templateRef.name}/${call.templateRef.template}`;
      if (refOwner === undefined || template === undefined)
        throw new WorkflowDefinitionError(`unknown templateRef ${label}`);
      owner = refOwner;
    } else {
      template = owner.spec.templates?.find((t) => t.name === call.template);
      label = call.template ?? '';
      if (template === undefined)
        throw new WorkflowDefinitionError(`unknown template "${label}" in ${owner.name}`);
    }
    return { template: this.withDefaults(template), owner, label };
  }

  /** The workflow's templateDefaults merged under `template` (the template wins; container defaults only reach containers). */
  private withDefaults(template: Template): Template {
    const defaults = this.o.spec.templateDefaults;
    if (defaults === undefined) return template;
    const applicable: Record<string, unknown> = { ...defaults };
    for (const type of ['container', 'dag', 'steps']) {
      if ((template as Record<string, unknown>)[type] === undefined) delete applicable[type];
    }
    return deepMerge(applicable, template as Record<string, unknown>) as Template;
  }

  private nodeId(name: string): string {
    return `${this.o.workflowName}-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
  }

  private setNode(node: WorkflowNodeStatus): void {
    this.nodes.set(node.id, node);
    this.o.onChange([...this.nodes.values()]);
  }

  private finishNode(node: WorkflowNodeStatus, outcome: Outcome): Outcome {
    node.phase = outcome.phase;
    node.finishedAt = new Date().toISOString();
    if (outcome.message !== undefined) node.message = outcome.message;
    if (outcome.exitCode !== undefined) node.exitCode = outcome.exitCode;
    if (Object.keys(outcome.outputs.parameters).length > 0) node.outputs = { ...outcome.outputs.parameters };
    if (isFailedOrError(outcome.phase) && node.type === 'Pod') {
      this.failures.push({
        displayName: node.name,
        message: outcome.message ?? '',
        phase: outcome.phase,
        templateName: node.templateName,
      });
    }
    this.setNode(node);
    return outcome;
  }

  /** Bind inputs, take template-level semaphores, retry, and run the body. */
  private async runTemplate(
    resolved: Resolved,
    args: CallArgs,
    nodeName: string,
    displayName: string,
  ): Promise<Outcome> {
    const { template } = resolved;
    const scope = new Map(this.globals);
    try {
      for (const p of template.inputs?.parameters ?? []) {
        const value =
          args.parameters.get(p.name) ??
          (p.value !== undefined
            ? substitute(p.value, scope, `${resolved.label}.inputs.${p.name}`)
            : p.default);
        if (value === undefined)
          throw new WorkflowDefinitionError(
            `${resolved.label}: input parameter "${p.name}" was not supplied`,
          );
        if (p.enum !== undefined && !p.enum.includes(value)) {
          throw new WorkflowDefinitionError(
            `${resolved.label}: input parameter "${p.name}" is "${value}", not one of ${p.enum.join(', ')}`,
          );
        }
        scope.set(`inputs.parameters.${p.name}`, value);
      }
      for (const a of template.inputs?.artifacts ?? []) {
        if (a.path !== undefined) scope.set(`inputs.artifacts.${a.name}.path`, a.path);
      }
    } catch (error) {
      const node = this.startNode(nodeName, displayName, resolved.label, 'Pod');
      return this.finishNode(node, {
        phase: 'Error',
        message: describeError(error),
        outputs: EMPTY_OUTPUTS(),
      });
    }
    const release = await this.o.semaphores
      .acquire(this.syncKeys(template.synchronization), this.deadline.signal)
      .catch(() => undefined);
    if (release === undefined) {
      const node = this.startNode(nodeName, displayName, resolved.label, 'Pod');
      return this.finishNode(node, {
        phase: 'Failed',
        message: 'workflow deadline passed while waiting for a semaphore',
        outputs: EMPTY_OUTPUTS(),
      });
    }
    try {
      if (template.retryStrategy === undefined)
        return await this.runBody(resolved, args, scope, nodeName, displayName);
      return await this.runWithRetries(resolved, args, scope, nodeName, displayName);
    } finally {
      release();
    }
  }

  private startNode(
    nodeName: string,
    displayName: string,
    templateName: string,
    type: string,
  ): WorkflowNodeStatus {
    const node: WorkflowNodeStatus = {
      id: this.nodeId(nodeName),
      name: displayName,
      templateName,
      type,
      phase: 'Running',
      startedAt: new Date().toISOString(),
    };
    this.setNode(node);
    return node;
  }

  private async runWithRetries(
    resolved: Resolved,
    args: CallArgs,
    scope: Map<string, string>,
    nodeName: string,
    displayName: string,
  ): Promise<Outcome> {
    const strategy = resolved.template.retryStrategy ?? {};
    const retryNode = this.startNode(nodeName, displayName, resolved.label, 'Retry');
    let limit: number;
    let backoffMs = 0;
    let maxDurationMs = Infinity;
    try {
      const rawLimit =
        strategy.limit === undefined
          ? undefined
          : substitute(String(strategy.limit), scope, `${resolved.label}.retryStrategy.limit`);
      // Argo: no limit means "retry forever"; the engine refuses to spin forever on a laptop.
      if (rawLimit === undefined)
        throw new WorkflowDefinitionError(`${resolved.label}: retryStrategy without limit`);
      limit = Number.parseInt(rawLimit, 10);
      if (strategy.backoff?.duration !== undefined) backoffMs = parseDurationMs(strategy.backoff.duration);
      if (strategy.backoff?.maxDuration !== undefined)
        maxDurationMs = parseDurationMs(strategy.backoff.maxDuration);
    } catch (error) {
      return this.finishNode(retryNode, {
        phase: 'Error',
        message: describeError(error),
        outputs: EMPTY_OUTPUTS(),
      });
    }
    const factor = Number(strategy.backoff?.factor ?? 1);
    const policy = strategy.retryPolicy ?? 'OnFailure';
    const started = performance.now();
    let last: Outcome = { phase: 'Error', outputs: EMPTY_OUTPUTS() };
    for (let attempt = 0; attempt <= limit; attempt += 1) {
      const attemptScope = new Map(scope);
      attemptScope.set('retries', String(attempt));
      last = await this.runBody(
        resolved,
        args,
        attemptScope,
        `${nodeName}(${attempt})`,
        `${displayName}(${attempt})`,
      );
      if (!isFailedOrError(last.phase) || attempt === limit || this.deadline.signal.aborted) break;
      const policyAllows =
        policy === 'Always' ||
        (policy === 'OnFailure' && last.phase === 'Failed') ||
        (policy === 'OnError' && last.phase === 'Error');
      let expressionAllows = true;
      if (strategy.expression !== undefined) {
        const variables = new Map<string, string>([
          ['lastRetry.exitCode', last.exitCode === undefined ? '' : String(last.exitCode)],
          ['lastRetry.status', last.phase],
          ['lastRetry.message', last.message ?? ''],
          ['lastRetry.duration', String(Math.round((performance.now() - started) / 1000))],
        ]);
        try {
          expressionAllows = evaluate(strategy.expression, { variables });
        } catch (error) {
          return this.finishNode(retryNode, {
            phase: 'Error',
            message: describeError(error),
            outputs: EMPTY_OUTPUTS(),
          });
        }
      }
      if (!policyAllows || !expressionAllows) break;
      const wait = backoffMs * factor ** attempt * this.o.backoffScale;
      if (performance.now() - started + wait > maxDurationMs) break;
      if (wait > 0) await sleep(wait, undefined, { signal: this.deadline.signal }).catch(() => undefined);
    }
    return this.finishNode(retryNode, last);
  }

  private async runBody(
    resolved: Resolved,
    args: CallArgs,
    scope: Map<string, string>,
    nodeName: string,
    displayName: string,
  ): Promise<Outcome> {
    const t = resolved.template;
    if (t.dag) return this.runDag(resolved, scope, nodeName, displayName);
    if (t.steps) return this.runSteps(resolved, scope, nodeName, displayName);
    return this.runContainer(resolved, args, scope, nodeName, displayName);
  }

  // ---------------------------------------------------------------- leaves

  private async runContainer(
    resolved: Resolved,
    args: CallArgs,
    scope: Map<string, string>,
    nodeName: string,
    displayName: string,
  ): Promise<Outcome> {
    const t = resolved.template;
    const node = this.startNode(nodeName, displayName, resolved.label, 'Pod');
    const nodeDir = join(this.o.runDir, 'nodes', node.id);
    const inputsDir = join(nodeDir, 'inputs');
    const outputsDir = join(nodeDir, 'outputs');
    const mapPath = (p: string): string =>
      p.startsWith(`${POD_OUTPUTS_DIR}/`) || p === POD_OUTPUTS_DIR
        ? join(outputsDir, p.slice(POD_OUTPUTS_DIR.length))
        : p.startsWith(`${POD_INPUTS_DIR}/`) || p === POD_INPUTS_DIR
          ? join(inputsDir, p.slice(POD_INPUTS_DIR.length))
          : p;
    // In argv a pod path may stand alone, follow `--flag=`, or sit inside a shell command string;
    // only the directory prefix is rewritten, the rest of the path follows it.
    const mapArg = (a: string): string =>
      a.replace(
        /(^|[=\s'"])\/tmp\/(inputs|outputs)(?=$|[/\s'"])/g,
        (_m, pre: string, which: string) => pre + (which === 'inputs' ? inputsDir : outputsDir),
      );
    let argv: string[];
    const env: Record<string, string> = {};
    try {
      await mkdir(inputsDir, { recursive: true });
      await mkdir(outputsDir, { recursive: true });
      await this.materializeInputs(t.inputs?.artifacts ?? [], args, scope, mapPath, resolved.label);
      argv = [...(t.container?.command ?? []), ...(t.container?.args ?? [])].map((a) =>
        mapArg(substitute(a, scope, `${resolved.label}.container`)),
      );
      for (const e of t.container?.env ?? []) {
        if (e.value !== undefined)
          env[e.name] = mapArg(substitute(e.value, scope, `${resolved.label}.env.${e.name}`));
      }
    } catch (error) {
      return this.finishNode(node, {
        phase: 'Error',
        message: describeError(error),
        outputs: EMPTY_OUTPUTS(),
      });
    }
    const limits = [
      t.timeout === undefined ? Infinity : parseDurationMs(substitute(t.timeout, scope, 'timeout')),
    ];
    if (t.activeDeadlineSeconds !== undefined)
      limits.push(Number(substitute(String(t.activeDeadlineSeconds), scope, 'activeDeadlineSeconds')) * 1000);
    const stepDeadline = Math.min(...limits);
    const controller = new AbortController();
    const onWorkflowDeadline = (): void => controller.abort(new Error('workflow deadline'));
    this.deadline.signal.addEventListener('abort', onWorkflowDeadline, { once: true });
    if (this.deadline.signal.aborted) controller.abort();
    const timer = Number.isFinite(stepDeadline)
      ? setTimeout(() => controller.abort(new Error('step deadline')), stepDeadline)
      : undefined;
    const logFile = this.o.logPath(node.id);
    await mkdir(dirname(logFile), { recursive: true });
    const logStream = createWriteStream(logFile, { flags: 'a' });
    const tap = new StepLogTap(logStream);
    let exitCode: number | undefined;
    let error: unknown;
    try {
      exitCode = await this.execute(argv, env, {
        inputsDir,
        outputsDir,
        signal: controller.signal,
        logStream,
        tap,
        cwd: t.container?.workingDir ?? nodeDir,
      });
    } catch (e) {
      error = e;
    } finally {
      if (timer) clearTimeout(timer);
      this.deadline.signal.removeEventListener('abort', onWorkflowDeadline);
      await new Promise<void>((resolve) => logStream.end(resolve));
    }
    if (controller.signal.aborted) {
      return this.finishNode(node, {
        phase: 'Failed',
        message: 'Step exceeded its deadline',
        outputs: EMPTY_OUTPUTS(),
      });
    }
    if (error !== undefined) {
      return this.finishNode(node, {
        phase: 'Error',
        exitCode: 1,
        message: describeError(error),
        outputs: { ...EMPTY_OUTPUTS(), exitCode: 1 },
      });
    }
    const code = exitCode ?? 1;
    const outputs: Outputs = { ...EMPTY_OUTPUTS(), exitCode: code };
    if (code !== 0) {
      const entry = describeExitCode(code);
      const reason = tap.lastReason;
      return this.finishNode(node, {
        phase: 'Failed',
        exitCode: code,
        message: `exit code ${code}${entry ? ` (${entry.name})` : ''}${reason ? `: ${reason}` : ''}`,
        outputs,
      });
    }
    try {
      await this.collectOutputs(t, scope, mapPath, node.id, outputs, resolved.label);
    } catch (e) {
      return this.finishNode(node, { phase: 'Error', exitCode: code, message: describeError(e), outputs });
    }
    return this.finishNode(node, { phase: 'Succeeded', exitCode: code, outputs });
  }

  private async execute(
    argv: string[],
    env: Record<string, string>,
    io: {
      inputsDir: string;
      outputsDir: string;
      signal: AbortSignal;
      logStream: NodeJS.WritableStream;
      tap: StepLogTap;
      cwd: string;
    },
  ): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined) throw new WorkflowDefinitionError('container has neither command nor args');
    if (command === 'thoth-step') {
      const [stepName, ...stepArgs] = rest;
      const step = this.o.registry.get(stepName ?? '');
      if (step === undefined)
        throw new WorkflowDefinitionError(`step "${stepName}" is not in the step registry`);
      const log = pino({ level: 'debug', base: { step: step.name } }, io.tap.pinoDestination());
      const run = step.run(stepArgs, {
        inputsDir: io.inputsDir,
        outputsDir: io.outputsDir,
        log,
        signal: io.signal,
      });
      // A step that ignores its signal cannot be killed in process: stop waiting for it instead.
      const aborted = new Promise<number>((_resolve, reject) => {
        if (io.signal.aborted) reject(io.signal.reason);
        io.signal.addEventListener('abort', () => reject(io.signal.reason), { once: true });
      });
      aborted.catch(() => undefined);
      run.catch(() => undefined);
      return Promise.race([run, aborted]);
    }
    return new Promise<number>((resolve, reject) => {
      const child = spawn(command, rest, {
        cwd: io.cwd,
        env: { ...process.env, ...env, THOTH_INPUTS_DIR: io.inputsDir, THOTH_OUTPUTS_DIR: io.outputsDir },
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: io.signal,
      });
      child.stdout.pipe(io.logStream, { end: false });
      child.stderr.on('data', (chunk: Buffer) => io.tap.stderr(chunk));
      child.on('error', (e) => (io.signal.aborted ? reject(io.signal.reason) : reject(e)));
      child.on('close', (code, signal) => {
        if (io.signal.aborted) reject(io.signal.reason);
        else resolve(code ?? (signal ? 128 + 9 : 1));
      });
    });
  }

  private async materializeInputs(
    artifacts: Artifact[],
    args: CallArgs,
    scope: Scope,
    mapPath: (p: string) => string,
    label: string,
  ): Promise<void> {
    for (const a of artifacts) {
      if (a.path === undefined) continue;
      const target = mapPath(a.path);
      const given = args.artifacts.get(a.name);
      if (given?.unresolved !== undefined) {
        if (a.optional) continue;
        throw new WorkflowDefinitionError(`${label}: input artifact "${a.name}": ${given.unresolved}`);
      }
      const raw = given?.raw ?? a.raw?.data;
      const key =
        given?.key ??
        (a.s3?.key !== undefined
          ? substitute(a.s3.key, scope, `${label}.inputs.artifacts.${a.name}`)
          : undefined);
      await mkdir(dirname(target), { recursive: true });
      if (raw !== undefined) {
        await writeFile(target, substitute(raw, scope, `${label}.inputs.artifacts.${a.name}.raw`));
        continue;
      }
      if (key === undefined) {
        if (a.optional) continue;
        throw new WorkflowDefinitionError(`${label}: input artifact "${a.name}" has no source`);
      }
      if (await this.o.store.exists(key)) {
        await writeFile(target, await this.o.store.get(key));
        continue;
      }
      // A directory artifact is stored as one object per file under `<key>/`.
      let found = false;
      for await (const info of this.o.store.list(`${key}/`)) {
        found = true;
        const file = join(target, info.key.slice(key.length + 1));
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, await this.o.store.get(info.key));
      }
      if (!found && !a.optional)
        throw new WorkflowDefinitionError(
          `${label}: input artifact "${a.name}": nothing stored under ${key}`,
        );
    }
  }

  private async collectOutputs(
    t: Template,
    scope: Map<string, string>,
    mapPath: (p: string) => string,
    nodeId: string,
    outputs: Outputs,
    label: string,
  ): Promise<void> {
    for (const p of t.outputs?.parameters ?? []) {
      const path = p.valueFrom?.path;
      if (path === undefined) {
        if (p.value !== undefined)
          outputs.parameters[p.name] = substitute(p.value, scope, `${label}.outputs.${p.name}`);
        continue;
      }
      try {
        // Argo's executor drops one trailing newline, so `echo x > file` yields "x".
        outputs.parameters[p.name] = (await readFile(mapPath(path), 'utf8')).replace(/\r?\n$/, '');
      } catch (error) {
        if (p.valueFrom?.default !== undefined) outputs.parameters[p.name] = p.valueFrom.default;
        else
          throw new WorkflowDefinitionError(
            `${label}: output parameter "${p.name}": cannot read ${path}: ${(error as Error).message}`,
          );
      }
    }
    for (const a of t.outputs?.artifacts ?? []) {
      if (a.path === undefined) continue;
      const source = mapPath(a.path);
      const key =
        a.s3?.key !== undefined
          ? substitute(a.s3.key, scope, `${label}.outputs.artifacts.${a.name}`)
          : this.o.defaultArtifactKey(this.o.workflowName, nodeId, a.name);
      const info = await stat(source).catch(() => undefined);
      if (info === undefined) {
        if (a.optional) continue;
        throw new WorkflowDefinitionError(`${label}: output artifact "${a.name}": ${a.path} was not written`);
      }
      if (info.isDirectory()) {
        for (const file of await listFiles(source))
          await this.o.store.put(
            `${key}/${relative(source, file).split('\\').join('/')}`,
            await readFile(file),
          );
      } else {
        await this.o.store.put(key, await readFile(source));
      }
      outputs.artifacts[a.name] = key;
    }
  }

  // ---------------------------------------------------------------- DAG and steps

  /** The scope entries a finished task contributes: `<prefix>.outputs.parameters.x`, artifacts, status, exitCode. */
  private publish(scope: Map<string, string>, prefix: string, outcome: Outcome, children?: Outcome[]): void {
    scope.set(`${prefix}.status`, outcome.phase);
    if (children !== undefined) {
      // A fanned-out task's parameter is the JSON list of its children's values (Argo's aggregation).
      const names = new Set(children.flatMap((c) => Object.keys(c.outputs.parameters)));
      for (const n of names)
        scope.set(
          `${prefix}.outputs.parameters.${n}`,
          JSON.stringify(children.map((c) => c.outputs.parameters[n] ?? null)),
        );
      return;
    }
    for (const [k, v] of Object.entries(outcome.outputs.parameters))
      scope.set(`${prefix}.outputs.parameters.${k}`, v);
    for (const [k, v] of Object.entries(outcome.outputs.artifacts))
      scope.set(`${prefix}.outputs.artifacts.${k}`, v);
    if (outcome.outputs.exitCode !== undefined)
      scope.set(`${prefix}.exitCode`, String(outcome.outputs.exitCode));
  }

  /** Items of withItems / withParam / withSequence after substitution, or undefined for a single call. */
  private expand(task: DagTask | WorkflowStep, scope: Scope, where: string): unknown[] | undefined {
    if (task.withItems !== undefined) return task.withItems as unknown[];
    if (task.withParam !== undefined) {
      const text = substitute(task.withParam, scope, `${where}.withParam`);
      const parsed = JSON.parse(text) as unknown;
      if (!Array.isArray(parsed))
        throw new WorkflowDefinitionError(`${where}: withParam is not a JSON list: ${text}`);
      return parsed;
    }
    if (task.withSequence !== undefined) {
      const s = task.withSequence;
      const num = (v: unknown): number => Number(substitute(String(v), scope, `${where}.withSequence`));
      const start = s.start === undefined ? 0 : num(s.start);
      const end = s.end !== undefined ? num(s.end) : start + num(s.count ?? 0) - 1;
      const items: string[] = [];
      for (let i = start; start <= end ? i <= end : i >= end; i += start <= end ? 1 : -1)
        items.push(String(i));
      return items;
    }
    return undefined;
  }

  private itemScope(scope: Map<string, string>, item: unknown): Map<string, string> {
    const s = new Map(scope);
    s.set('item', typeof item === 'string' ? item : JSON.stringify(item));
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      for (const [k, v] of Object.entries(item))
        s.set(`item.${k}`, typeof v === 'string' ? v : JSON.stringify(v));
    }
    return s;
  }

  private callArgs(task: DagTask | WorkflowStep, scope: Scope, where: string): CallArgs {
    const parameters = new Map<string, string>();
    for (const p of task.arguments?.parameters ?? []) {
      const value = p.value ?? p.default;
      if (value === undefined)
        throw new WorkflowDefinitionError(`${where}: argument "${p.name}" has no value`);
      parameters.set(p.name, substitute(value, scope, `${where}.arguments.${p.name}`));
    }
    const artifacts = new Map<string, ArtifactArg>();
    for (const a of task.arguments?.artifacts ?? []) {
      if (a.from !== undefined) {
        // An optional output that was not written (or a task that did not run) leaves `from` with
        // nothing to name. Argo then omits the input when the template declares it optional
        // (argo-workflows#4647) and fails the node otherwise; the input's template decides, later.
        try {
          artifacts.set(a.name, {
            key: substitute(a.from, scope, `${where}.arguments.artifacts.${a.name}`),
          });
        } catch (error) {
          if (!(error instanceof WorkflowDefinitionError)) throw error;
          artifacts.set(a.name, { unresolved: error.message });
        }
      } else if (a.s3?.key !== undefined)
        artifacts.set(a.name, { key: substitute(a.s3.key, scope, `${where}.arguments.artifacts.${a.name}`) });
      else if (a.raw?.data !== undefined)
        artifacts.set(a.name, {
          raw: substitute(a.raw.data, scope, `${where}.arguments.artifacts.${a.name}`),
        });
    }
    return { parameters, artifacts };
  }

  /** Run one task or step: when, fan-out, the template, its task-level onExit. */
  private async runCall(
    task: DagTask | WorkflowStep,
    owner: LoadedResource,
    scope: Map<string, string>,
    nodeName: string,
    displayName: string,
  ): Promise<{ outcome: Outcome; children?: Outcome[] }> {
    const where = `${owner.name}.${task.name}`;
    let items: unknown[] | undefined;
    let resolved: Resolved;
    try {
      if (task.when !== undefined) {
        const condition = substitute(task.when, scope, `${where}.when`);
        if (!evaluate(condition, { bareWordsAreStrings: true })) {
          const node = this.startNode(nodeName, displayName, task.template ?? '', 'Skipped');
          return {
            outcome: this.finishNode(node, {
              phase: 'Skipped',
              message: `when '${condition}' evaluated false`,
              outputs: EMPTY_OUTPUTS(),
            }),
          };
        }
      }
      items = this.expand(task, scope, where);
      resolved = this.resolve(task, owner);
    } catch (error) {
      const node = this.startNode(nodeName, displayName, task.template ?? '', 'Pod');
      return {
        outcome: this.finishNode(node, {
          phase: 'Error',
          message: describeError(error),
          outputs: EMPTY_OUTPUTS(),
        }),
      };
    }
    const callOne = async (s: Map<string, string>, name: string, display: string): Promise<Outcome> => {
      let args: CallArgs;
      try {
        args = this.callArgs(task, s, where);
      } catch (error) {
        const node = this.startNode(name, display, resolved.label, 'Pod');
        return this.finishNode(node, {
          phase: 'Error',
          message: describeError(error),
          outputs: EMPTY_OUTPUTS(),
        });
      }
      const outcome = await this.runTemplate(resolved, args, name, display);
      if (task.onExit !== undefined) {
        await this.runTemplate(
          this.resolve({ template: task.onExit }, owner),
          { parameters: new Map(), artifacts: new Map() },
          `${name}.onExit`,
          `${display}.onExit`,
        );
      }
      return outcome;
    };
    if (items === undefined) return { outcome: await callOne(scope, nodeName, displayName) };
    const group = this.startNode(nodeName, displayName, resolved.label, 'TaskGroup');
    const children = await Promise.all(
      items.map((item, i) => {
        const label =
          typeof item === 'string' || typeof item === 'number' ? String(item) : JSON.stringify(item);
        return callOne(
          this.itemScope(scope, item),
          `${nodeName}(${i}:${label})`,
          `${displayName}(${i}:${label})`,
        );
      }),
    );
    const failed = children.find((c) => isFailedOrError(c.phase));
    const phase: NodePhase = items.length === 0 ? 'Skipped' : failed ? failed.phase : 'Succeeded';
    const outcome = this.finishNode(group, {
      phase,
      ...(failed?.message ? { message: failed.message } : {}),
      outputs: EMPTY_OUTPUTS(),
    });
    return { outcome, children };
  }

  private async runDag(
    resolved: Resolved,
    scope: Map<string, string>,
    nodeName: string,
    displayName: string,
  ): Promise<Outcome> {
    const node = this.startNode(nodeName, displayName, resolved.label, 'DAG');
    const tasks = resolved.template.dag?.tasks ?? [];
    const byName = new Map(tasks.map((t) => [t.name, t]));
    const depsOf = (t: DagTask): string[] => {
      if (t.depends !== undefined)
        return [
          ...new Set(
            [...t.depends.matchAll(/[A-Za-z0-9_-]+(?=\.|\s|\)|$)/g)]
              .map((m) => m[0])
              .filter((n) => byName.has(n)),
          ),
        ];
      return t.dependencies ?? [];
    };
    for (const t of tasks) {
      for (const d of depsOf(t))
        if (!byName.has(d))
          return this.finishNode(node, {
            phase: 'Error',
            message: `task ${t.name} depends on unknown task ${d}`,
            outputs: EMPTY_OUTPUTS(),
          });
    }
    const phases = new Map<string, { phase: NodePhase; message?: string; children?: Outcome[] }>();
    const running = new Map<string, Promise<void>>();
    const taskScope = new Map(scope);
    const ready = (t: DagTask): boolean => depsOf(t).every((d) => phases.has(d));
    const dependsHolds = (t: DagTask): boolean => {
      if (t.depends !== undefined) {
        const variables = new Map<string, boolean>();
        for (const d of depsOf(t)) {
          const r = phases.get(d);
          const p = r?.phase;
          const kids = r?.children ?? [];
          variables.set(d, p === 'Succeeded' || p === 'Skipped');
          variables.set(`${d}.Succeeded`, p === 'Succeeded');
          variables.set(`${d}.Failed`, p === 'Failed');
          variables.set(`${d}.Errored`, p === 'Error');
          variables.set(`${d}.Skipped`, p === 'Skipped');
          variables.set(`${d}.Omitted`, p === 'Omitted');
          variables.set(`${d}.Daemoned`, false);
          variables.set(
            `${d}.AnySucceeded`,
            kids.some((k) => k.phase === 'Succeeded'),
          );
          variables.set(`${d}.AllFailed`, kids.length > 0 && kids.every((k) => k.phase === 'Failed'));
        }
        return evaluate(t.depends, { variables });
      }
      // `dependencies`: every one succeeded or was skipped, or failed/errored with continueOn set.
      return (t.dependencies ?? []).every((d) => {
        const p = phases.get(d)?.phase;
        const dep = byName.get(d);
        return (
          p === 'Succeeded' ||
          p === 'Skipped' ||
          (p === 'Failed' && dep?.continueOn?.failed === true) ||
          (p === 'Error' && dep?.continueOn?.error === true)
        );
      });
    };
    for (;;) {
      for (const t of tasks) {
        if (phases.has(t.name) || running.has(t.name) || !ready(t)) continue;
        let holds: boolean;
        try {
          holds = dependsHolds(t);
        } catch (error) {
          return this.finishNode(node, {
            phase: 'Error',
            message: describeError(error),
            outputs: EMPTY_OUTPUTS(),
          });
        }
        if (!holds) {
          const omitted = this.startNode(
            `${nodeName}.${t.name}`,
            `${displayName}.${t.name}`,
            t.template ?? t.templateRef?.template ?? '',
            'Skipped',
          );
          this.finishNode(omitted, {
            phase: 'Omitted',
            message: 'omitted: depends condition not met',
            outputs: EMPTY_OUTPUTS(),
          });
          phases.set(t.name, { phase: 'Omitted' });
          continue;
        }
        running.set(
          t.name,
          this.runCall(
            t,
            resolved.owner,
            taskScope,
            `${nodeName}.${t.name}`,
            `${displayName}.${t.name}`,
          ).then(({ outcome, children }) => {
            this.publish(taskScope, `tasks.${t.name}`, outcome, children);
            phases.set(t.name, {
              phase: outcome.phase,
              ...(outcome.message === undefined ? {} : { message: outcome.message }),
              ...(children === undefined ? {} : { children }),
            });
            running.delete(t.name);
          }),
        );
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    // Argo's assessDAGPhase: a leaf that did not run inherits the worst phase of the branch above it.
    // The failing task's own message travels up with it, so the workflow says why it failed.
    interface Effective {
      phase: NodePhase;
      /** The task whose failure this is, and its message. */
      task?: string;
      message?: string;
    }
    const effective = new Map<string, Effective>();
    const effectiveOf = (name: string): Effective => {
      const known = effective.get(name);
      if (known !== undefined) return known;
      const own = phases.get(name);
      const ownPhase = own?.phase ?? 'Omitted';
      let result: Effective = {
        phase: ownPhase,
        task: name,
        ...(own?.message === undefined ? {} : { message: own.message }),
      };
      if (ownPhase === 'Skipped' || ownPhase === 'Omitted') {
        const parents = depsOf(byName.get(name) as DagTask).map(effectiveOf);
        result = parents.find((p) => isFailedOrError(p.phase)) ?? { phase: 'Succeeded' };
      }
      effective.set(name, result);
      return result;
    };
    const dependedOn = new Set(tasks.flatMap(depsOf));
    let phase: NodePhase = 'Succeeded';
    let message: string | undefined;
    for (const t of tasks.filter((x) => !dependedOn.has(x.name))) {
      const e = effectiveOf(t.name);
      const p = e.phase;
      if (!isFailedOrError(p)) continue;
      if ((p === 'Failed' && t.continueOn?.failed) || (p === 'Error' && t.continueOn?.error)) continue;
      phase = p;
      message = `task ${e.task ?? t.name} ${p === 'Error' ? 'errored' : 'failed'}${e.message ? `: ${e.message}` : ''}`;
      break;
    }
    const outputs = this.templateOutputs(resolved, taskScope);
    return this.finishNode(node, { phase, ...(message ? { message } : {}), outputs });
  }

  private async runSteps(
    resolved: Resolved,
    scope: Map<string, string>,
    nodeName: string,
    displayName: string,
  ): Promise<Outcome> {
    const node = this.startNode(nodeName, displayName, resolved.label, 'Steps');
    const stepScope = new Map(scope);
    const groups = resolved.template.steps ?? [];
    for (const [i, group] of groups.entries()) {
      const results = await Promise.all(
        group.map((step) =>
          this.runCall(
            step,
            resolved.owner,
            stepScope,
            `${nodeName}[${i}].${step.name}`,
            `${displayName}[${i}].${step.name}`,
          ),
        ),
      );
      let failed: { step: WorkflowStep; phase: NodePhase; message?: string } | undefined;
      results.forEach(({ outcome, children }, j) => {
        const step = group[j] as WorkflowStep;
        this.publish(stepScope, `steps.${step.name}`, outcome, children);
        const p = outcome.phase;
        if (
          isFailedOrError(p) &&
          !((p === 'Failed' && step.continueOn?.failed) || (p === 'Error' && step.continueOn?.error))
        ) {
          failed ??= { step, phase: p, ...(outcome.message ? { message: outcome.message } : {}) };
        }
      });
      if (failed) {
        return this.finishNode(node, {
          phase: failed.phase,
          message: `step ${failed.step.name} ${failed.phase === 'Error' ? 'errored' : 'failed'}${failed.message ? `: ${failed.message}` : ''}`,
          outputs: EMPTY_OUTPUTS(),
        });
      }
    }
    return this.finishNode(node, { phase: 'Succeeded', outputs: this.templateOutputs(resolved, stepScope) });
  }

  /** A dag/steps template's outputs: parameters by `valueFrom.parameter`, artifacts by `from`. */
  private templateOutputs(resolved: Resolved, scope: Scope): Outputs {
    const outputs = EMPTY_OUTPUTS();
    for (const p of resolved.template.outputs?.parameters ?? []) {
      const source = p.valueFrom?.parameter ?? p.value;
      if (source === undefined) continue;
      try {
        outputs.parameters[p.name] = substitute(source, scope, `${resolved.label}.outputs.${p.name}`);
      } catch (error) {
        if (p.valueFrom?.default !== undefined) outputs.parameters[p.name] = p.valueFrom.default;
        else throw error;
      }
    }
    for (const a of resolved.template.outputs?.artifacts ?? []) {
      if (a.from !== undefined)
        outputs.artifacts[a.name] = substitute(
          a.from,
          scope,
          `${resolved.label}.outputs.artifacts.${a.name}`,
        );
    }
    return outputs;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/** Deep merge for templateDefaults: objects merge key by key, anything else from `over` wins. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = result[k];
    result[k] =
      b !== null &&
      typeof b === 'object' &&
      !Array.isArray(b) &&
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return result;
}
