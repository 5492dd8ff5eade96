// Turns validated prescription files into unit specs: namespaces from spec.name or the directory's
// `_prescription_metadata.yaml`, duplicate names refused (the original silently kept the first of two
// same-named units in different files), and the checks a schema cannot express (specifiers that do
// not parse, match shapes per unit type).
import type { PrescriptionFile, PrescriptionPackageVersion } from '../../contracts/index.js';
import { canonicalizeName, tryParseSpecifierSet } from '../../python/index.js';
import type { UnitType } from '../units/index.js';
import type { PrescriptionProblem } from './errors.js';
import type { PrescriptionUnitData, PrescriptionUnitSpec } from './types.js';

const LISTS: ReadonlyArray<[keyof NonNullable<PrescriptionFile['units']>, UnitType]> = [
  ['boots', 'boot'],
  ['pseudonyms', 'pseudonym'],
  ['sieves', 'sieve'],
  ['steps', 'step'],
  ['strides', 'stride'],
  ['wraps', 'wrap'],
];

/** One parsed file with the prescription it belongs to. */
export interface NamespacedFile {
  file: string;
  data: PrescriptionFile;
  /** Namespace for unit files that do not declare one (their directory's metadata). */
  namespace: string | null;
}

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function checkSpecifier(
  text: string | null | undefined,
  field: string,
  report: (field: string, message: string) => void,
): void {
  if (typeof text !== 'string') return;
  if (tryParseSpecifierSet(text) === undefined)
    report(field, `is not a PEP 440 specifier set: ${JSON.stringify(text)}`);
}

function checkPackageVersion(
  pv: PrescriptionPackageVersion | undefined,
  field: string,
  report: (field: string, message: string) => void,
): void {
  if (pv === undefined) return;
  checkSpecifier(pv.version, `${field}.version`, report);
}

/** The checks of one unit that the schema cannot express. */
function checkUnit(data: PrescriptionUnitData, report: (field: string, message: string) => void): void {
  const runtime = data.should_include?.runtime_environments;
  if (runtime !== undefined) {
    for (const key of [
      'python_version',
      'cuda_version',
      'cudnn_version',
      'openblas_version',
      'openmpi_version',
      'mkl_version',
    ] as const)
      checkSpecifier(runtime[key], `should_include.runtime_environments.${key}`, report);
  }
  const matches = asList(
    data.match as unknown as Record<string, unknown> | Array<Record<string, unknown>> | undefined,
  );
  const at = (i: number): string => (Array.isArray(data.match) ? `match[${i}]` : 'match');
  matches.forEach((match, i) => {
    const pv = match['package_version'] as PrescriptionPackageVersion | undefined;
    checkPackageVersion(pv, `${at(i)}.package_version`, report);
    const state = match['state'] as { resolved_dependencies?: PrescriptionPackageVersion[] } | undefined;
    state?.resolved_dependencies?.forEach((dep, j) => {
      checkPackageVersion(dep, `${at(i)}.state.resolved_dependencies[${j}]`, report);
      if (dep.name === undefined)
        report(`${at(i)}.state.resolved_dependencies[${j}]`, "must have required property 'name'");
    });
    if (data.type === 'sieve' && pv === undefined)
      report(at(i), "must have property 'package_version' for type sieve");
    if (data.type === 'sieve.SkipPackage' && match['package_name'] === undefined)
      report(at(i), "must have property 'package_name' for type sieve.SkipPackage");
    if ((data.type === 'pseudonym' || data.type === 'step.SkipPackage') && pv?.name === undefined)
      report(`${at(i)}.package_version`, `must have property 'name' for type ${data.type}`);
    if (data.type === 'wrap.GHReleaseNotes' && state?.resolved_dependencies?.[0] === undefined)
      report(at(i), 'must name the package in state.resolved_dependencies for type wrap.GHReleaseNotes');
  });
  if (data.type === 'pseudonym') {
    const y = data.run.yield;
    if (y.yield_matched_version === true && y.package_version.locked_version !== undefined)
      report('run.yield', 'must not set both yield_matched_version and package_version.locked_version');
  }
  if (data.type === 'wrap.GHReleaseNotes' && data.run.release_notes === undefined)
    report('run', "must have property 'release_notes' for type wrap.GHReleaseNotes");
  if (data.type === 'wrap' && data.run.release_notes !== undefined)
    report('run.release_notes', 'is only allowed for type wrap.GHReleaseNotes');
}

export interface Collected {
  specs: PrescriptionUnitSpec[];
  /** '<name>' -> release, in first-seen order. */
  releases: Map<string, string>;
  problems: PrescriptionProblem[];
}

export function collectUnits(files: readonly NamespacedFile[]): Collected {
  const specs: PrescriptionUnitSpec[] = [];
  const releases = new Map<string, string>();
  const problems: PrescriptionProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, data, namespace: inherited } of files) {
    const identity = data.spec ?? data.prescription;
    if (identity !== undefined && !releases.has(identity.name)) releases.set(identity.name, identity.release);
    const units = data.spec?.units ?? data.units;
    if (units === undefined) continue;
    const namespace = data.spec?.name ?? inherited;
    if (namespace === null) {
      problems.push({
        file,
        unit: null,
        field: 'units',
        message:
          'belong to no prescription: put the file in a directory with _prescription_metadata.yaml (prescription: {name, release}) or use spec: {name, release, units}',
      });
      continue;
    }
    for (const [list, type] of LISTS) {
      for (const data of (units[list] ?? []) as PrescriptionUnitData[]) {
        const id = `${namespace}.${data.name}`;
        const report = (field: string, message: string): void => {
          problems.push({ file, unit: id, field, message });
        };
        const previous = seen.get(id);
        if (previous !== undefined) {
          report('name', `is already defined in ${previous}`);
          continue;
        }
        seen.set(id, file);
        checkUnit(data, report);
        specs.push({ id, prescription: namespace, file, type, data: normalizeNames(data) });
      }
    }
  }
  return { specs, releases, problems };
}

/** PEP 503 names everywhere a unit names a package, so matching compares like with like. */
function normalizeNames(data: PrescriptionUnitData): PrescriptionUnitData {
  const copy = structuredClone(data) as PrescriptionUnitData & { match?: unknown };
  const fix = (pv: { name?: string } | undefined): void => {
    if (pv?.name !== undefined) pv.name = canonicalizeName(pv.name);
  };
  for (const match of asList(
    copy.match as Record<string, unknown> | Array<Record<string, unknown>> | undefined,
  )) {
    fix(match['package_version'] as { name?: string } | undefined);
    if (typeof match['package_name'] === 'string')
      match['package_name'] = canonicalizeName(match['package_name']);
    for (const dep of (match['state'] as { resolved_dependencies?: Array<{ name?: string }> } | undefined)
      ?.resolved_dependencies ?? [])
      fix(dep);
  }
  if (copy.type === 'pseudonym') fix(copy.run.yield.package_version);
  return copy;
}
