// Public face of failure reporting: the schema-shaped derivation and its prose rendering.
export {
  missingKnowledgeMessage,
  proofOrder,
  termSpecifier,
  toDerivation,
  unsolvedLeaves,
} from './derivation.js';
export { renderProse } from './prose.js';
export type { ProseOptions } from './prose.js';
