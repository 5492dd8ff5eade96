// Builds unit definitions from loaded prescription specs (one builder per unit type), with the load
// warnings and the version ranges advise() checks against the knowledge graph.
import type { UnitDefinition } from '../units/index.js';
import type { LoadedPrescriptions, PrescriptionUnitSpec } from './types.js';
import { bootDefinition } from './units/boot.js';
import type { UnitBuildOptions } from './units/common.js';
import { pseudonymDefinition } from './units/pseudonym.js';
import { sieveDefinition } from './units/sieve.js';
import { stepDefinition } from './units/step.js';
import { strideDefinition } from './units/stride.js';
import { wrapDefinition } from './units/wrap.js';
import { staticWarnings, unitRanges } from './warnings.js';

export type BuildOptions = UnitBuildOptions;

const BUILDERS = {
  boot: bootDefinition,
  pseudonym: pseudonymDefinition,
  sieve: sieveDefinition,
  step: stepDefinition,
  stride: strideDefinition,
  wrap: wrapDefinition,
} as const;

export function unitDefinition(spec: PrescriptionUnitSpec, options: BuildOptions = {}): UnitDefinition {
  return BUILDERS[spec.type](spec, options) as UnitDefinition;
}

export function buildPrescriptions(
  specs: readonly PrescriptionUnitSpec[],
  releases: ReadonlyMap<string, string>,
  options: BuildOptions = {},
): LoadedPrescriptions {
  return {
    sources: [...releases].map(([name, release]) => `${name}@${release}`),
    specs: [...specs],
    units: specs.map((s) => unitDefinition(s, options)),
    warnings: staticWarnings(specs),
    ranges: specs.flatMap(unitRanges),
  };
}
