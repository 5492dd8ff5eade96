// Public face of the local workflow engine: the engine, the loader and the run-record reader.
export { LocalWorkflowEngine } from './local-engine.js';
export type { LocalEngineConfig } from './local-engine.js';
export { loadWorkflowDirectory, loadWorkflowSources } from './loader.js';
export type { Catalogue, LoadedResource } from './model.js';
export { RunStateStore } from './state.js';
export type { RunRecord } from './state.js';
export { RESOURCE_SHAPES } from './supported.js';
export { evaluate, parseDurationMs, substitute } from './expressions.js';
