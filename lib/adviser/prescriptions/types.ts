// Shared shapes of the prescriptions module: one unit as loaded (with its namespace and file), the
// warnings a load or a run reports, and what advise() receives.
import type {
  PrescriptionBootUnit,
  PrescriptionPseudonymUnit,
  PrescriptionSieveUnit,
  PrescriptionStepUnit,
  PrescriptionStrideUnit,
  PrescriptionWrapUnit,
} from '../../contracts/index.js';
import type { UnitDefinition, UnitType } from '../units/index.js';

export type PrescriptionUnitData =
  | PrescriptionBootUnit
  | PrescriptionPseudonymUnit
  | PrescriptionSieveUnit
  | PrescriptionStepUnit
  | PrescriptionStrideUnit
  | PrescriptionWrapUnit;

/** One unit of a prescription, as loaded. */
export interface PrescriptionUnitSpec {
  /** '<prescription>.<name>': the unit's name in pipelines, justifications and `dependencies`. */
  id: string;
  prescription: string;
  /** The file that defined it (as given to the loader, joined with the relative path). */
  file: string;
  type: UnitType;
  data: PrescriptionUnitData;
}

/**
 * Something that makes a unit useless without making the prescription invalid:
 * - 'never-registers': its should_include can never hold (no pipeline flag, only unknown
 *   recommendation types, a dependency on a unit that is not defined or never registers, …);
 * - 'empty-range': a version range no version at all can satisfy (specifier sets are conjunctions:
 *   '<1.0,>1.4' is empty — the original's tf_cuda sieves had exactly this defect);
 * - 'no-known-release': a range that matches no release the knowledge graph knows for the package
 *   (reported by advise(), which has the graph);
 * - 'unknown-value': a recommendation or decision type that does not exist.
 */
export interface PrescriptionWarning {
  kind: 'never-registers' | 'empty-range' | 'no-known-release' | 'unknown-value';
  unit: string;
  file: string;
  message: string;
}

/** A version range of a unit's match, checked against the graph when advising. */
export interface PrescriptionRange {
  unit: string;
  file: string;
  /** PEP 503 normalized package name. */
  name: string;
  /** The specifier text as written. */
  version: string;
  /** Where in the unit: 'match.package_version.version', … */
  field: string;
}

/** A log line a prescription unit writes when it acts (`run.log`). */
export interface PrescriptionLogEntry {
  unit: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Loaded prescriptions: what AdviseInput.prescriptions takes. */
export interface LoadedPrescriptions {
  /** '<name>@<release>' of each prescription, in load order (the advise document's parameters). */
  sources: string[];
  specs: PrescriptionUnitSpec[];
  /** Unit definitions built from the specs, in load order, ready for buildPipeline. */
  units: UnitDefinition[];
  warnings: PrescriptionWarning[];
  ranges: PrescriptionRange[];
}
