// Evaluates a unit's `should_include` (reference §6.3) against the pipeline being built: pipeline
// flags (both default false, as in the original), recommendation or decision types, labels (any
// match suffices, the original's semantics), dependencies on already-included units, and the runtime
// environment (OS, hardware, Python and library versions as PEP 440 specifiers, platform, base image).
import type {
  PrescriptionHardware,
  PrescriptionRuntimeEnvironments,
  PrescriptionShouldInclude,
  RuntimeEnvironment,
} from '../../contracts/index.js';
import { tryParseSpecifierSet, tryParseVersion } from '../../python/index.js';
import type { PipelineBuilderContext } from '../units/index.js';

type Negatable<T> = T[] | { not: T[] };

/** A plain list matches when any entry equals; `{not: [...]}` when none does. */
export function matchesNegatable<T>(condition: Negatable<T>, test: (entry: T) => boolean): boolean {
  return Array.isArray(condition) ? condition.some(test) : !condition.not.some(test);
}

/** A version condition: null means "absent"; a specifier means "present and satisfying it". */
function versionMatches(condition: string | null | undefined, actual: string | null | undefined): boolean {
  if (condition === undefined) return true;
  if (condition === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  const specifier = tryParseSpecifierSet(condition);
  const version = tryParseVersion(actual);
  return (
    specifier !== undefined && version !== undefined && specifier.contains(version, { prereleases: true })
  );
}

function hardwareMatches(h: PrescriptionHardware, env: RuntimeEnvironment | null): boolean {
  const hw = env?.hardware;
  const family = hw?.cpu_family ?? null;
  const model = hw?.cpu_model ?? null;
  const gpu = hw?.gpu_model ?? null;
  if (
    h.cpu_families !== undefined &&
    (family === null || !matchesNegatable(h.cpu_families, (f) => f === family))
  )
    return false;
  if (h.cpu_models !== undefined && (model === null || !matchesNegatable(h.cpu_models, (m) => m === model)))
    return false;
  if (h.cpu_flags !== undefined && !h.cpu_flags.every((f) => (hw?.cpu_flags ?? []).includes(f))) return false;
  if (h.gpu_models !== undefined && !matchesNegatable(h.gpu_models, (g) => g === gpu)) return false;
  return true;
}

/** 'linux-x86_64' from the runtime environment, or derived from the marker environment. */
function platformOf(ctx: PipelineBuilderContext): string {
  const declared = ctx.runtimeEnvironment?.platform;
  if (declared !== undefined) return declared;
  const m = ctx.environment.markers;
  return `${String(m['sys_platform'] ?? '')}-${String(m['platform_machine'] ?? '')}`;
}

export function runtimeMatches(r: PrescriptionRuntimeEnvironments, ctx: PipelineBuilderContext): boolean {
  const env = ctx.runtimeEnvironment;
  if (r.python_version !== undefined) {
    // The original compares major.minor only: patch versions are not considered.
    const [major, minor] = ctx.environment.pythonVersion.split('.');
    if (!versionMatches(r.python_version, `${major}.${minor}`)) return false;
  }
  if (r.operating_systems !== undefined) {
    const os = env?.operating_system;
    const ok = r.operating_systems.some(
      (o) =>
        os !== undefined &&
        (o.name === undefined || o.name === os.name) &&
        (o.version === undefined || String(o.version) === os.version),
    );
    if (!ok) return false;
  }
  if (r.hardware !== undefined && !matchesNegatable(r.hardware, (h) => hardwareMatches(h, env))) return false;
  const versions = [
    [r.cuda_version, env?.cuda_version],
    [r.cudnn_version, env?.cudnn_version],
    [r.openblas_version, env?.openblas_version],
    [r.openmpi_version, env?.openmpi_version],
    [r.mkl_version, env?.mkl_version],
  ] as const;
  if (!versions.every(([condition, actual]) => versionMatches(condition, actual))) return false;
  if (r.platforms !== undefined && !matchesNegatable(r.platforms, (p) => p === platformOf(ctx))) return false;
  if (r.base_images !== undefined) {
    const image = env?.base_image ?? null;
    const same = (pattern: string): boolean =>
      image !== null && (pattern.endsWith('*') ? image.startsWith(pattern.slice(0, -1)) : image === pattern);
    if (!matchesNegatable(r.base_images, same)) return false;
  }
  return true;
}

/** Whether a unit with this should_include registers in the pipeline being built. */
export function shouldIncludeUnit(
  s: PrescriptionShouldInclude | undefined,
  ctx: PipelineBuilderContext,
): boolean {
  if (s === undefined || s.times === 0) return false;
  if (ctx.pipelineKind === 'adviser') {
    if (s.adviser_pipeline !== true) return false;
    if (
      s.recommendation_types !== undefined &&
      !matchesNegatable(s.recommendation_types, (t) => t === ctx.recommendationType)
    )
      return false;
  } else {
    if (s.dependency_monkey_pipeline !== true) return false;
    if (s.decision_types !== undefined && !matchesNegatable(s.decision_types, (t) => t === ctx.decisionType))
      return false;
  }
  if (s.labels !== undefined && Object.keys(s.labels).length > 0) {
    if (!Object.entries(s.labels).some(([k, v]) => ctx.labels[k] === v)) return false;
  }
  if (s.dependencies !== undefined) {
    const names = Object.values(s.dependencies).flat();
    if (!names.every((n) => ctx.isIncluded(n))) return false;
  }
  if (s.runtime_environments !== undefined && !runtimeMatches(s.runtime_environments, ctx)) return false;
  return true;
}
