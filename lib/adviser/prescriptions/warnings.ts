// Warnings about units that load but cannot work: units that can never register (no pipeline flag —
// the original's _indexes sieves had this defect —, only unknown recommendation types, a dependency on
// a unit that is not defined or never registers), empty version ranges, and — when advising — ranges
// that match no release the knowledge graph knows for the package.
import type { PrescriptionPackageVersion, PrescriptionShouldInclude } from '../../contracts/index.js';
import { tryParseSpecifierSet, tryParseVersion } from '../../python/index.js';
import { UNITS } from '../units/index.js';
import { asList } from './units/common.js';
import type { PrescriptionRange, PrescriptionUnitSpec, PrescriptionWarning } from './types.js';

const RECOMMENDATION_TYPES = ['latest', 'stable', 'testing', 'performance', 'security'];
const DECISION_TYPES = ['all', 'random'];

type Negatable = string[] | { not: string[] };

/** Unknown values (warned) and whether any known value can match at all. */
function typeCondition(condition: Negatable | undefined, known: readonly string[]) {
  if (condition === undefined) return { unknown: [] as string[], satisfiable: true };
  const listed = Array.isArray(condition) ? condition : condition.not;
  const unknown = listed.filter((t) => !known.includes(t));
  const satisfiable = Array.isArray(condition)
    ? condition.some((t) => known.includes(t))
    : known.some((t) => !condition.not.includes(t));
  return { unknown, satisfiable };
}

/** The ranges a unit's match states, for the graph check. */
export function unitRanges(spec: PrescriptionUnitSpec): PrescriptionRange[] {
  const out: PrescriptionRange[] = [];
  const add = (pv: PrescriptionPackageVersion | undefined, field: string): void => {
    if (pv?.name !== undefined && pv.version !== undefined)
      out.push({ unit: spec.id, file: spec.file, name: pv.name, version: pv.version, field });
  };
  const match = (spec.data as { match?: unknown }).match as
    Record<string, unknown> | Array<Record<string, unknown>> | undefined;
  asList(match).forEach((m, i) => {
    const at = Array.isArray(match) ? `match[${i}]` : 'match';
    add(m['package_version'] as PrescriptionPackageVersion | undefined, `${at}.package_version.version`);
    const deps = (m['state'] as { resolved_dependencies?: PrescriptionPackageVersion[] } | undefined)
      ?.resolved_dependencies;
    deps?.forEach((d, j) => add(d, `${at}.state.resolved_dependencies[${j}].version`));
  });
  return out;
}

/** Reasons a unit can never register, ignoring dependencies (checked transitively below). */
function ownReasons(s: PrescriptionShouldInclude | undefined): string[] {
  if (s === undefined)
    return ['it has no should_include (adviser_pipeline and dependency_monkey_pipeline default to false)'];
  if (s.times === 0) return [];
  const reasons: string[] = [];
  const adviser =
    s.adviser_pipeline === true && typeCondition(s.recommendation_types, RECOMMENDATION_TYPES).satisfiable;
  const monkey =
    s.dependency_monkey_pipeline === true && typeCondition(s.decision_types, DECISION_TYPES).satisfiable;
  if (s.adviser_pipeline !== true && s.dependency_monkey_pipeline !== true)
    reasons.push(
      'should_include sets neither adviser_pipeline nor dependency_monkey_pipeline (both default to false)',
    );
  else if (!adviser && !monkey) reasons.push('no recommendation or decision type it names exists');
  const python = s.runtime_environments?.python_version;
  if (python !== undefined && tryParseSpecifierSet(python)?.isEmpty() === true)
    reasons.push(`runtime_environments.python_version ${JSON.stringify(python)} matches no version`);
  return reasons;
}

export function staticWarnings(specs: readonly PrescriptionUnitSpec[]): PrescriptionWarning[] {
  const warnings: PrescriptionWarning[] = [];
  const defined = new Set<string>([...UNITS.map((u) => u.id), ...specs.map((s) => s.id)]);
  const never = new Map<string, string>();
  for (const spec of specs) {
    const s = spec.data.should_include;
    for (const [condition, known, field] of [
      [s?.recommendation_types, RECOMMENDATION_TYPES, 'recommendation_types'],
      [s?.decision_types, DECISION_TYPES, 'decision_types'],
    ] as const) {
      for (const value of typeCondition(condition, known).unknown)
        warnings.push({
          kind: 'unknown-value',
          unit: spec.id,
          file: spec.file,
          message: `should_include.${field} names ${JSON.stringify(value)}, which does not exist (known: ${known.join(', ')})`,
        });
    }
    const reason = ownReasons(s)[0];
    if (reason !== undefined) never.set(spec.id, reason);
    for (const name of Object.values(s?.dependencies ?? {}).flat())
      if (!defined.has(name) && !never.has(spec.id))
        never.set(spec.id, `it depends on unit ${name}, which is not defined`);
    for (const range of unitRanges(spec)) {
      if (tryParseSpecifierSet(range.version)?.isEmpty() === true)
        warnings.push({
          kind: 'empty-range',
          unit: spec.id,
          file: spec.file,
          message: `${range.field} ${JSON.stringify(range.version)} matches no version at all (a specifier set is a conjunction of its clauses)`,
        });
    }
  }
  // A unit depending on a unit that never registers never registers either (to a fixed point).
  for (let changed = true; changed;) {
    changed = false;
    for (const spec of specs) {
      if (never.has(spec.id)) continue;
      const blocked = Object.values(spec.data.should_include?.dependencies ?? {})
        .flat()
        .find((n) => never.has(n));
      if (blocked !== undefined) {
        never.set(spec.id, `it depends on unit ${blocked}, which never registers`);
        changed = true;
      }
    }
  }
  for (const spec of specs) {
    const reason = never.get(spec.id);
    if (reason !== undefined)
      warnings.push({
        kind: 'never-registers',
        unit: spec.id,
        file: spec.file,
        message: `never registers: ${reason}`,
      });
  }
  return warnings;
}

/**
 * Ranges that match none of the versions known for their package. `versionsOf` returns every
 * version the knowledge graph has for a name, or undefined when the run did not load the package
 * (nothing is claimed about packages the run never looked at).
 */
export function knowledgeWarnings(
  ranges: readonly PrescriptionRange[],
  versionsOf: (name: string) => readonly string[] | undefined,
): PrescriptionWarning[] {
  const warnings: PrescriptionWarning[] = [];
  for (const range of ranges) {
    const versions = versionsOf(range.name);
    const specifier = tryParseSpecifierSet(range.version);
    if (versions === undefined || versions.length === 0 || specifier === undefined || specifier.isEmpty())
      continue;
    const any = versions.some((v) => specifier.contains(tryParseVersion(v) ?? v, { prereleases: true }));
    if (!any)
      warnings.push({
        kind: 'no-known-release',
        unit: range.unit,
        file: range.file,
        message: `${range.field} ${JSON.stringify(range.version)} matches no known release of ${range.name} (known: ${versions.join(', ')})`,
      });
  }
  return warnings;
}
