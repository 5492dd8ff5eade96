// The UnresolvedPackage envelopes of an adviser run: one per package (or pinned release) the graph
// lacked, addressed to the investigator, carrying the run's environment and document id so the
// SolvedPackage handler can announce the run's AdviserReRun once everything it lacked is solved.
import { randomUUID } from 'node:crypto';
import { packageMessageKey, parseUnresolvedPackage, releaseMessageKey } from '../contracts/index.js';
import type { EnvironmentIdentity, MessageEnvelope } from '../contracts/index.js';
import type { UnresolvedEntry } from '../adviser/index.js';

export interface UnresolvedContext {
  /** The index the run resolved from, used when an entry names none. */
  indexUrl: string;
  environment: EnvironmentIdentity;
  documentId: string;
  correlationId: string;
  producer: { component: string; version: string };
  now: Date;
}

export function unresolvedPackageEnvelopes(
  entries: readonly UnresolvedEntry[],
  context: UnresolvedContext,
): MessageEnvelope[] {
  return entries.map((entry) => {
    // `==X` names one release (PEP 440 version matching); anything else is a range for the
    // investigator to pick the newest matching versions from.
    const pinned = entry.specifier.startsWith('==') && !entry.specifier.includes('*');
    const payload = parseUnresolvedPackage({
      package_name: entry.name,
      package_version: pinned ? entry.specifier.slice(2) : null,
      specifier: pinned || entry.specifier === '' ? null : entry.specifier,
      index_url: (entry.index_url ?? context.indexUrl).replace(/\/+$/, ''),
      environment: context.environment,
      requested_by: { kind: 'adviser', document_id: context.documentId },
    });
    return {
      id: randomUUID(),
      type: 'UnresolvedPackage',
      version: 1,
      key: pinned ? releaseMessageKey(entry.name, payload.package_version!) : packageMessageKey(entry.name),
      occurred_at: context.now.toISOString(),
      producer: context.producer,
      correlation_id: context.correlationId,
      causation_id: null,
      // The envelope's payload is an open object in the generated type; this one was just validated.
      payload: payload as unknown as MessageEnvelope['payload'],
    };
  });
}
