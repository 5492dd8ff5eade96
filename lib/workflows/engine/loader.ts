// Reads a workflows/ directory (every *.yaml, multi-document) into a Catalogue and checks it once,
// at load time: unsupported Argo features are refused (supported.ts), references to templates that
// do not exist and file paths outside the /tmp/inputs, /tmp/outputs convention are errors, and
// `{{=…}}` expression tags are refused. After loading, running never meets an unknown construct.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { UnsupportedFeatureError, WorkflowDefinitionError } from '../errors.js';
import type {
  Catalogue,
  DagTask,
  LoadedResource,
  Template,
  TemplateRef,
  WorkflowSpec,
  WorkflowStep,
} from './model.js';
import { POD_INPUTS_DIR, POD_OUTPUTS_DIR } from './model.js';
import { checkSupported } from './supported.js';

/** Load every YAML file of `dir` (not recursive). Non-Argo kinds are refused too: workflows/ holds only pipelines. */
export async function loadWorkflowDirectory(dir: string): Promise<Catalogue> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const sources = await Promise.all(
    files.map(async (f) => ({ file: f, text: await readFile(join(dir, f), 'utf8') })),
  );
  return loadWorkflowSources(sources);
}

/** Load from in-memory sources (`file` is only used in messages). */
export function loadWorkflowSources(sources: { file: string; text: string }[]): Catalogue {
  const catalogue: Catalogue = {
    workflowTemplates: new Map(),
    cronWorkflows: new Map(),
    workflows: new Map(),
  };
  for (const { file, text } of sources) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        throw new WorkflowDefinitionError(`${file}: ${e?.message ?? 'invalid YAML'}`, { file });
      }
      const raw = doc.toJS() as Record<string, unknown> | null;
      if (raw === null) continue;
      const resource = toResource(raw, file);
      const map =
        resource.kind === 'WorkflowTemplate'
          ? catalogue.workflowTemplates
          : resource.kind === 'CronWorkflow'
            ? catalogue.cronWorkflows
            : catalogue.workflows;
      if (map.has(resource.name)) {
        throw new WorkflowDefinitionError(`${resource.kind} ${resource.name} is defined twice (${file})`, {
          file,
        });
      }
      map.set(resource.name, resource);
    }
  }
  for (const resource of allResources(catalogue)) checkReferences(resource, catalogue);
  return catalogue;
}

export function allResources(catalogue: Catalogue): LoadedResource[] {
  return [
    ...catalogue.workflowTemplates.values(),
    ...catalogue.cronWorkflows.values(),
    ...catalogue.workflows.values(),
  ];
}

function toResource(raw: Record<string, unknown>, file: string): LoadedResource {
  const kind = raw.kind;
  const metadata = (raw.metadata ?? {}) as {
    name?: string;
    generateName?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  const name = metadata.name ?? metadata.generateName ?? '';
  if (typeof kind !== 'string')
    throw new WorkflowDefinitionError(`${file}: a document without kind`, { file });
  if (raw.apiVersion !== 'argoproj.io/v1alpha1') {
    throw new UnsupportedFeatureError(`apiVersion ${String(raw.apiVersion)} (kind ${kind})`, {
      file,
      resource: name,
    });
  }
  checkSupported(kind, raw, { file, resource: name });
  if (name === '') throw new WorkflowDefinitionError(`${file}: ${kind} without metadata.name`, { file });
  const spec = (
    kind === 'CronWorkflow' ? (raw.spec as { workflowSpec?: WorkflowSpec }).workflowSpec : raw.spec
  ) as WorkflowSpec | undefined;
  if (spec === undefined) throw new WorkflowDefinitionError(`${file}: ${kind} ${name} has no spec`, { file });
  const text = JSON.stringify(raw);
  if (/\{\{=/.test(text)) {
    throw new UnsupportedFeatureError('expression tags {{=…}}', { file, resource: name });
  }
  return {
    kind: kind as LoadedResource['kind'],
    name,
    file,
    annotations: metadata.annotations ?? {},
    labels: metadata.labels ?? {},
    spec,
  };
}

/** The templates a reference can name from inside `resource`. */
function templatesOf(spec: WorkflowSpec): Map<string, Template> {
  return new Map((spec.templates ?? []).map((t) => [t.name ?? '', t]));
}

function checkReferences(resource: LoadedResource, catalogue: Catalogue): void {
  const where = (template?: string): Record<string, unknown> => ({
    file: resource.file,
    resource: resource.name,
    template,
  });
  const own = templatesOf(resource.spec);
  const refTarget = (ref: TemplateRef, template: string): void => {
    const owner = catalogue.workflowTemplates.get(ref.name ?? '');
    if (owner === undefined) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${template}: templateRef to unknown WorkflowTemplate "${ref.name}"`,
        where(template),
      );
    }
    if (!templatesOf(owner.spec).has(ref.template ?? '')) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${template}: templateRef to unknown template "${ref.template}" of ${ref.name}`,
        where(template),
      );
    }
  };
  const refOf = (task: DagTask | WorkflowStep, template: string): void => {
    // Argo's validation refuses this pair ("cannot use 'continueOn' when using 'depends'"): the
    // depends expression says which outcomes of a task its dependents accept.
    if ('depends' in task && task.depends !== undefined && task.continueOn !== undefined) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${template}: task "${task.name}" cannot use continueOn with depends; use <task>.Failed / <task>.Errored in depends`,
        where(template),
      );
    }
    if (task.templateRef) refTarget(task.templateRef, template);
    else if (task.template !== undefined && !own.has(task.template)) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${template}: unknown template "${task.template}"`,
        where(template),
      );
    } else if (task.template === undefined) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${template}: task "${task.name}" names no template`,
        where(template),
      );
    }
    if (task.onExit !== undefined && !own.has(task.onExit)) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${template}: unknown onExit template "${task.onExit}"`,
        where(template),
      );
    }
  };
  if (resource.kind !== 'WorkflowTemplate' || resource.spec.entrypoint !== undefined) {
    const entry = resource.spec.entrypoint;
    if (entry === undefined && resource.spec.workflowTemplateRef === undefined) {
      throw new WorkflowDefinitionError(`${resource.name}: no entrypoint`, where());
    }
    if (entry !== undefined && !own.has(entry)) {
      throw new WorkflowDefinitionError(`${resource.name}: entrypoint "${entry}" is not a template`, where());
    }
  }
  if (resource.spec.onExit !== undefined && !own.has(resource.spec.onExit)) {
    throw new WorkflowDefinitionError(
      `${resource.name}: onExit "${resource.spec.onExit}" is not a template`,
      where(),
    );
  }
  for (const t of resource.spec.templates ?? []) {
    const name = t.name ?? '';
    const types = ['container', 'dag', 'steps'].filter(
      (k) => (t as Record<string, unknown>)[k] !== undefined,
    );
    if (types.length !== 1) {
      throw new WorkflowDefinitionError(
        `${resource.name}/${name}: a template needs exactly one of container, dag, steps`,
        where(name),
      );
    }
    for (const task of t.dag?.tasks ?? []) refOf(task, name);
    for (const group of t.steps ?? []) for (const step of group) refOf(step, name);
    for (const a of t.inputs?.artifacts ?? []) {
      if (a.path !== undefined && !a.path.startsWith(`${POD_INPUTS_DIR}/`)) {
        throw new UnsupportedFeatureError(`input artifact path ${a.path} outside ${POD_INPUTS_DIR}/`, {
          file: resource.file,
          resource: resource.name,
          template: name,
        });
      }
    }
    const outputPaths = [
      ...(t.outputs?.artifacts ?? []).filter((a) => a.from === undefined).map((a) => a.path),
      ...(t.outputs?.parameters ?? []).map((p) => p.valueFrom?.path),
    ];
    for (const path of outputPaths) {
      if (path !== undefined && !path.startsWith(`${POD_OUTPUTS_DIR}/`)) {
        throw new UnsupportedFeatureError(`output path ${path} outside ${POD_OUTPUTS_DIR}/`, {
          file: resource.file,
          resource: resource.name,
          template: name,
        });
      }
    }
    const policy = t.retryStrategy?.retryPolicy;
    if (policy !== undefined && !['Always', 'OnFailure', 'OnError'].includes(policy)) {
      throw new UnsupportedFeatureError(`retryPolicy ${policy}`, {
        file: resource.file,
        resource: resource.name,
        template: name,
      });
    }
  }
}
