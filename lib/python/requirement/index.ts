// Public face of lib/python/requirement: PEP 508 dependency specifiers.
export { Requirement, parseRequirement, tryParseRequirement } from './requirement.js';
export { InvalidRequirementError } from './errors.js';
