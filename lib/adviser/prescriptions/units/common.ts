// What every prescription unit shares: its definition skeleton (id, type, description, should_include
// through the pipeline builder's context, one configuration per `match` entry), converting the YAML's
// messages into justifications, and the once-per-run stack_info and log actions.
import type { Justification, PrescriptionLog, PrescriptionMessage } from '../../../contracts/index.js';
import { canonicalizeName } from '../../../python/index.js';
import type { BuilderContext, PipelineBuilderContext, UnitContext } from '../../units/index.js';
import { shouldIncludeUnit } from '../conditions.js';
import type { PrescriptionLogEntry, PrescriptionUnitSpec } from '../types.js';

export interface UnitBuildOptions {
  /** Receives `run.log` lines (default: dropped). */
  log?: ((entry: PrescriptionLogEntry) => void) | undefined;
}

/** Extra knowledge advise() gives units beyond UnitContext: the index a resolved package comes from. */
export interface PrescriptionRunContext extends UnitContext {
  indexOf?(name: string, version: string): string | null;
}

export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The builder context buildPipeline passes; a bare BuilderContext (tests, other callers) gets defaults. */
export function pipelineContext(builder: BuilderContext): PipelineBuilderContext {
  const b = builder as Partial<PipelineBuilderContext> & BuilderContext;
  return {
    ...b,
    pipelineKind: b.pipelineKind ?? 'adviser',
    decisionType: b.decisionType ?? null,
    runtimeEnvironment: b.runtimeEnvironment ?? null,
    iteration: b.iteration ?? 0,
    isIncluded: b.isIncluded ?? (() => false),
  };
}

/** One configuration per `match` entry ({} when the unit has none), or none when should_include fails. */
export function includeConfigurations(spec: PrescriptionUnitSpec) {
  return (builder: BuilderContext): Array<Record<string, unknown>> => {
    if (!shouldIncludeUnit(spec.data.should_include, pipelineContext(builder))) return [];
    const matches = asList((spec.data as { match?: unknown }).match as Record<string, unknown> | undefined);
    return matches.length === 0 ? [{}] : matches.map((match) => ({ match }));
  };
}

export function toJustification(m: PrescriptionMessage, unit: string, packageName?: string): Justification {
  const name = m.package_name ?? packageName;
  return {
    type: m.type.toLowerCase() as Justification['type'],
    message: m.message,
    link: m.link ?? null,
    ...(name === undefined || name === null ? {} : { package_name: canonicalizeName(name) }),
    unit,
  };
}

/** `run.stack_info` and `run.log`, each emitted once per run (per unit instance). */
export class OncePerRun {
  private done = false;
  constructor(
    private readonly unit: string,
    private readonly run: { stack_info?: PrescriptionMessage[]; log?: PrescriptionLog },
    private readonly options: UnitBuildOptions,
  ) {}

  fire(context: UnitContext, packageName?: string): void {
    if (this.done) return;
    this.done = true;
    for (const m of this.run.stack_info ?? [])
      context.stackInfo.push(toJustification(m, this.unit, packageName));
    if (this.run.log !== undefined)
      this.options.log?.({
        unit: this.unit,
        level: (this.run.log.type ?? 'INFO').toLowerCase() as PrescriptionLogEntry['level'],
        message: this.run.log.message,
      });
  }
}

export function describe(spec: PrescriptionUnitSpec): string {
  return `${spec.data.type} from prescription ${spec.prescription} (${spec.file})`;
}
