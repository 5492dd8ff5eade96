// Reads a pyproject.toml's dependency declarations into ProjectRequirements: PEP 621 [project]
// `dependencies`, `optional-dependencies` and `requires-python`, and PEP 735 [dependency-groups] with
// includes expanded. Build-system requirements are not project requirements and are not read.
import { parseSpecifierSet } from '../../specifier/index.js';
import {
  failAt,
  isTable,
  optionalString,
  optionalStrings,
  parseTomlDocument,
  positionOf,
  typeName,
  type Document,
} from '../documents.js';
import type { ValuePath } from '../locate.js';
import { readPep508Text, RequirementTextError } from '../requirement-entry.js';
import type {
  ProjectRequirement,
  ProjectRequirements,
  ReadContext,
  RequirementGroup,
  UnsupportedDirective,
} from '../types.js';
import { expandDependencyGroups } from './dependency-groups.js';

function readEntry(
  doc: Document,
  text: string,
  path: ValuePath,
  group: RequirementGroup,
): ProjectRequirement {
  let fields;
  try {
    fields = readPep508Text(text);
  } catch (error) {
    // The element position is its opening quote; the span is exact for strings without escapes.
    if (error instanceof RequirementTextError)
      failAt(doc, path, error.message, { columnOffset: 1 + error.offset, length: error.length });
    throw error;
  }
  return {
    ...fields,
    text,
    editable: false,
    hashes: [],
    group,
    isConstraint: false,
    origin: positionOf(doc, path),
  };
}

function readList(
  doc: Document,
  value: unknown,
  path: ValuePath,
  group: RequirementGroup,
): ProjectRequirement[] {
  const texts = optionalStrings(doc, value, path) ?? [];
  return texts.map((text, index) => readEntry(doc, text, [...path, index], group));
}

/** Reads a pyproject.toml. */
export function readPyprojectToml(text: string, context: ReadContext): ProjectRequirements {
  const doc = parseTomlDocument(text, context.file, 'invalid-pyproject-toml');
  const unsupported: UnsupportedDirective[] = [];
  const requirements: ProjectRequirement[] = [];
  const python: ProjectRequirements['python'] = {};
  let projectName: string | undefined;
  const project = doc.data.project;
  if (project !== undefined) {
    if (!isTable(project)) failAt(doc, ['project'], `[project] must be a table, not ${typeName(project)}`);
    projectName = optionalString(doc, project.name, ['project', 'name']);
    const dynamic = optionalStrings(doc, project.dynamic, ['project', 'dynamic']) ?? [];
    for (const field of dynamic) {
      // PEP 621: a dynamic field is computed by the build backend, which Thoth does not run.
      if (field === 'dependencies' || field === 'optional-dependencies' || field === 'requires-python')
        unsupported.push({
          name: `project.dynamic: ${field}`,
          reason: 'computed by the build backend, which Thoth does not run',
          origin: positionOf(doc, ['project', 'dynamic', dynamic.indexOf(field)]),
        });
    }
    requirements.push(
      ...readList(doc, project.dependencies, ['project', 'dependencies'], { kind: 'default' }),
    );
    const optional = project['optional-dependencies'];
    if (optional !== undefined) {
      if (!isTable(optional))
        failAt(
          doc,
          ['project', 'optional-dependencies'],
          `[project.optional-dependencies] must be a table, not ${typeName(optional)}`,
        );
      for (const [extra, list] of Object.entries(optional))
        requirements.push(
          ...readList(doc, list, ['project', 'optional-dependencies', extra], { kind: 'extra', name: extra }),
        );
    }
    const requiresPython = optionalString(doc, project['requires-python'], ['project', 'requires-python']);
    if (requiresPython !== undefined) {
      try {
        parseSpecifierSet(requiresPython);
      } catch (error) {
        const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        failAt(
          doc,
          ['project', 'requires-python'],
          `requires-python is not a PEP 440 specifier set: ${reason}`,
        );
      }
      python.requiresPython = requiresPython;
    }
  }
  for (const [group, entries] of expandDependencyGroups(doc, doc.data['dependency-groups'])) {
    for (const entry of entries)
      requirements.push(readEntry(doc, entry.text, entry.path, { kind: 'dependency-group', name: group }));
  }
  const tool = doc.data.tool;
  if (
    isTable(tool) &&
    isTable(tool.poetry) &&
    (tool.poetry.dependencies !== undefined || tool.poetry.group !== undefined)
  ) {
    unsupported.push({
      name: '[tool.poetry.dependencies]',
      reason: "Poetry's own dependency tables are not read; use PEP 621 [project]",
      origin: positionOf(doc, ['tool', 'poetry']),
    });
  }
  const result: ProjectRequirements = {
    format: 'pyproject-toml',
    file: context.file,
    requirements,
    constraints: [],
    indexes: [],
    noIndex: false,
    findLinks: [],
    trustedHosts: [],
    binary: { onlyBinary: [], noBinary: [], preferBinary: false },
    releases: { allReleases: [], onlyFinal: [] },
    requireHashes: false,
    python,
    includedFiles: [],
    unsupported,
  };
  if (projectName !== undefined) result.projectName = projectName;
  return result;
}
