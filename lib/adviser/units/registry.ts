// Every built-in unit, in pipeline order within each type (filters before scorers, cheap first).
// Adding a unit is one folder file plus one line here.
import { unit as environmentInfoBoot } from './boots/environment-info.js';
import { unit as aliasPseudonym } from './pseudonyms/alias.js';
import { unit as constraintsSieve } from './sieves/constraints.js';
import { unit as cutPrereleasesSieve } from './sieves/cut-prereleases.js';
import { unit as cveSieve } from './sieves/cve.js';
import { unit as solvedSieve } from './sieves/solved.js';
import { unit as yankedSieve } from './sieves/yanked.js';
import { unit as cvePenalizationStep } from './steps/cve-penalization.js';
import { unit as securityIndicatorStep } from './steps/security-indicators.js';
import { unit as versionDistanceStep } from './steps/version-distance.js';
import { unit as uniqueStackStride } from './strides/unique-stack.js';
import type { UnitDefinition } from './types.js';
import { unit as cveWrap } from './wraps/cve.js';
import { unit as pypiReleaseWrap } from './wraps/pypi-release.js';

export const UNITS: readonly UnitDefinition[] = [
  environmentInfoBoot,
  aliasPseudonym,
  solvedSieve,
  yankedSieve,
  constraintsSieve,
  cutPrereleasesSieve,
  cveSieve,
  versionDistanceStep,
  cvePenalizationStep,
  securityIndicatorStep,
  uniqueStackStride,
  cveWrap,
  pypiReleaseWrap,
] as readonly UnitDefinition[];

export function findUnit(unitId: string): UnitDefinition | undefined {
  return UNITS.find((u) => u.id === unitId);
}
