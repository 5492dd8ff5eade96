// Public face of pipeline units: their contract, signals, registry and the pipeline builder.
export { EagerStopPipeline, NotAcceptable, SkipPackage } from './errors.js';
export { buildPipeline } from './pipeline.js';
export { sieveFilter } from './sieve-filter.js';
export type { BuildPipelineOptions, ExplicitUnit, PipelineBuilderContext, PipelineKind } from './pipeline.js';
export { UNITS, findUnit } from './registry.js';
export type {
  Boot,
  BuilderContext,
  Pipeline,
  Pseudonym,
  Sieve,
  Step,
  StepResult,
  Stride,
  UnitContext,
  UnitDefinition,
  UnitType,
  Wrap,
} from './types.js';
