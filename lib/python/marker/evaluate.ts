// Marker evaluation with packaging's rules: comparisons on version variables use PEP 440 specifier
// semantics when `op + value` is a valid specifier (prereleases allowed), everything else compares
// strings, where `<` and `>` are always false and `<=`/`>=` mean equality (packaging's choice);
// `extra` and the set-valued `extras`/`dependency_groups` compare PEP 503-normalized names.
import { canonicalizeName } from '../name/index.js';
import { InvalidSpecifierError, parseSpecifier, type Specifier } from '../specifier/index.js';
import type { MarkerComparison, MarkerList, MarkerOperator } from './ast.js';
import { UndefinedComparisonError, UndefinedEnvironmentNameError } from './errors.js';
import { SET_VARIABLES } from './parser.js';

/** Values of marker variables; `extras` and `dependency_groups` are sets in lock-file context. */
export type MarkerEnvironment = Readonly<Record<string, string | ReadonlySet<string>>>;

/**
 * Where a marker is evaluated (packaging's EvaluateContext): `metadata` supplies `extra = ""`,
 * `lock_file` supplies empty `extras` and `dependency_groups`, `requirement` supplies neither.
 */
export type EvaluateContext = 'metadata' | 'lock_file' | 'requirement';

const VERSION_VARIABLES: ReadonlySet<string> = new Set([
  'implementation_version',
  'platform_release',
  'python_full_version',
  'python_version',
]);

function compareVersions(lhs: string, op: MarkerOperator, rhs: string): boolean | undefined {
  // packaging tries `Specifier(op + rhs)` and compares strings when that is not a specifier; the
  // operator is re-read from the joined text, so `<` with "=3.6" acts as `<=3.6`.
  let specifier: Specifier;
  try {
    specifier = parseSpecifier(`${op}${rhs}`);
  } catch (error) {
    if (error instanceof InvalidSpecifierError) return undefined;
    throw error;
  }
  return specifier.contains(lhs, { prereleases: true });
}

function compareStrings(lhs: string, op: MarkerOperator, rhs: string | ReadonlySet<string>): boolean {
  const contains = (): boolean => (typeof rhs === 'string' ? rhs.includes(lhs) : rhs.has(lhs));
  switch (op) {
    case 'in':
      return contains();
    case 'not in':
      return !contains();
    case '<':
    case '>':
      return false;
    case '<=':
    case '==':
    case '>=':
      return typeof rhs === 'string' && lhs === rhs;
    case '!=':
      return typeof rhs !== 'string' || lhs !== rhs;
    default:
      throw new UndefinedComparisonError(`Undefined ${op} on ${JSON.stringify(lhs)} and ${describe(rhs)}.`);
  }
}

function describe(value: string | ReadonlySet<string>): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : `{${[...value].map((v) => JSON.stringify(v)).join(', ')}}`;
}

function lookup(environment: MarkerEnvironment, key: string): string | ReadonlySet<string> {
  if (!Object.prototype.hasOwnProperty.call(environment, key)) throw new UndefinedEnvironmentNameError(key);
  return environment[key] as string | ReadonlySet<string>;
}

function evaluateComparison(environment: MarkerEnvironment, comparison: MarkerComparison): boolean {
  const { op } = comparison;
  // packaging reads the variable on the left if there is one; the other side is taken literally, even
  // when it is a variable too (so `os_name == sys_platform` compares with the text "sys_platform").
  let key: string;
  let lhs: string | ReadonlySet<string>;
  let rhs: string | ReadonlySet<string>;
  if (comparison.left.kind === 'variable') {
    key = comparison.left.name;
    lhs = lookup(environment, key);
    rhs = comparison.right.kind === 'variable' ? comparison.right.name : comparison.right.value;
  } else {
    lhs = comparison.left.value;
    key = comparison.right.kind === 'variable' ? comparison.right.name : comparison.right.value;
    rhs = lookup(environment, key);
  }
  if (typeof lhs !== 'string') {
    throw new UndefinedComparisonError(
      `Set-valued marker ${JSON.stringify(key)} can only be used with the membership form ` +
        `(e.g. "<name>" in ${key}); it cannot appear on the left-hand side of ${JSON.stringify(op)}.`,
    );
  }
  if (key !== 'extra' && SET_VARIABLES.has(key)) {
    lhs = canonicalizeName(lhs);
    rhs = typeof rhs === 'string' ? canonicalizeName(rhs) : new Set([...rhs].map((v) => canonicalizeName(v)));
  }
  if (VERSION_VARIABLES.has(key) && typeof rhs === 'string') {
    const result = compareVersions(lhs, op, rhs);
    if (result !== undefined) return result;
  }
  return compareStrings(lhs, op, rhs);
}

/** Evaluate a parsed marker against a complete environment (groups split by `or`, joined by `and`). */
export function evaluateMarkerList(markers: MarkerList, environment: MarkerEnvironment): boolean {
  const groups: boolean[][] = [[]];
  for (const item of markers) {
    const group = groups[groups.length - 1] as boolean[];
    if (item === 'or') groups.push([]);
    else if (item === 'and') continue;
    else if (Array.isArray(item)) group.push(evaluateMarkerList(item as MarkerList, environment));
    else group.push(evaluateComparison(environment, item as MarkerComparison));
  }
  return groups.some((group) => group.every(Boolean));
}

/**
 * Build the environment packaging evaluates with: the context's defaults, then `environment`; a
 * non-empty `extra` is normalized (PEP 685), and a python_full_version ending in `+` (an untagged
 * CPython build) becomes a valid local version by appending `local`.
 */
export function prepareEnvironment(
  environment: MarkerEnvironment,
  context: EvaluateContext,
): MarkerEnvironment {
  const merged: Record<string, string | ReadonlySet<string>> = {};
  if (context === 'lock_file') {
    merged.extras = new Set<string>();
    merged.dependency_groups = new Set<string>();
  } else if (context === 'metadata') {
    merged.extra = '';
  }
  Object.assign(merged, environment);
  if (Object.prototype.hasOwnProperty.call(environment, 'extra')) {
    const extra = merged.extra;
    merged.extra = typeof extra === 'string' && extra !== '' ? canonicalizeName(extra) : '';
  }
  const full = merged.python_full_version;
  if (typeof full === 'string' && full.endsWith('+')) merged.python_full_version = `${full}local`;
  return merged;
}
