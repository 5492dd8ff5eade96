// Public face of lib/runtime: configuration of a process from its environment and the factories that
// open the ports (graph, artifact store) it names.
export {
  RUNTIME_VARIABLES,
  openDocuments,
  openGraph,
  readRuntimeConfig,
  validateDocument,
} from './config.js';
export type { Env, GraphConfig, RuntimeConfig } from './config.js';
