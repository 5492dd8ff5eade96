// What the adviser needs from a project file read by lib/python/readers: the named requirements and
// constraints of the default group as RootRequirements, and the primary index. Direct references
// (URLs, VCS, paths) cannot be resolved from the graph and are refused with their position.
import type { RootRequirement } from '../adviser/index.js';
import { InputError } from '../errors/index.js';
import type { ProjectRequirement, ProjectRequirements } from '../python/readers/index.js';

function toRoot(requirement: ProjectRequirement): RootRequirement {
  const where = `${requirement.origin.file}:${requirement.origin.line}`;
  if (requirement.kind !== 'named' || requirement.canonicalName === undefined) {
    throw new InputError(
      `${where}: "${requirement.text}" is a ${requirement.kind} reference; thoth advise resolves named requirements from an index only`,
      { context: { file: requirement.origin.file, line: requirement.origin.line } },
    );
  }
  return {
    name: requirement.canonicalName,
    specifier: requirement.specifier,
    extras: requirement.extras.map((e) => e.toLowerCase().replace(/[-_.]+/g, '-')),
    marker: requirement.marker ?? null,
  };
}

export interface AdviseProject {
  requirements: RootRequirement[];
  constraints: RootRequirement[];
  /** The file's primary index, when it names one (`-i`, Pipfile's first source). */
  indexUrl: string | undefined;
}

export function adviseProject(project: ProjectRequirements): AdviseProject {
  const runtime = project.requirements.filter((r) => r.group.kind === 'default');
  if (runtime.length === 0) {
    throw new InputError(`${project.file}: no requirements to advise on`, {
      context: { file: project.file },
    });
  }
  return {
    requirements: runtime.map(toRoot),
    constraints: project.constraints.map(toRoot),
    indexUrl: project.indexes.find((i) => i.isPrimary)?.url,
  };
}
