// What the security units learned about advisories during one run, for the wrap that explains a
// product: per package, the versions seen with advisories the user did not allow. Keyed by the run's
// UnitContext (one object per advise() call), so runs never share it and it is freed with the run.
import type { ReleaseAdvisory } from '../../types.js';
import type { UnitContext } from '../types.js';

export type AdvisoryLedger = Map<string, Map<string, readonly ReleaseAdvisory[]>>;

const LEDGERS = new WeakMap<UnitContext, AdvisoryLedger>();

/** The run's ledger (created on first use). */
export function ledgerOf(context: UnitContext): AdvisoryLedger {
  let ledger = LEDGERS.get(context);
  if (ledger === undefined) {
    ledger = new Map();
    LEDGERS.set(context, ledger);
  }
  return ledger;
}

/** Records that `name==version` is affected by `advisories` (not allowed by the user). */
export function recordAffected(
  context: UnitContext,
  name: string,
  version: string,
  advisories: readonly ReleaseAdvisory[],
): void {
  if (advisories.length === 0) return;
  const ledger = ledgerOf(context);
  const versions = ledger.get(name) ?? new Map<string, readonly ReleaseAdvisory[]>();
  versions.set(version, advisories);
  ledger.set(name, versions);
}
