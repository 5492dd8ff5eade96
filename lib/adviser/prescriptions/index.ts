// Public face of prescriptions: declarative pipeline units loaded from YAML (reference §6).
export { loadPrescriptions, prescriptionsFromSources, METADATA_FILE } from './load.js';
export type { PrescriptionSource } from './load.js';
export { buildPrescriptions, unitDefinition } from './build.js';
export type { BuildOptions } from './build.js';
export { PrescriptionError, formatProblem } from './errors.js';
export type { PrescriptionProblem } from './errors.js';
export { shouldIncludeUnit } from './conditions.js';
export { knowledgeWarnings, staticWarnings } from './warnings.js';
export { aliasKnowledge, aliasRequirements, pseudonymVariants } from './pseudonyms.js';
export type { PseudonymVariant } from './pseudonyms.js';
export type { PrescriptionRunContext } from './units/common.js';
export type {
  LoadedPrescriptions,
  PrescriptionLogEntry,
  PrescriptionRange,
  PrescriptionUnitSpec,
  PrescriptionWarning,
} from './types.js';
