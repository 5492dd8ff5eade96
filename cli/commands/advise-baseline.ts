// `thoth advise`'s baseline: which lock is the user's current one (`--lock FILE`, else the lock the
// run is about to write, when it already exists beside the requirements file; `--no-baseline` for
// none), and the lines that compare it with the advice. The lock is read with the provenance check's
// readers; lib/adviser/baseline.ts checks and scores it. The advice is a recommendation only when it
// is strictly better than that lock (reference §11): when the lock already scores as well as every
// product, `thoth advise` leaves it as it is and writes no lock (`--no-baseline` writes regardless).
import { access, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AdviseBaseline, AdviserProductV2, DocumentOf } from '../../lib/contracts/index.js';
import { InputError } from '../../lib/errors/index.js';
import type { BaselineLock } from '../../lib/adviser/baseline.js';
// The readers only: the provenance barrel would load the index client (undici) on the warm path.
import { readLock } from '../../lib/adviser/provenance/lock/index.js';
import { lockPath } from '../../lib/learning/lock.js';
import type { WriterId } from '../../lib/python/writers/index.js';

export interface BaselineOptions {
  /** `--lock FILE`. */
  lock?: string;
  /** False with `--no-baseline`. */
  baseline: boolean;
}

/**
 * The lock a run would write for `format` beside `requirements`, named as the user would write it:
 * requirements.txt in → requirements.lock.txt (the run never overwrites its input), Pipfile.lock,
 * pylock.toml.
 */
function lockBeside(requirements: string, format: WriterId): string {
  const path = lockPath(dirname(requirements), format);
  return resolve(path) === resolve(requirements) ? path.replace(/\.txt$/, '.lock.txt') : path;
}

/**
 * The user's current lock. `--lock FILE` must be readable and a lock (else exit 2). Without it, the
 * first of the formats being written whose lock already exists beside the requirements file is used;
 * a file there that is not a lock (a requirements.txt with ranges) is skipped with a note.
 */
export async function findBaselineLock(
  options: BaselineOptions,
  requirements: string,
  formats: readonly WriterId[],
): Promise<{ lock: BaselineLock | undefined; notes: string[] }> {
  if (!options.baseline) {
    if (options.lock !== undefined) throw new InputError('--lock and --no-baseline exclude each other');
    return { lock: undefined, notes: [] };
  }
  if (options.lock !== undefined) {
    let text: string;
    try {
      text = await readFile(options.lock, 'utf8');
    } catch (error) {
      throw new InputError(`--lock: cannot read ${options.lock}: ${(error as Error).message}`);
    }
    return { lock: readLock(text, options.lock), notes: [] };
  }
  for (const format of formats) {
    const path = lockBeside(requirements, format);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    try {
      return { lock: readLock(await readFile(path, 'utf8'), path, { format }), notes: [] };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { lock: undefined, notes: [`not scoring ${path} as your current lock: ${error.message}`] };
    }
  }
  return { lock: undefined, notes: [] };
}

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(3)}`;

/** "urllib3 2.2.1 → 2.2.3 avoids GHSA-…": the changes that avoid advisories first, at most three. */
function describeChanges(product: AdviserProductV2): string {
  const changes = [...(product.baseline_comparison?.changes ?? [])].sort(
    (a, b) => b.avoids.length - a.avoids.length,
  );
  if (changes.length === 0) return 'the same pins';
  const shown = changes.slice(0, 3).map((c) => {
    const move =
      c.from === null
        ? `adds ${c.name} ${c.to}`
        : c.to === null
          ? `drops ${c.name}`
          : `${c.name} ${c.from} → ${c.to}`;
    return c.avoids.length === 0 ? move : `${move} avoids ${c.avoids.join(', ')}`;
  });
  const more = changes.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more change${more === 1 ? '' : 's'}` : ''}`;
}

/**
 * The run's baseline and products when its document has one: v2 documents carry `result.baseline`
 * (null without a lock); a v1 document (a cluster running an older analyzer) never has one.
 */
function baselineOf(
  document: DocumentOf<'adviser'>,
): { baseline: AdviseBaseline; products: readonly AdviserProductV2[] } | undefined {
  const { result } = document;
  if (!('baseline' in result) || result.baseline === null) return undefined;
  return { baseline: result.baseline, products: result.products };
}

/**
 * True when the user's lock is valid and no product scores strictly better (`best`, which allows for
 * float noise): the advice is not a recommendation, so the lock is left as it is and none is written.
 */
export function isCurrentLockBest(document: DocumentOf<'adviser'>): boolean {
  const found = baselineOf(document);
  return found !== undefined && found.baseline.valid && found.baseline.best;
}

/** The lines comparing the user's lock with the best product (none when the run had no lock). */
export function baselineLines(document: DocumentOf<'adviser'>): string[] {
  const found = baselineOf(document);
  if (found === undefined) return [];
  const { baseline, products } = found;
  const name = `your current lock (${baseline.source})`;
  const best = products[0];
  if (!baseline.valid) {
    const shown = baseline.reasons.slice(0, 3).map((r) => r.message.replace(/\.$/, ''));
    const more = baseline.reasons.length - shown.length;
    return [
      `${name} is not a valid stack for these requirements here: ${shown.join('; ')}${more > 0 ? `; and ${more} more (--json lists them)` : ''}.`,
      ...(best === undefined ? [] : [`advised stack: score ${best.score.toFixed(3)}`]),
    ];
  }
  if (baseline.score === null) return [`${name} could not be scored (see its justification with --json).`];
  const head = `${name}: score ${baseline.score.toFixed(3)}`;
  // No product (the run failed): nothing was found that could be better.
  if (best === undefined) return [`${head}; your current lock is already the best found.`];
  if (baseline.best)
    return [
      `${name} is already the best found (score ${baseline.score.toFixed(3)}); left unchanged (--no-baseline writes the advised stack)`,
    ];
  const difference = best.baseline_comparison?.score_difference ?? best.score - baseline.score;
  return [`${head}; advised stack: ${signed(difference)} better (${describeChanges(best)})`];
}
