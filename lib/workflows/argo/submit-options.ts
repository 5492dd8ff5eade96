// How a SubmitRequest becomes Argo's submit options: parameters as "name=value" strings and labels
// as one comma-separated "k=v,k=v" string (the shapes of io.argoproj.workflow.v1alpha1.SubmitOpts).
import { InputError } from '../../errors/index.js';
import type { ArgoSubmitRequest } from '../argo-client/index.js';
import { isValidWorkflowName } from '../names.js';
import type { SubmitRequest } from '../types.js';

export function assertSubmittable(request: SubmitRequest): void {
  if (!isValidWorkflowName(request.name)) {
    throw new InputError(`workflow name "${request.name}" is not a DNS-1123 name of at most 63 characters`, {
      context: { workflow: request.name },
    });
  }
  for (const [key, value] of Object.entries(request.labels ?? {})) {
    // Argo splits the labels string on "," and "=", so neither may appear inside a key or value.
    if (/[,=]/.test(key) || /[,=]/.test(value)) {
      throw new InputError(
        `label ${key}=${value} contains "," or "=", which Argo's submit options cannot carry`,
      );
    }
  }
}

export function toSubmitRequest(namespace: string, request: SubmitRequest): ArgoSubmitRequest {
  assertSubmittable(request);
  const labels = Object.entries(request.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    namespace,
    resourceKind: request.resourceKind ?? 'WorkflowTemplate',
    resourceName: request.template,
    submitOptions: {
      name: request.name,
      parameters: Object.entries(request.parameters ?? {}).map(([k, v]) => `${k}=${v}`),
      ...(labels === '' ? {} : { labels }),
    },
  };
}
