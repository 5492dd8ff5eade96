// Reads one prescription YAML text into a validated PrescriptionFile, or the problems that stop it:
// YAML syntax errors with line and column, then schema violations turned from JSON pointers into
// "unit <prescription>.<Name>: <field> <rule>" so the author sees which unit and field to fix.
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import { checkContract } from '../../contracts/index.js';
import type { PrescriptionFile } from '../../contracts/index.js';
import type { ContractViolation } from '../../errors/index.js';
import type { PrescriptionProblem } from './errors.js';

// yaml takes ~100 ms to load and most advise runs read no prescription; required on first parse (sync,
// like the parse itself).
const requireCjs = createRequire(import.meta.url);

export type ParsedFile =
  { ok: true; data: PrescriptionFile } | { ok: false; problems: PrescriptionProblem[] };

const UNIT_POINTER = /^(\/spec)?\/units\/(boots|pseudonyms|sieves|steps|strides|wraps)\/(\d+)(\/.*)?$/;

/** 'run/score' -> 'run.score'; 'match/0/state' -> 'match[0].state'. */
function fieldPath(rest: string): string {
  return rest
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`), '');
}

/**
 * Drops union noise: 'must match a schema in anyOf', and a union branch's type mismatch ('must be
 * array') where a deeper violation says what is really wrong.
 */
function specific(violations: readonly ContractViolation[]): ContractViolation[] {
  const kept = violations.filter((v) => v.keyword !== 'anyOf' && v.keyword !== 'if');
  const out = kept.filter(
    (v) => v.keyword !== 'type' || !kept.some((w) => w !== v && w.pointer.startsWith(`${v.pointer}/`)),
  );
  return out.filter((v, i) => out.findIndex((w) => w.pointer === v.pointer && w.message === v.message) === i);
}

/** The unit's display id for problems: '<prescription>.<name>' when it has a string name. */
function unitLabel(data: unknown, list: string, index: number, namespace: string | null): string {
  const units = (data as { spec?: { units?: unknown }; units?: unknown } | null) ?? {};
  const container = (units.spec?.units ?? units.units) as Record<string, unknown> | undefined;
  const unit = (container?.[list] as unknown[] | undefined)?.[index] as { name?: unknown } | undefined;
  const name = typeof unit?.name === 'string' ? unit.name : `${list}[${index}]`;
  return namespace === null ? name : `${namespace}.${name}`;
}

/** The prescription name a file declares itself (spec.name or prescription.name), if any. */
function declaredNamespace(data: unknown): string | null {
  const d = (data ?? {}) as { spec?: { name?: unknown }; prescription?: { name?: unknown } };
  const name = d.spec?.name ?? d.prescription?.name;
  return typeof name === 'string' ? name : null;
}

/**
 * Parses and validates one file. `namespace` names units in problems when the file does not declare
 * its prescription (unit files inside a prescription directory).
 */
export function parsePrescriptionText(
  text: string,
  file: string,
  namespace: string | null = null,
): ParsedFile {
  const { parseDocument } = requireCjs('yaml') as typeof YamlModule;
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((e) => {
        const at = e.linePos?.[0];
        return {
          file: at === undefined ? file : `${file}:${at.line}:${at.col}`,
          unit: null,
          field: '',
          message: `is not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        };
      }),
    };
  }
  let data: unknown = document.toJS() ?? {};
  // The original's files are Kubernetes-style (`apiVersion`); our wire names are snake_case.
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'apiVersion' in data) {
    const { apiVersion, ...rest } = data as Record<string, unknown>;
    data = { api_version: apiVersion, ...rest };
  }
  const violations = checkContract('documents/prescription.v1', data);
  if (violations.length === 0) return { ok: true, data: data as PrescriptionFile };
  const ns = declaredNamespace(data) ?? namespace;
  return {
    ok: false,
    problems: specific(violations).map((v) => {
      const m = UNIT_POINTER.exec(v.pointer);
      if (m === null) return { file, unit: null, field: fieldPath(v.pointer), message: v.message };
      return {
        file,
        unit: unitLabel(data, m[2]!, Number(m[3]), ns),
        field: fieldPath(m[4] ?? ''),
        message: v.message,
      };
    }),
  };
}
