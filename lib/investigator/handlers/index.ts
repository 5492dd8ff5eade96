// The handler registry: one handler per (type, version). A new message version is one new file and
// one line here; old versions keep their handlers while producers move on (STYLE.md §15).
import type { RegisteredHandler } from '../types.js';
import { adviseRequested } from './advise-requested.js';
import { adviserReRun } from './adviser-re-run.js';
import { cveProvided } from './cve-provided.js';
import { dependencyMonkeyRequested } from './dependency-monkey-requested.js';
import { hashMismatch } from './hash-mismatch.js';
import { inspectionCompleted } from './inspection-completed.js';
import { missingPackage } from './missing-package.js';
import { missingVersion } from './missing-version.js';
import { packageReleased } from './package-released.js';
import { provenanceCheckRequested } from './provenance-check-requested.js';
import { siUnanalyzedPackage } from './si-unanalyzed-package.js';
import { solvedPackage } from './solved-package.js';
import { unresolvedPackage } from './unresolved-package.js';
import { updateProvidesSourceDistro } from './update-provides-source-distro.js';

export const HANDLER_LIST: readonly RegisteredHandler[] = [
  adviseRequested,
  adviserReRun,
  cveProvided,
  dependencyMonkeyRequested,
  hashMismatch,
  inspectionCompleted,
  missingPackage,
  missingVersion,
  packageReleased,
  provenanceCheckRequested,
  siUnanalyzedPackage,
  solvedPackage,
  unresolvedPackage,
  updateProvidesSourceDistro,
];

/** `<type>@<version>` → handler. */
export const HANDLERS: ReadonlyMap<string, RegisteredHandler> = new Map(
  HANDLER_LIST.map((h) => [`${h.type}@${h.version}`, h]),
);

/** The handler of (type, version), or undefined. */
export function findHandler(type: string, version: number): RegisteredHandler | undefined {
  return HANDLERS.get(`${type}@${version}`);
}

/** Message types with at least one handler: the topics the investigator subscribes to. */
export function handledTypes(): string[] {
  return [...new Set(HANDLER_LIST.map((h) => h.type))].sort();
}
