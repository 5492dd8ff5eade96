// Translation from an Argo Workflow object (REST answer or custom resource) to the port's
// WorkflowStatus, shared by both Argo-backed engines.
import type { ArgoWorkflow } from '../argo-client/index.js';
import type { NodePhase, WorkflowNodeStatus, WorkflowPhase, WorkflowStatus } from '../types.js';

/** Label Argo puts on workflows submitted from a WorkflowTemplate. */
export const TEMPLATE_LABEL = 'workflows.argoproj.io/workflow-template';

const WORKFLOW_PHASES = new Set<string>(['Pending', 'Running', 'Succeeded', 'Failed', 'Error']);
const NODE_PHASES = new Set<string>([...WORKFLOW_PHASES, 'Skipped', 'Omitted']);

/** Argo leaves `status.phase` empty until the controller first sees the workflow: that is Pending. */
export function toWorkflowPhase(phase: string | undefined): WorkflowPhase {
  return phase !== undefined && WORKFLOW_PHASES.has(phase) ? (phase as WorkflowPhase) : 'Pending';
}

export function isFinalPhase(phase: WorkflowPhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
}

/** The port's view of an Argo workflow. */
export function toWorkflowStatus(wf: ArgoWorkflow): WorkflowStatus {
  const status = wf.status ?? {};
  const parameters: Record<string, string> = {};
  for (const p of wf.spec.arguments?.parameters ?? [])
    if (p.value !== undefined) parameters[p.name] = p.value;
  const nodes: WorkflowNodeStatus[] = Object.values(status.nodes ?? {}).map((n) => {
    const node: WorkflowNodeStatus = {
      id: n.id,
      name: n.displayName ?? n.name,
      templateName: n.templateRef
        ? `${n.templateRef.name}/${n.templateRef.template}`
        : (n.templateName ?? ''),
      type: n.type,
      phase: n.phase !== undefined && NODE_PHASES.has(n.phase) ? (n.phase as NodePhase) : 'Pending',
    };
    if (n.message) node.message = n.message;
    if (n.startedAt) node.startedAt = n.startedAt;
    if (n.finishedAt) node.finishedAt = n.finishedAt;
    if (n.outputs?.exitCode !== undefined && n.outputs.exitCode !== '')
      node.exitCode = Number(n.outputs.exitCode);
    const outputs = Object.fromEntries(
      (n.outputs?.parameters ?? [])
        .filter((p) => p.value !== undefined)
        .map((p) => [p.name, p.value as string]),
    );
    if (Object.keys(outputs).length > 0) node.outputs = outputs;
    return node;
  });
  const result: WorkflowStatus = {
    name: wf.metadata.name ?? '',
    phase: toWorkflowPhase(status.phase),
    parameters,
    labels: { ...(wf.metadata.labels ?? {}) },
    nodes,
  };
  const template = wf.metadata.labels?.[TEMPLATE_LABEL] ?? wf.spec.workflowTemplateRef?.name;
  if (template !== undefined) result.template = template;
  if (status.message) result.message = status.message;
  if (status.startedAt) result.startedAt = status.startedAt;
  if (status.finishedAt) result.finishedAt = status.finishedAt;
  return result;
}
