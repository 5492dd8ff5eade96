// Public face of lib/python/requirement: PEP 508 dependency specifiers.
export { Requirement, parseRequirement, tryParseRequirement } from './requirement.js';
export { InvalidRequirementError } from './errors.js';

export const id = 'pep508-requirement';
export const description = 'PEP 508 dependency specifiers as packaging.requirements does them';
