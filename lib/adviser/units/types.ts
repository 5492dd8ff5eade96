// The contract of pipeline units (reference §3): six types that filter, score and explain. A unit
// definition says when it applies (shouldInclude) and builds one instance per configuration; the
// pipeline runs package-specific instances before generic ones.
import type { Justification, RecommendationType } from '../../contracts/index.js';
import type { Candidate } from '../resolver/index.js';
import type { State } from '../state.js';
import type { AdviserEnvironment, RootRequirement, Unavailability } from '../types.js';

export type UnitType = 'boot' | 'pseudonym' | 'sieve' | 'step' | 'stride' | 'wrap';

/** What units may read about the run, and where they report request-level information. */
export interface UnitContext {
  recommendationType: RecommendationType;
  environment: AdviserEnvironment;
  /** Direct requirements (markers already applied). */
  requirements: readonly RootRequirement[];
  constraints: readonly RootRequirement[];
  labels: Readonly<Record<string, string>>;
  /** Request-level messages (shown on success and failure alike). */
  stackInfo: Justification[];
  /** Newest usable version of a package (the "latest" a step measures distance from). */
  latestVersions(name: string): readonly string[];
}

/** Inputs of shouldInclude: the request, before any resolution. */
export type BuilderContext = Omit<UnitContext, 'stackInfo' | 'latestVersions'>;

interface UnitBase {
  /** The unit's name, e.g. 'CutPrereleasesSieve'; shown in justifications. */
  readonly name: string;
  /** Run only for this package; undefined for every package. */
  readonly packageName?: string | undefined;
}

/** Runs once before resolution; may add stack_info, raise NotAcceptable (abort) or EagerStopPipeline. */
export interface Boot extends UnitBase {
  run(context: UnitContext): void;
}

/** Offers alternatives (name, version) for a newly introduced candidate of its package. */
export interface Pseudonym extends UnitBase {
  readonly packageName: string;
  run(
    candidate: { name: string; version: string },
    context: UnitContext,
  ): Array<{ name: string; version: string }>;
}

/**
 * Filters one package's usable candidates (newest first) once per run, before any state sees them:
 * returns the versions removed with their reason. NotAcceptable removes all; SkipPackage drops the
 * package from the stack.
 */
export interface Sieve extends UnitBase {
  run(candidates: readonly Candidate[], context: UnitContext): Map<string, Unavailability>;
}

/** A step's verdict on adding a candidate: a score in [-1, 1] and justifications. */
export interface StepResult {
  score: number;
  justification: Justification[];
}

/**
 * Scores adding `candidate` to `state` (the immediate reward). Must not change the state. May raise
 * NotAcceptable (the action is invalid: NaN reward), SkipPackage or EagerStopPipeline.
 */
export interface Step extends UnitBase {
  /** Also run when a second dependent introduces an already-resolved package. */
  readonly multiPackageResolution?: boolean;
  run(state: State, candidate: Candidate, context: UnitContext): StepResult | null;
}

/** Inspects a final state; NotAcceptable discards it. */
export interface Stride extends UnitBase {
  run(state: State, context: UnitContext): void;
}

/** Adds justifications to a final state chosen as a product; must not change score or packages. */
export interface Wrap extends UnitBase {
  run(state: State, context: UnitContext): void;
}

export interface UnitByType {
  boot: Boot;
  pseudonym: Pseudonym;
  sieve: Sieve;
  step: Step;
  stride: Stride;
  wrap: Wrap;
}

/** A registered unit: identity, when it applies, and how to build it. */
export interface UnitDefinition<T extends UnitType = UnitType> {
  readonly id: string;
  readonly type: T;
  readonly description: string;
  /** Configurations to include the unit with (one instance each); [] leaves it out. */
  shouldInclude(builder: BuilderContext): Array<Record<string, unknown>>;
  create(configuration: Record<string, unknown>): UnitByType[T];
}

/** The units of one run, by type, in running order. */
export interface Pipeline {
  boots: Boot[];
  pseudonyms: Pseudonym[];
  sieves: Sieve[];
  steps: Step[];
  strides: Stride[];
  wraps: Wrap[];
}
