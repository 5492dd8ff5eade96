// Builds the pipeline of one run: every registered unit (built-in first, then prescription units) is
// asked shouldInclude round after round until a full round adds nothing (the original's fixed point,
// reference §3.3), so a unit whose condition names another unit registers in a later round. Or an
// explicit list of {name, configuration} bypasses shouldInclude. Package-specific units come first
// within a type, as the original dispatched them.
import type { RuntimeEnvironment } from '../../contracts/index.js';
import { InputError } from '../../errors/index.js';
import { findUnit, UNITS } from './registry.js';
import type { BuilderContext, Pipeline, UnitDefinition, UnitType } from './types.js';

const KEYS: Record<UnitType, keyof Pipeline> = {
  boot: 'boots',
  pseudonym: 'pseudonyms',
  sieve: 'sieves',
  step: 'steps',
  stride: 'strides',
  wrap: 'wraps',
};

export interface ExplicitUnit {
  name: string;
  configuration?: Record<string, unknown>;
}

/** Which resolution pipeline is being built (prescriptions register per pipeline). */
export type PipelineKind = 'adviser' | 'dependency-monkey';

/** What shouldInclude sees while the builder iterates: the request plus the units included so far. */
export interface PipelineBuilderContext extends BuilderContext {
  pipelineKind: PipelineKind;
  /** Dependency monkey's decision type ('all', 'random'); null for adviser runs. */
  decisionType: string | null;
  /** The full runtime environment of the request (OS, hardware, CUDA, base image), when known. */
  runtimeEnvironment: RuntimeEnvironment | null;
  /** Builder round, from 0. */
  iteration: number;
  /** Whether a unit of this name (a built-in id or '<prescription>.<name>') is already included. */
  isIncluded(unitName: string): boolean;
}

export interface BuildPipelineOptions {
  units?: readonly UnitDefinition[];
  explicit?: readonly ExplicitUnit[];
  /** Units built from prescriptions, asked after the built-in ones in every round. */
  prescriptions?: readonly UnitDefinition[];
  pipelineKind?: PipelineKind;
  decisionType?: string | null;
  runtimeEnvironment?: RuntimeEnvironment | null;
}

export function buildPipeline(builder: BuilderContext, options: BuildPipelineOptions = {}): Pipeline {
  const pipeline: Pipeline = { boots: [], pseudonyms: [], sieves: [], steps: [], strides: [], wraps: [] };
  const add = (definition: UnitDefinition, configuration: Record<string, unknown>): void => {
    (pipeline[KEYS[definition.type]] as unknown[]).push(definition.create(configuration));
  };
  const definitions = [...(options.units ?? UNITS), ...(options.prescriptions ?? [])];
  if (options.explicit !== undefined) {
    for (const e of options.explicit) {
      const definition = definitions.find((u) => u.id === e.name) ?? findUnit(e.name);
      if (definition === undefined) {
        throw new InputError(`unknown adviser unit ${JSON.stringify(e.name)}`, { context: { unit: e.name } });
      }
      add(definition, e.configuration ?? {});
    }
  } else {
    // Each definition is included in the first round its shouldInclude yields configurations and never
    // again (the original asked units to guard against re-inclusion themselves). Instances keep the
    // definitions' order within a type, whatever round included them.
    const included = new Map<UnitDefinition, Array<Record<string, unknown>>>();
    const names = new Set<string>();
    for (let iteration = 0; iteration <= definitions.length; iteration++) {
      const context: PipelineBuilderContext = {
        ...builder,
        pipelineKind: options.pipelineKind ?? 'adviser',
        decisionType: options.decisionType ?? null,
        runtimeEnvironment: options.runtimeEnvironment ?? null,
        iteration,
        isIncluded: (name) => names.has(name),
      };
      const round: UnitDefinition[] = [];
      for (const definition of definitions) {
        if (included.has(definition)) continue;
        const configurations = definition.shouldInclude(context);
        if (configurations.length === 0) continue;
        included.set(definition, configurations);
        round.push(definition);
      }
      // Names become visible at the end of a round, so the result does not depend on list order.
      for (const definition of round) names.add(definition.id);
      if (round.length === 0) break;
    }
    for (const definition of definitions) {
      for (const configuration of included.get(definition) ?? []) add(definition, configuration);
    }
  }
  for (const key of Object.values(KEYS)) {
    const list = pipeline[key] as Array<{ packageName?: string | undefined }>;
    // Stable partition: package-specific units before generic ones.
    list.splice(
      0,
      list.length,
      ...list.filter((u) => u.packageName !== undefined),
      ...list.filter((u) => u.packageName === undefined),
    );
  }
  return pipeline;
}
