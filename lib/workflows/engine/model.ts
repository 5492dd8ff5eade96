// The Argo resource shapes the local engine reads, taken from the generated Argo types so a field
// name can never drift from Argo's own.
import type { components } from '@argoproj/argo-client';

type S = components['schemas'];
export type Template = S['io.argoproj.workflow.v1alpha1.Template'];
export type WorkflowSpec = S['io.argoproj.workflow.v1alpha1.WorkflowSpec'];
export type DagTask = S['io.argoproj.workflow.v1alpha1.DAGTask'];
export type WorkflowStep = S['io.argoproj.workflow.v1alpha1.WorkflowStep'];
export type Parameter = S['io.argoproj.workflow.v1alpha1.Parameter'];
export type Artifact = S['io.argoproj.workflow.v1alpha1.Artifact'];
export type Arguments = S['io.argoproj.workflow.v1alpha1.Arguments'];
export type RetryStrategy = S['io.argoproj.workflow.v1alpha1.RetryStrategy'];
export type Synchronization = S['io.argoproj.workflow.v1alpha1.Synchronization'];
export type TemplateRef = S['io.argoproj.workflow.v1alpha1.TemplateRef'];

/** Where pods read inputs and write outputs; the local engine maps both to per-node directories. */
export const POD_INPUTS_DIR = '/tmp/inputs';
export const POD_OUTPUTS_DIR = '/tmp/outputs';

/** One WorkflowTemplate, Workflow or CronWorkflow read from a file. */
export interface LoadedResource {
  kind: 'WorkflowTemplate' | 'Workflow' | 'CronWorkflow';
  name: string;
  file: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** For a CronWorkflow, its `spec.workflowSpec`. */
  spec: WorkflowSpec;
}

/** Every resource of a workflows/ directory, by name. */
export interface Catalogue {
  workflowTemplates: Map<string, LoadedResource>;
  cronWorkflows: Map<string, LoadedResource>;
  workflows: Map<string, LoadedResource>;
}
