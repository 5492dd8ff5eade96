// Public face of the Kubernetes submission path (Workflow resources through @kubernetes/client-node),
// kept apart from lib/workflows/index.ts so that importing the workflows library does not load the
// Kubernetes client (about a second of start-up) unless this path is used.
export { KubernetesWorkflowEngine, toWorkflowResource } from './argo/kubernetes-engine.js';
export type { KubernetesEngineConfig } from './argo/kubernetes-engine.js';
