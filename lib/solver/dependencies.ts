// Requires-Dist lines (PEP 508) to the schema's dependencies, keeping everything the original lost:
// the full specifier (the old sync stored "*", §12.2), every extra named by the marker (the old sync
// kept the first, storages#1734), the marker as packaging prints it, and per environment the marker's
// value with the extra clause taken as satisfied.
import type { SolvedDependency, SolverEnvironment, UnparsedRequirement } from '../contracts/index.js';
import { canonicalizeName, parseRequirement } from '../python/index.js';
import type { Marker } from '../python/index.js';

/** schemas/common/package-name.v1.json: what a normalized name or extra must look like. */
const PACKAGE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type MarkerTree = Marker['markers'];
type MarkerItem = MarkerTree[number];

/** The dependencies of one release and the lines that are not PEP 508. */
export interface ReadDependencies {
  dependencies: SolvedDependency[];
  unparsed: UnparsedRequirement[];
}

/**
 * Read every Requires-Dist of a release. A line whose marker names several extras appears once per
 * extra; a line whose marker can also hold without any extra (`extra == "a" or python_version < "3"`)
 * appears once more with `extra: null`. Duplicate entries are dropped. `owner` names the release in
 * unparsed reasons.
 */
export function readDependencies(
  requiresDist: readonly string[],
  environments: readonly SolverEnvironment[],
  owner: string,
): ReadDependencies {
  const dependencies: SolvedDependency[] = [];
  const unparsed: UnparsedRequirement[] = [];
  const seen = new Set<string>();
  for (const line of requiresDist) {
    let requirement;
    try {
      requirement = parseRequirement(line);
    } catch (error) {
      // The parse error's first line names the column; the rest underlines it (multi-line).
      unparsed.push({ requirement: line, reason: `${owner} Requires-Dist: ${firstLine(error)}` });
      continue;
    }
    const name = canonicalizeName(requirement.name);
    // Normalized (PEP 685) then sorted, so the same request always reads the same.
    const extras = [...new Set(requirement.extras.map((e) => canonicalizeName(e)))].sort();
    const marker = requirement.marker;
    const activating = marker === undefined ? [] : markerExtras(marker.markers);
    const bad = [name, ...extras, ...activating].find((n) => !PACKAGE_NAME.test(n));
    if (bad !== undefined) {
      unparsed.push({
        requirement: line,
        reason: `${owner} Requires-Dist: "${bad}" is not a valid project or extra name`,
      });
      continue;
    }
    const variants: (string | null)[] = [...activating];
    if (marker === undefined || !requiresExtra(marker.markers)) variants.unshift(null);
    for (const extra of variants) {
      const dependency: SolvedDependency = {
        name,
        // packaging's canonical form ('!=1.5.7,>=1.5.6'); '' when any version will do. A direct
        // URL requirement (`name @ url`, refused by PyPI) also gets '' since the schema has no URL.
        specifier: requirement.specifier.toString(),
        extras,
        marker: marker === undefined ? null : marker.toString(),
        extra,
        marker_results: markerResults(marker, extra, environments),
      };
      const key = JSON.stringify([
        dependency.name,
        dependency.specifier,
        dependency.extras,
        dependency.marker,
        extra,
      ]);
      if (seen.has(key)) continue;
      seen.add(key);
      dependencies.push(dependency);
    }
  }
  return { dependencies, unparsed };
}

/** Per environment id: the marker's value with `extra` set to the activating extra (true without marker). */
function markerResults(
  marker: Marker | undefined,
  extra: string | null,
  environments: readonly SolverEnvironment[],
): Record<string, boolean | null> {
  const results: Record<string, boolean | null> = {};
  for (const { identity, marker_environment: markers } of environments) {
    if (marker === undefined) {
      results[identity.id] = true;
      continue;
    }
    try {
      // 'metadata' context: `extra` is "" unless given, as when pip evaluates Requires-Dist.
      const environment = extra === null ? { ...markers } : { ...markers, extra };
      results[identity.id] = marker.evaluate(environment, 'metadata');
    } catch {
      // An undefined comparison (packaging raises too): the value is unknown, not false.
      results[identity.id] = null;
    }
  }
  return results;
}

/**
 * The extras named by `extra == "x"` comparisons (either side), in order of appearance, normalized by
 * the marker parser (PEP 685).
 */
export function markerExtras(markers: MarkerTree): string[] {
  const found: string[] = [];
  const visit = (items: MarkerTree): void => {
    for (const item of items) {
      if (item === 'and' || item === 'or') continue;
      if (Array.isArray(item)) {
        visit(item as MarkerTree);
        continue;
      }
      const extra = extraOf(item);
      if (extra !== undefined && !found.includes(extra)) found.push(extra);
    }
  };
  visit(markers);
  return found;
}

/**
 * True when the marker cannot hold without an extra: every `or` branch has an `extra == "x"` conjunct
 * (directly or in a nested group that itself requires an extra).
 */
export function requiresExtra(markers: MarkerTree): boolean {
  const branches: MarkerItem[][] = [[]];
  for (const item of markers) {
    if (item === 'or') branches.push([]);
    else if (item !== 'and') branches[branches.length - 1]!.push(item);
  }
  return branches.every((branch) =>
    branch.some((item) =>
      Array.isArray(item) ? requiresExtra(item as MarkerTree) : extraOf(item) !== undefined,
    ),
  );
}

function extraOf(item: MarkerItem): string | undefined {
  if (Array.isArray(item) || typeof item === 'string') return undefined;
  const comparison = item as Exclude<MarkerItem, string | readonly unknown[]> & {
    left: { kind: string; name?: string; value?: string };
    right: { kind: string; name?: string; value?: string };
    op: string;
  };
  if (comparison.op !== '==') return undefined;
  const { left, right } = comparison;
  if (left.kind === 'variable' && left.name === 'extra' && right.kind === 'value') return right.value;
  if (right.kind === 'variable' && right.name === 'extra' && left.kind === 'value') return left.value;
  return undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
