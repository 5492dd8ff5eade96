// The user's current lock as a baseline (issue #6): its pins for this environment are checked against
// the run's catalog (every pin known and usable here, the requirements, the constraints and every
// dependency edge satisfied), and a valid lock is replayed through the pipeline's steps and strides
// like a product, so its score is comparable with the products'. Every problem becomes a typed reason,
// never an exception; products then say how they differ from it (score, changed pins, advisories
// avoided). Pins the graph lacks are handed to the learning loop like any other missing knowledge.
import type {
  AdviseBaseline,
  AdviserProductV2,
  BaselineChange,
  BaselineComparison,
  BaselineReason,
  Justification,
} from '../contracts/index.js';
import { compareVersions, parseMarker, tryParseVersion } from '../python/index.js';
import type { Version } from '../python/index.js';
import type { AdviseOutcome, UnresolvedEntry } from './advise.js';
import type { LockFormat, ProvenanceLock } from './provenance/types.js';
import type { Candidate, Catalog, ResolveOptions } from './resolver/index.js';
import { Expander } from './search.js';
import { State } from './state.js';
import type { PrereleasePolicy, RootRequirement } from './types.js';
import { advisoriesOf, allowedIds } from './units/security/index.js';
import { id as UNIQUE_STACK_STRIDE } from './units/strides/unique-stack.js';
import { EagerStopPipeline, NotAcceptable } from './units/index.js';
import type { Pipeline, UnitContext } from './units/index.js';

/** A lock read by the provenance check's readers (`readLock`): one shape for the three formats. */
export type BaselineLock = ProvenanceLock;

/** What scoring a lock needs from the adviser run: its catalog, requirements and pipeline. */
export interface BaselineRun {
  lock: BaselineLock;
  catalog: Catalog;
  /** Active requirements (markers applied, names normalized). */
  requirements: readonly RootRequirement[];
  constraints: readonly RootRequirement[];
  pipeline: Pipeline;
  context: UnitContext;
  prereleases: PrereleasePolicy;
  resolveOptions: ResolveOptions;
}

/** A scored lock, before it is compared with products (`attachBaseline`). */
export interface ScoredBaseline {
  baseline: Omit<AdviseBaseline, 'best'>;
  /** The lock's stack for this environment: the pins the requirements reach, catalog spelling. */
  selection: ReadonlyMap<string, string>;
  /** Pins the graph lacks (unknown, or not solved here): what the learning loop should learn. */
  gaps: UnresolvedEntry[];
  catalog: Catalog;
  labels: Readonly<Record<string, string>>;
}

/** Score differences below this are float noise (the same stack summed in another order). */
const EPSILON = 1e-9;

interface Pin {
  name: string;
  /** As the lock writes it. */
  written: string;
  parsed: Version | undefined;
  indexUrl: string | null;
  /** The catalog's candidate for the version; undefined when the graph does not know it. */
  candidate?: Candidate;
}

const UNAVAILABLE: Record<string, (pin: string, detail: string | null, python: string) => string> = {
  'requires-python': (pin, detail, python) =>
    `${pin} does not support Python ${python}${detail === null ? '' : ` (${detail})`}.`,
  yanked: (pin) => `${pin} is yanked from its index.`,
  'not-installable': (pin, detail) =>
    `${pin} cannot be installed in this environment${detail === null ? '' : `: ${detail}`}.`,
  'not-solved': (pin) => `${pin} is not solved for this environment yet; it has been scheduled for solving.`,
  'no-compatible-file': (pin, detail) => `${pin} has no usable file${detail === null ? '' : ` (${detail})`}.`,
  'removed-by-unit': (pin, detail) => `${pin} is removed by ${detail ?? 'a pipeline unit'}.`,
  security: (pin, detail) =>
    `${pin} is affected by a known vulnerability${detail === null ? '' : `: ${detail}`}.`,
};

function reason(
  kind: BaselineReason['kind'],
  message: string,
  fields: Partial<Omit<BaselineReason, 'kind' | 'message'>> = {},
): BaselineReason {
  return {
    kind,
    package_name: fields.package_name ?? null,
    version: fields.version ?? null,
    specifier: fields.specifier ?? null,
    required_by: fields.required_by ?? null,
    message,
    detail: fields.detail ?? null,
  };
}

/** Does the lock install this entry here? Lock markers are evaluated as pip (requirements) or PEP 751 (pylock) do. */
function isActive(
  entry: { marker?: string; category?: string },
  format: LockFormat,
  run: BaselineRun,
): boolean {
  // Pipfile.lock categories other than `default` are development or optional groups: not advised.
  if (entry.category !== undefined) return false;
  if (entry.marker === undefined) return true;
  try {
    return parseMarker(entry.marker).evaluate(
      run.context.environment.markers,
      format === 'pylock-toml' ? 'lock_file' : 'requirement',
    );
  } catch {
    // A marker that cannot be evaluated here (an unknown variable) installs nothing, as the catalog
    // treats such dependency edges.
    return false;
  }
}

/** The lock's pins for this environment, and the reasons reading them gives (conflicts, direct references). */
function activePins(run: BaselineRun, reasons: BaselineReason[]): Map<string, Pin> {
  const { lock } = run;
  const pins = new Map<string, Pin>();
  for (const entry of lock.packages) {
    if (!isActive(entry, lock.format, run)) continue;
    const parsed = tryParseVersion(entry.version);
    const previous = pins.get(entry.name);
    if (previous !== undefined) {
      const same =
        previous.written === entry.version ||
        (previous.parsed !== undefined &&
          parsed !== undefined &&
          compareVersions(previous.parsed, parsed) === 0);
      if (!same)
        reasons.push(
          reason(
            'conflicting-pins',
            `The lock pins ${entry.name} twice for this environment: ${previous.written} and ${entry.version}.`,
            { package_name: entry.name, version: entry.version },
          ),
        );
      continue;
    }
    pins.set(entry.name, { name: entry.name, written: entry.version, parsed, indexUrl: entry.indexUrl });
  }
  for (const entry of lock.directReferences) {
    if (!isActive(entry, lock.format, run)) continue;
    const where = `${entry.origin.file}:${entry.origin.line}`;
    reasons.push(
      reason(
        'direct-reference',
        `${entry.name ?? 'An entry'} (${where}) is installed from a URL, path or VCS checkout, which the knowledge graph cannot check.`,
        { package_name: entry.name },
      ),
    );
  }
  return pins;
}

/** Finds each pin's candidate; unknown and unusable pins become reasons (and gaps when learnable). */
function checkPins(
  run: BaselineRun,
  pins: Map<string, Pin>,
  reasons: BaselineReason[],
  gaps: UnresolvedEntry[],
) {
  const python = run.context.environment.pythonVersion;
  for (const pin of pins.values()) {
    const info = run.catalog.get(pin.name);
    const label = `${pin.name} ${pin.written}`;
    if (info.skipped !== undefined) continue;
    if (info.candidates.length === 0) {
      reasons.push(
        reason(
          'unknown-package',
          `The knowledge graph knows no release of ${pin.name}, which the lock pins at ${pin.written}.`,
          {
            package_name: pin.name,
            version: pin.written,
          },
        ),
      );
      gaps.push({ name: pin.name, specifier: `==${pin.written}`, index_url: pin.indexUrl });
      continue;
    }
    const index =
      info.universe.indexOf(pin.written) ??
      (pin.parsed === undefined
        ? undefined
        : info.candidates.findIndex((c) => c.parsed.compare(pin.parsed!) === 0));
    const candidate = index === undefined || index < 0 ? undefined : info.candidates[index];
    if (candidate === undefined) {
      reasons.push(
        reason(
          'unknown-version',
          pin.parsed === undefined
            ? `${label} is not a PEP 440 version.`
            : `The knowledge graph has no release ${label}.`,
          { package_name: pin.name, version: pin.written },
        ),
      );
      if (pin.parsed !== undefined)
        gaps.push({ name: pin.name, specifier: `==${pin.written}`, index_url: pin.indexUrl });
      continue;
    }
    pin.candidate = candidate;
    const unavailable = candidate.unavailable;
    if (unavailable === null) continue;
    const text =
      UNAVAILABLE[unavailable.reason]?.(label, unavailable.detail, python) ?? `${label} cannot be used here.`;
    reasons.push(
      reason(unavailable.reason, text, {
        package_name: pin.name,
        version: pin.written,
        detail: unavailable.detail,
      }),
    );
    if (unavailable.reason === 'not-solved')
      gaps.push({
        name: pin.name,
        specifier: `==${candidate.version}`,
        index_url: candidate.release.indexUrl,
      });
  }
}

/**
 * Walks the stack from the requirements through the pins' dependency edges (extras included), as the
 * resolver would: a requirement or an edge without a pin, or with a pin outside its specifier, is a
 * reason. Returns the reached packages in walking order, with the extras they were asked for.
 */
async function walk(
  run: BaselineRun,
  pins: ReadonlyMap<string, Pin>,
  reasons: BaselineReason[],
): Promise<Map<string, Set<string>>> {
  const { catalog } = run;
  const reached = new Map<string, Set<string>>();
  const queue: Array<[string, Array<string | null>]> = [];
  const reach = (name: string, extras: readonly string[]): void => {
    if (catalog.get(name).skipped !== undefined) return;
    const known = reached.get(name);
    if (known === undefined) {
      reached.set(name, new Set(extras));
      queue.push([name, [null, ...extras]]);
      return;
    }
    const added = extras.filter((e) => !known.has(e));
    for (const e of added) known.add(e);
    if (added.length > 0) queue.push([name, added]);
  };
  const satisfies = (pin: Pin, text: string): boolean => {
    const specifier = catalog.parseSpecifier(text);
    return (
      pin.parsed !== undefined &&
      specifier !== undefined &&
      specifier.contains(pin.parsed, { prereleases: true })
    );
  };
  for (const r of run.requirements) {
    if (catalog.get(r.name).skipped !== undefined) continue;
    const pin = pins.get(r.name);
    const wanted = `${r.name}${r.specifier}`;
    if (pin === undefined) {
      reasons.push(
        reason('requirement-not-pinned', `The project requires ${wanted}, which the lock does not pin.`, {
          package_name: r.name,
          specifier: r.specifier,
        }),
      );
      continue;
    }
    if (!satisfies(pin, r.specifier))
      reasons.push(
        reason(
          'requirement-violated',
          `The project requires ${wanted}, but the lock pins ${pin.name} ${pin.written}.`,
          { package_name: r.name, version: pin.written, specifier: r.specifier },
        ),
      );
    reach(r.name, r.extras);
  }
  while (queue.length > 0) {
    const [name, extras] = queue.shift()!;
    const candidate = pins.get(name)?.candidate;
    // An unknown pin has no known dependencies: its reason is enough.
    if (candidate === undefined) continue;
    for (const extra of extras) {
      const deps = catalog.dependencies(name, candidate.version, extra);
      await catalog.load(deps.map((d) => d.name));
      const by = `${name}==${candidate.version}`;
      const asker = `${name}${extra === null ? '' : `[${extra}]`} ${pins.get(name)!.written}`;
      for (const dep of deps) {
        if (catalog.get(dep.name).skipped !== undefined) continue;
        const pin = pins.get(dep.name);
        const wanted = `${dep.name}${dep.specifierText}`;
        if (pin === undefined) {
          reasons.push(
            reason('dependency-not-pinned', `${asker} requires ${wanted}, which the lock does not pin.`, {
              package_name: dep.name,
              specifier: dep.specifierText,
              required_by: by,
            }),
          );
          continue;
        }
        if (!satisfies(pin, dep.specifierText))
          reasons.push(
            reason(
              'dependency-violated',
              `${asker} requires ${wanted}, but the lock pins ${pin.name} ${pin.written}.`,
              { package_name: dep.name, version: pin.written, specifier: dep.specifierText, required_by: by },
            ),
          );
        reach(dep.name, dep.extras);
      }
    }
  }
  for (const c of run.constraints) {
    const pin = pins.get(c.name);
    // A pin already unusable has its reason; ConstraintsSieve, when present, reports it there.
    if (pin === undefined || !reached.has(c.name) || (pin.candidate?.unavailable ?? null) !== null) continue;
    if (!satisfies(pin, c.specifier))
      reasons.push(
        reason(
          'constraint-violated',
          `The constraint ${c.name}${c.specifier} excludes the lock's ${pin.name} ${pin.written}.`,
          { package_name: c.name, version: pin.written, specifier: c.specifier },
        ),
      );
  }
  return reached;
}

/**
 * Replays a valid stack through the steps (Expander.expand, with the stack as its witness, so no
 * resolution runs) and the strides. Every package of the stack is queued from the start with its
 * pinned version as the only candidate: the replay scores the lock as written, even a version the
 * search would not consider (older than `limitLatestVersions`, a pre-release the policy skips).
 */
async function replay(
  run: BaselineRun,
  reached: ReadonlyMap<string, ReadonlySet<string>>,
  selection: ReadonlyMap<string, string>,
  reasons: BaselineReason[],
): Promise<{ score: number | null; justification: Justification[] }> {
  const expander = new Expander({
    catalog: run.catalog,
    requirements: run.requirements,
    pipeline: run.pipeline,
    context: run.context,
    prereleases: run.prereleases,
    resolveOptions: run.resolveOptions,
  });
  expander.addWitness(selection);
  let state: State | undefined = new State(0);
  for (const [name, version] of selection) state.unresolved.set(name, [version]);
  for (const r of run.requirements) if (reached.has(r.name)) state.extras.set(r.name, new Set(r.extras));
  let iteration = 0;
  try {
    while (state !== undefined && !state.isFinal()) {
      const name: string = state.firstUnresolved()!;
      const version = selection.get(name)!;
      state = (await expander.expand({ state, package: name, version }, ++iteration)).child;
      if (state === undefined)
        reasons.push(
          reason(
            'refused-by-unit',
            `The pipeline refused ${name} ${version} in this stack (a step found it not acceptable).`,
            { package_name: name, version },
          ),
        );
    }
  } catch (error) {
    if (!(error instanceof EagerStopPipeline)) throw error;
    return {
      score: null,
      justification: [
        {
          type: 'warning',
          message: `The pipeline stopped while the lock was scored: ${error.message}`,
          link: null,
        },
      ],
    };
  }
  if (state === undefined) return { score: null, justification: [] };
  // Strides judge the stack as they judge products; UniqueStackStride is left out: the lock is
  // compared with the products, not one of them (it would refuse a lock equal to a product).
  for (const stride of run.pipeline.strides) {
    if (stride.name === UNIQUE_STACK_STRIDE) continue;
    try {
      stride.run(state, run.context);
    } catch (error) {
      if (error instanceof NotAcceptable) {
        reasons.push(
          reason('refused-by-unit', `${stride.name} refuses the lock's stack: ${error.message}`, {
            detail: stride.name,
          }),
        );
        return { score: null, justification: state.justification };
      }
      if (!(error instanceof EagerStopPipeline)) throw error;
    }
  }
  return { score: state.score, justification: state.justification };
}

/** Checks and scores the lock within an adviser run. Never throws for a defect of the lock. */
export async function scoreBaseline(run: BaselineRun): Promise<ScoredBaseline> {
  const { lock, catalog } = run;
  const reasons: BaselineReason[] = [];
  const gaps: UnresolvedEntry[] = [];
  const pins = activePins(run, reasons);
  await catalog.load([
    ...pins.keys(),
    ...run.requirements.map((r) => r.name),
    ...run.constraints.map((c) => c.name),
  ]);
  checkPins(run, pins, reasons, gaps);
  const reached = await walk(run, pins, reasons);
  const selection = new Map<string, string>();
  for (const name of reached.keys()) {
    const candidate = pins.get(name)?.candidate;
    if (candidate !== undefined) selection.set(name, candidate.version);
  }
  const justification: Justification[] = [];
  let score: number | null = null;
  if (reasons.length === 0) {
    const replayed = await replay(run, reached, selection, reasons);
    score = reasons.length === 0 ? replayed.score : null;
    justification.push(...replayed.justification);
  }
  const unused = [...pins.values()].filter(
    (p) => !reached.has(p.name) && catalog.get(p.name).skipped === undefined,
  );
  if (unused.length > 0)
    justification.push({
      type: 'info',
      message: `The lock also pins ${unused.map((p) => `${p.name} ${p.written}`).join(', ')}, which nothing requires in this environment; left out of the comparison.`,
      link: null,
    });
  return {
    baseline: {
      source: lock.file,
      format: lock.format,
      valid: reasons.length === 0,
      score,
      pins: [...pins.values()]
        .map((p) => ({ name: p.name, version: p.written }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      reasons,
      justification,
    },
    selection,
    gaps,
    catalog,
    labels: run.context.labels,
  };
}

/** Advisory ids affecting `name==version` in the catalog that the `allow-cve` label does not accept. */
function advisoryIdsOf(scored: ScoredBaseline, name: string, version: string): Set<string> {
  const { catalog } = scored;
  if (!catalog.isLoaded(name)) return new Set();
  const info = catalog.get(name);
  const i = info.universe.indexOf(version);
  const candidate = i === undefined ? undefined : info.candidates[i];
  if (candidate === undefined) return new Set();
  const allowed = allowedIds(scored.labels);
  return new Set(
    advisoriesOf(candidate)
      .filter((a) => ![a.id, ...a.aliases].some((id) => allowed.has(id.toUpperCase())))
      .map((a) => a.id),
  );
}

/** How `product` differs from the lock: score difference, changed pins and the advisories they avoid. */
function compare(scored: ScoredBaseline, product: AdviserProductV2): BaselineComparison {
  const to = new Map(product.lock.packages.map((p) => [p.name, p.version]));
  const names = [...new Set([...scored.selection.keys(), ...to.keys()])].sort();
  const changes: BaselineChange[] = [];
  for (const name of names) {
    const from = scored.selection.get(name) ?? null;
    const next = to.get(name) ?? null;
    if (from === next) continue;
    const after = next === null ? new Set<string>() : advisoryIdsOf(scored, name, next);
    const avoids =
      from === null ? [] : [...advisoryIdsOf(scored, name, from)].filter((id) => !after.has(id)).sort();
    changes.push({ name, from, to: next, avoids });
  }
  const base = scored.baseline.score;
  // Rounded so the same two stacks always give the same difference (scores are sums in search order).
  const difference = base === null ? null : Math.round((product.score - base) * 1e9) / 1e9;
  return { score_difference: difference === 0 ? 0 : difference, changes };
}

/**
 * The outcome with the baseline: `result.baseline` (with `best`), each product's comparison, and the
 * lock's missing knowledge added to `unresolved` so the learning loop (or the advise step's
 * UnresolvedPackage messages) fetches it. `scored` undefined leaves the outcome as it is.
 */
export function attachBaseline(outcome: AdviseOutcome, scored: ScoredBaseline | undefined): AdviseOutcome {
  if (scored === undefined) return outcome;
  const { baseline } = scored;
  const score = baseline.score;
  const best = baseline.valid && score !== null && outcome.products.every((p) => p.score <= score + EPSILON);
  const known = new Set(outcome.unresolved.map((u) => `${u.name}\u0000${u.specifier}`));
  return {
    ...outcome,
    products: outcome.products.map((p) => ({ ...p, baseline_comparison: compare(scored, p) })),
    unresolved: [
      ...outcome.unresolved,
      ...scored.gaps.filter((g) => !known.has(`${g.name}\u0000${g.specifier}`)),
    ],
    baseline: { ...baseline, best },
  };
}
