// Public face of Dependency Monkey: generate N distinct valid stacks (`all`: stable enumeration,
// `random`: seeded sampling) and build the dependency-monkey document.
export const id = 'dependency-monkey';
export const description = 'Generates distinct valid stacks of a requirement set for combinatorial testing';

export { dependencyMonkey, DEFAULT_PREDICTORS } from './generate.js';
export type {
  DecisionType,
  DependencyMonkeyInput,
  DependencyMonkeyOutcome,
  DependencyMonkeyStop,
} from './generate.js';
export { dependencyMonkeyDocument, DEPENDENCY_MONKEY_ANALYZER } from './document.js';
export type { DependencyMonkeyMetadata } from './document.js';
export { createEnumeration, ENUMERATION_PREDICTOR } from './enumeration.js';
