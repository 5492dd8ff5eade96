// The step registry: every step that `thoth-step <name>` can run, keyed by name. The step image's
// entry point dispatches through it, and the local engine runs `thoth-step <name>` containers in
// process through it. Adding a step is a new `steps/<name>.ts` exporting a StepDefinition plus one
// line here (STYLE.md §1). Workflow templates name these steps: solve, graph-sync, advise,
// provenance-check, emit, si-download, si-bandit, si-cloc, si-aggregate, dependency-monkey,
// graph-refresh, package-releases, package-update, cve-update.
import type { StepDefinition, StepRegistry } from '../lib/workflows/index.js';
import { adviseStep } from './advise.js';
import { graphSyncStep } from './graph-sync.js';
import { solveStep } from './solve.js';
import { cveUpdateStep } from './cve-update.js';
import { dependencyMonkeyStep } from './dependency-monkey.js';
import { emitStep } from './emit.js';
import { graphRefreshStep } from './graph-refresh.js';
import { packageReleasesStep } from './package-releases.js';
import { packageUpdateStep } from './package-update.js';
import { provenanceCheckStep } from './provenance-check.js';
import { siAggregateStep } from './si-aggregate.js';
import { siBanditStep } from './si-bandit.js';
import { siClocStep } from './si-cloc.js';
import { siDownloadStep } from './si-download.js';

/** Build a registry from definitions; a name used twice is a programming error. */
export function createStepRegistry(definitions: readonly StepDefinition[]): StepRegistry {
  const registry = new Map<string, StepDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`step "${definition.name}" is registered twice`);
    registry.set(definition.name, definition);
  }
  return registry;
}

/** Every production step. Add one line per step (import it from `./<name>.js`). */
export const STEPS: StepRegistry = createStepRegistry([
  adviseStep,
  graphSyncStep,
  solveStep,
  emitStep,
  packageReleasesStep,
  graphRefreshStep,
  packageUpdateStep,
  cveUpdateStep,
  siDownloadStep,
  siBanditStep,
  siClocStep,
  siAggregateStep,
  provenanceCheckStep,
  dependencyMonkeyStep,
]);
