// Builds the pipeline of one run: every registered unit asked shouldInclude once (the original
// iterated to a fixed point so units could depend on each other; none of ours do yet), or an
// explicit list of {name, configuration} that bypasses shouldInclude. Package-specific units come
// first within a type, as the original dispatched them.
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

export function buildPipeline(
  builder: BuilderContext,
  options: { units?: readonly UnitDefinition[]; explicit?: readonly ExplicitUnit[] } = {},
): Pipeline {
  const pipeline: Pipeline = { boots: [], pseudonyms: [], sieves: [], steps: [], strides: [], wraps: [] };
  const add = (definition: UnitDefinition, configuration: Record<string, unknown>): void => {
    (pipeline[KEYS[definition.type]] as unknown[]).push(definition.create(configuration));
  };
  if (options.explicit !== undefined) {
    for (const e of options.explicit) {
      const definition = (options.units ?? UNITS).find((u) => u.id === e.name) ?? findUnit(e.name);
      if (definition === undefined) {
        throw new InputError(`unknown adviser unit ${JSON.stringify(e.name)}`, { context: { unit: e.name } });
      }
      add(definition, e.configuration ?? {});
    }
  } else {
    for (const definition of options.units ?? UNITS) {
      for (const configuration of definition.shouldInclude(builder)) add(definition, configuration);
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
