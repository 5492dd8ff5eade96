// Public face of the Argo REST client: the typed undici client over the generated types of the
// internal package `@argoproj/argo-client` (a tsconfig `paths` entry onto argo.gen.d.ts).
export { ArgoClient } from './client.js';
export type {
  ArgoClientConfig,
  ArgoCreateRequest,
  ArgoError,
  ArgoListQuery,
  ArgoLogEntry,
  ArgoNodeStatus,
  ArgoSubmitRequest,
  ArgoWorkflow,
  ArgoWorkflowList,
  CreateOutcome,
} from './client.js';
